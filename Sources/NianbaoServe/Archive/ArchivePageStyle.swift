import NianbaoArchive
/// The archive pages' stylesheet, inline (no CDN, nothing fetched): the server adds it to its
/// page's head; `document` wraps a body for a page of its own (previews, screenshots).
public enum ArchivePageStyle {
    public static let css = """
        .archive, .agency { font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; color: #1d2430; max-width: 72rem; }
        .archive h1, .agency h1 { font-size: 1.5rem; margin: .5rem 0; }
        .facts { color: #4a5568; margin: 0 0 1rem; }
        .filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; padding: .75rem; background: #f3f5f8; border: 1px solid #d6dbe3; border-radius: 6px; margin-bottom: 1rem; }
        .filters label { display: flex; flex-direction: column; font-size: .85rem; gap: .2rem; }
        .filters label:has(input[type=checkbox]) { flex-direction: row; align-items: center; }
        .filters input[type=search] { width: 14rem; }
        .filters select[name=sort] { max-width: 18rem; }
        .filters button { padding: .35rem 1rem; }
        table.reports, table.years { border-collapse: collapse; width: 100%; font-size: .9rem; }
        table.reports th, table.reports td, table.years th, table.years td { border-bottom: 1px solid #e2e6ec; padding: .35rem .5rem; text-align: left; }
        table.reports th a { color: inherit; text-decoration: none; }
        th[aria-sort] { background: #e8eef8; }
        table.years { width: auto; min-width: 36rem; }
        table.reports .n, table.years .n { text-align: right; font-variant-numeric: tabular-nums; }
        tr.errors td:nth-child(4), td.errors { color: #b42318; font-weight: 600; }
        tr.warnings td:nth-child(4), td.warnings { color: #9a6700; }
        .path { color: #5f6b7a; font-size: .8rem; word-break: break-all; }
        .pager { margin: 1rem 0; display: flex; gap: 1rem; }
        .charts { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
        svg.trend { border: 1px solid #e2e6ec; border-radius: 6px; background: #fff; }
        svg.trend .line { fill: none; stroke: #2563eb; stroke-width: 2; }
        svg.trend .dot { fill: #2563eb; }
        svg.trend .grid { stroke: #e2e6ec; }
        svg.trend .tick { font-size: 11px; fill: #5f6b7a; }
        svg.trend .caption { font-size: 13px; fill: #1d2430; }
        .findings li.error { color: #b42318; }
        .empty { color: #5f6b7a; }
        """

    /// A whole HTML document around `body`.
    public static func document(title: String, body: String) -> String {
        "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>\(HTML.escape(title))</title><style>\(css)</style></head><body>\n\(body)</body></html>\n"
    }
}
