import NianbaoArchive
import NianbaoCompare
import NianbaoModel

/// The archive page's body (档案库): the filter form, the sortable table of reports and the
/// pager. HTML only, no layout around it: the server puts it in its page, so the page looks
/// like the rest of the site, and the tests read it without a server.
public enum ArchiveListPage {
    /// Where the page lives and an agency's page (`base?agency=…` is the list filtered,
    /// `agencyBase?name=…` the agency).
    public struct Links: Sendable {
        public var base: String
        public var agencyBase: String
        public init(base: String = "/archive", agencyBase: String = "/archive/agency") {
            self.base = base
            self.agencyBase = agencyBase
        }
    }

    static let verdicts = [("ok", "无问题"), ("warnings", "有警告"), ("errors", "有错误")]
    static func verdictLabel(_ verdict: String) -> String { verdicts.first { $0.0 == verdict }?.1 ?? HTML.escape(verdict) }
    static let columns: [(ArchiveQuery.Column, String)] = [(.agency, "机关"), (.year, "年度"), (.template, "模板"), (.verdict, "结论"), (.errors, "错误"), (.warnings, "警告")]

    /// The label of a sort key: a column's, a metric's or a cell's.
    static func label(_ key: String) -> String {
        if let c = columns.first(where: { $0.0.rawValue == key }) { return c.1 }
        if let m = Metric.summary.first(where: { $0.key == key }) { return m.label }
        if let d = Metric.Derived(rawValue: key) { return d.label }
        return CellKey(key)?.label ?? key
    }

    static func isRate(_ key: String) -> Bool { Metric.Derived(rawValue: key)?.isRate ?? false }

    public static func html(_ results: ArchiveResults, facets: ArchiveFacets, query: ArchiveQuery, links: Links = Links()) -> String {
        var h = "<section class=\"archive\">\n<h1>档案库</h1>\n"
        h += "<p class=\"facts\">\(facets.reports) 份报告 · \(facets.agencies) 个机关"
        h += facets.years.isEmpty ? "" : " · \(facets.years.first!)–\(facets.years.last!) 年度"
        h += facets.failed > 0 ? " · \(facets.failed) 个文件未能读取" : ""
        h += "</p>\n"
        h += form(facets: facets, query: query, links: links)
        h += table(results, query: query, links: links)
        h += pager(results, query: query, links: links)
        return h + "</section>\n"
    }

    static func option(_ value: String, _ label: String, selected: Bool) -> String {
        "<option value=\"\(HTML.escape(value))\"\(selected ? " selected" : "")>\(HTML.escape(label))</option>"
    }

    static func form(facets: ArchiveFacets, query: ArchiveQuery, links: Links) -> String {
        var h = "<form class=\"filters\" method=\"get\" action=\"\(HTML.escape(links.base))\" role=\"search\">\n"
        h += "<label>机关 <input type=\"search\" name=\"agency\" value=\"\(HTML.escape(query.agency ?? ""))\" placeholder=\"名称的一部分，如 汉阴\"></label>\n"
        h += "<label>年度 <select name=\"year\"><option value=\"\">全部</option>"
            + facets.years.map { option(String($0), String($0), selected: query.year == $0) }.joined() + "</select></label>\n"
        h += "<label>模板 <select name=\"template\"><option value=\"\">全部</option>"
            + option("2021", "2021 年模板", selected: query.template == "2021") + option("2019", "2019 年模板", selected: query.template == "2019") + "</select></label>\n"
        h += "<label>结论 <select name=\"verdict\"><option value=\"\">全部</option>"
            + verdicts.map { option($0.0, $0.1 + (facets.verdicts[$0.0].map { "（\($0)）" } ?? ""), selected: query.verdict == $0.0) }.joined() + "</select></label>\n"
        // Every metric and every cell can be sorted by: the summary's first, then the 200 cells.
        h += "<label>排序 <select name=\"sort\">"
        h += "<optgroup label=\"栏目\">" + columns.map { option($0.0.rawValue, $0.1, selected: query.sort == $0.0.rawValue) }.joined() + "</optgroup>"
        h += "<optgroup label=\"主要指标\">" + Metric.summary.map { option($0.key, $0.label, selected: query.sort == $0.key) }.joined() + "</optgroup>"
        let inSummary = Set(Metric.summary.map(\.key))
        h += "<optgroup label=\"全部单元格\">"
        for key in CellKey.all { h += option(key.rawValue, key.label, selected: query.sort == key.rawValue && !inSummary.contains(key.rawValue)) }
        h += "</optgroup>"
        h += "</select></label>\n"
        h += "<label><input type=\"checkbox\" name=\"desc\" value=\"1\"\(query.descending ? " checked" : "")> 从大到小</label>\n"
        h += "<button type=\"submit\">筛选</button> <a href=\"\(HTML.escape(links.base))\">清除</a>\n</form>\n"
        return h
    }

