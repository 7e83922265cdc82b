import NianbaoArchive
import NianbaoCompare
import NianbaoModel

/// An agency's page: a trend chart of each headline figure, its years side by side (the
/// summary's figures, one column a year, as each report wrote them), and each year's findings.
public enum AgencyPage {
    public static func html(agency: String, reports: [ArchivedReport], links: ArchiveListPage.Links = .init()) -> String {
        var h = "<section class=\"agency\">\n<p><a href=\"\(HTML.escape(links.base))\">← 档案库</a></p>\n<h1>\(HTML.escape(agency))</h1>\n"
        guard !reports.isEmpty else { return h + "<p class=\"empty\">档案库中没有这个机关的报告。</p>\n</section>\n" }
        let years = reports.map { $0.year.map(String.init) ?? "年度不详" }
        h += "<p class=\"facts\">\(reports.count) 份报告：\(years.joined(separator: "、"))</p>\n"
        h += "<div class=\"charts\">\n"
        // A chart needs two years with a figure (one point is no trend); the first four headline
        // figures that have one, so the table stays in view.
        let dated = reports.compactMap { r in r.year.map { ($0, r) } }
        var charts = 0
        for metric in Metric.summary where metric.headline && charts < 4 {
            let points = dated.map { (year: $0.0, value: number(metric, in: $0.1)) }
            guard points.compactMap(\.value).count >= 2 else { continue }
            h += TrendChart.svg(title: metric.label, points: points, rate: isRate(metric), width: 420, height: 180) + "\n"
            charts += 1
        }
        h += "</div>\n"
        h += "<table class=\"years\">\n<thead><tr><th>指标</th>" + years.map { "<th class=\"n\">\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        h += "<tr><td>结论</td>"
        for report in reports { h += "<td class=\"n \(report.verdict)\">\(ArchiveListPage.verdictLabel(report.verdict))</td>" }
        h += "</tr>\n"
        for metric in Metric.summary {
            h += "<tr><td>\(HTML.escape(metric.label))</td>"
            for report in reports { h += "<td class=\"n\">\(HTML.escape(value(metric, in: report)))</td>" }
            h += "</tr>\n"
        }
        h += "</tbody>\n</table>\n<h2>问题</h2>\n"
        for (year, report) in zip(years, reports) {
            h += "<h3>\(year) · <span class=\"path\">\(HTML.escape(report.path))</span></h3>\n"
            if report.findings.isEmpty { h += "<p>未发现问题。</p>\n"; continue }
            h += "<ul class=\"findings\">\n"
            for f in report.findings {
                let place = (f.page.map { "第 \($0) 页" } ?? "") + (f.line.map { "第 \($0) 行" } ?? "")
                h += "<li class=\"\(f.severity)\"><code>\(HTML.escape(f.id))</code> \(place.isEmpty ? "" : place + "：")\(HTML.escape(f.message))</li>\n"
            }
            h += "</ul>\n"
        }
        return h + "</section>\n"
    }

    static func isRate(_ m: Metric) -> Bool {
        if case .derived(let d) = m.kind { return d.isRate }
        return false
    }

    static func number(_ m: Metric, in r: ArchivedReport) -> Double? {
        switch m.kind {
        case .cell(let key): return r.cells[key.rawValue]?.number
        case .derived(let d): return r.metrics[d.rawValue]
        }
    }

    /// A cell as the report wrote it (`/` stays `/`, blank is empty, unreadable `?`); a
    /// derived figure as a count or a percentage.
    static func value(_ m: Metric, in r: ArchivedReport) -> String {
        switch m.kind {
        case .cell(let key): return r.cells[key.rawValue]?.value ?? ""
        case .derived(let d): return HTML.figure(r.metrics[d.rawValue], rate: d.isRate)
        }
    }
}