    static func table(_ results: ArchiveResults, query: ArchiveQuery, links: Links) -> String {
        let sortsByValue = ArchiveQuery.Column(rawValue: query.sort) == nil
        var h = "<table class=\"reports\">\n<thead><tr>"
        func header(_ key: String, _ label: String, numeric: Bool = false) -> String {
            let current = query.sort == key
            // Numbers sort largest first on the first click, names A to Z.
            let descending = current ? !query.descending : numeric
            let href = links.base + "?" + query.parameters(["sort": key, "desc": descending ? "1" : nil, "page": nil])
            let mark = current ? (query.descending ? " ▼" : " ▲") : ""
            let sorted = current ? " aria-sort=\"\(query.descending ? "descending" : "ascending")\"" : ""
            return "<th\(sorted)\(numeric ? " class=\"n\"" : "")><a href=\"\(HTML.escape(href))\">\(HTML.escape(label))\(mark)</a></th>"
        }
        for (column, label) in columns { h += header(column.rawValue, label, numeric: [.year, .errors, .warnings].contains(column)) }
        h += header(Metric.Derived.received.rawValue, "收到申请", numeric: true)
        if sortsByValue && query.sort != Metric.Derived.received.rawValue { h += header(query.sort, label(query.sort), numeric: true) }
        h += "<th>文件</th></tr></thead>\n<tbody>\n"
        if results.rows.isEmpty {
            h += "<tr><td colspan=\"10\" class=\"empty\">没有符合条件的报告。</td></tr>\n"
        }
        for row in results.rows {
            let agency = links.agencyBase + "?name=" + HTML.query(row.agency)
            h += "<tr class=\"\(row.verdict)\"><td><a href=\"\(HTML.escape(agency))\">\(HTML.escape(row.agency.isEmpty ? "（无机关名）" : row.agency))</a></td>"
            h += "<td class=\"n\">\(row.year.map(String.init) ?? "")</td><td>\(HTML.escape(row.template))</td>"
            h += "<td>\(verdictLabel(row.verdict))</td>"
            h += "<td class=\"n\">\(row.errors)</td><td class=\"n\">\(row.warnings)</td><td class=\"n\">\(HTML.figure(row.received, rate: false))</td>"
            if sortsByValue && query.sort != Metric.Derived.received.rawValue {
                // A cell shows as exported (a placeholder as written), a metric as a figure.
                h += "<td class=\"n\">\(HTML.escape(row.sortText ?? HTML.figure(row.sortValue, rate: isRate(query.sort))))</td>"
            }
            h += "<td class=\"path\">\(HTML.escape(row.path))</td></tr>\n"
        }
        return h + "</tbody>\n</table>\n"
    }

    static func pager(_ results: ArchiveResults, query: ArchiveQuery, links: Links) -> String {
        let page = query.offset / max(1, query.limit) + 1
        let pages = max(1, (results.total + query.limit - 1) / max(1, query.limit))
        let first = results.total == 0 ? 0 : query.offset + 1, last = query.offset + results.rows.count
        var h = "<nav class=\"pager\" aria-label=\"分页\"><span>第 \(first)–\(last) 条，共 \(results.total) 条</span> "
        if page > 1 { h += "<a rel=\"prev\" href=\"\(HTML.escape(links.base + "?" + query.parameters(["page": String(page - 1)])))\">上一页</a> " }
        h += "<span>第 \(page) / \(pages) 页</span>"
        if page < pages { h += " <a rel=\"next\" href=\"\(HTML.escape(links.base + "?" + query.parameters(["page": String(page + 1)])))\">下一页</a>" }
        return h + "</nav>\n"
    }
}
