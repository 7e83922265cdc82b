import Foundation
import NianbaoChecks
import NianbaoModel

/// Builds a `ComparisonSheet` from reports in the order given.
public enum ComparisonBuilder {
    public enum Metrics: String, Sendable, CaseIterable { case all, summary }

    public static func build(_ inputs: [ComparisonInput], metrics: Metrics = .all, title: String? = nil) -> ComparisonSheet {
        var columns = makeColumns(inputs)
        let columnOf = Dictionary(uniqueKeysWithValues: columns.enumerated().compactMap { c, column -> (Int, Int)? in
            if case .report(let i) = column.kind { return (i, c) } else { return nil }
        })
        // Footnotes: one per error finding with keys, numbered in input order. Two years of
        // one agency are also checked against each other (CrossYear).
        var footnotes: [String] = []
        var footnoteColumns: [Int] = []
        var notesByCell: [Int: [CellKey: [Int]]] = [:]
        let crossYear = CrossYear.findings(inputs.map(\.report))
        for (i, input) in inputs.enumerated() {
            for f in input.findings + crossYear[i] where f.severity == .error && !f.keys.isEmpty {
                footnotes.append("\(columns[columnOf[i]!].label)：\(FindingText.chinese(f))")
                footnoteColumns.append(columnOf[i]!)
                for k in f.keys { notesByCell[i, default: [:]][k, default: []].append(footnotes.count - 1) }
            }
        }
        // How each report's blank cells enter its derived figures, said once per report in a
        // footnote that the figures it changed (or left empty) point to.
        let readings = inputs.map { BlankReading.of($0.report) }
        var blankNotes: [Int: Int] = [:]
        func blankNote(_ i: Int) -> Int? {
            if let n = blankNotes[i] { return n }
            guard let text = readings[i].note(columns[columnOf[i]!].label) else { return nil }
            footnotes.append(text)
            footnoteColumns.append(columnOf[i]!)
            blankNotes[i] = footnotes.count - 1
            columns[columnOf[i]!].notes.append(footnotes.count - 1)
            return footnotes.count - 1
        }
        // Reports of both templates (FORMAT.md §2b): what both share is compared; a table-1
        // figure of one template is not the other's, and a footnote on each report of the
        // other template says so.
        let templates = Set(inputs.map(\.report.template))
        var templateNotes: [Int: Int] = [:]
        if templates.count > 1 {
            for (i, input) in inputs.enumerated() where input.report.template == .y2019 {
                footnotes.append("\(columns[columnOf[i]!].label)：按2019年模板填报，表一的项目与2021年模板不同，两种模板的表一指标不相比较（标「无此项」）；表二的（六）其他处理按一行比较，2021年模板的报告取其三行之和。")
                footnoteColumns.append(columnOf[i]!)
                columns[columnOf[i]!].notes.append(footnotes.count - 1)
                templateNotes[i] = footnotes.count - 1
            }
        }
        var chosen = metrics == .all ? Metric.all : Metric.summary
        if metrics == .all {
            // The 2019 table 1 and the single （六）其他处理 row, when a report has them.
            if templates.contains(.y2019) { chosen += CellKey.extended.filter { $0.rawValue.hasPrefix("active2019.") }.map { .cell($0) } }
            if inputs.contains(where: \.report.hasOtherProcessingRow) { chosen += CellKey.otherProcessing.map { .cell($0) } }
        }
        var rows: [ComparisonSheet.Row] = []
        for metric in chosen {
            var values: [ComparisonSheet.Value] = []
            for column in columns {
                switch column.kind {
                case .report(let i):
                    let r = inputs[i].report
                    var v = value(metric, r, blanksAsZero: readings[i].readsZero)
                    switch metric.kind {
                    case .cell(let key):
                        v.footnotes = notesByCell[i]?[key] ?? []
                        if v.display == Self.notInTemplate, let n = templateNotes[i] { v.footnotes = [n] }
                    case .derived(let d):
                        // A figure that blanks decide: computed from them as 0, or left empty.
                        if d.value(r) == nil, d.value(r, blanksAsZero: true) != nil, let n = blankNote(i) { v.footnotes = [n] }
                    }
                    values.append(v)
                case .change(let a, let b):
                    values.append(change(metric, value(metric, inputs[a].report, blanksAsZero: readings[a].readsZero),
                                         value(metric, inputs[b].report, blanksAsZero: readings[b].readsZero)))
                }
            }
            // Highest and lowest rank agencies; one agency's years are a series, not a ranking,
            // and several agencies over years are ranked within each year.
            if metric.headline, Set(columns.map(\.agency)).count > 1 {
                let years = Set(columns.filter(\.isReport).map(\.year))
                let overYears = Dictionary(grouping: columns.filter(\.isReport), by: \.agency).values.filter { Set($0.map(\.year)).count > 1 }.count >= 2
                if overYears, years.count > 1 {
                    for year in years { markExtremes(&values, columns, only: { columns[$0].year == year }) }
                } else {
                    markExtremes(&values, columns)
                }
            }
            rows.append(.init(metric: metric, values: values))
        }
        let years = Set(inputs.compactMap(\.report.year))
        let agencies = Set(columns.map(\.agency))
        var defaultTitle = years.count == 1 ? "\(years.first!)年政府信息公开工作年度报告对比" : "政府信息公开工作年度报告对比"
        if agencies.count == 1, let first = years.min(), let last = years.max(), first < last {
            defaultTitle = "\(agencies.first!)\(first)—\(last)年政府信息公开工作年度报告对比"
        }
        let given = title?.trimmingCharacters(in: .whitespaces) ?? ""
        return ComparisonSheet(title: given.isEmpty ? defaultTitle : given, columns: columns, rows: rows, footnotes: footnotes,
                               footnoteColumns: footnoteColumns)
    }

    /// Agencies in the order first given; several years of one agency side by side, each
    /// followed by its change from the year before.
    static func makeColumns(_ inputs: [ComparisonInput]) -> [ComparisonSheet.Column] {
        var order: [String] = []
        var byAgency: [String: [Int]] = [:]
        for (i, input) in inputs.enumerated() {
            // No title found: the file's name, and why, instead of an agency.
            let file = input.source.map { String($0.split(separator: "/").last ?? Substring($0)) } ?? "第 \(i + 1) 份"
            let agency = input.report.agency.isEmpty ? "\(file)（未找到报告标题）" : input.report.agency
            if byAgency[agency] == nil { order.append(agency) }
            byAgency[agency, default: []].append(i)
        }
        let yearsDiffer = Set(inputs.map(\.report.year)).count > 1
        var columns: [ComparisonSheet.Column] = []
        for agency in order {
            let indices = byAgency[agency]!.sorted { (inputs[$0].report.year ?? 0) < (inputs[$1].report.year ?? 0) }
            var seenYears: [Int?: Int] = [:]
            var previous: Int?
            for i in indices {
                let year = inputs[i].report.year
                var label = yearsDiffer || indices.count > 1 ? "\(agency) \(year.map(String.init) ?? "?")" : agency
                seenYears[year, default: 0] += 1
                // The same agency and year given twice: two columns, told apart, no change between them.
                if seenYears[year]! > 1 { label += "（\(seenYears[year]!)）" }
                columns.append(.init(kind: .report(i), label: label, agency: agency, year: year))
                if let prev = previous, inputs[prev].report.year != year, seenYears[year] == 1 {
                    let from = inputs[prev].report.year.map(String.init) ?? "?", to = year.map(String.init) ?? "?"
                    columns.append(.init(kind: .change(from: prev, to: i), label: "\(agency) 变化 \(from)→\(to)", agency: agency, year: year))
                }
                if seenYears[year] == 1 { previous = i }
            }
        }
        return columns
    }

    /// What a cell of the other template's table 1 shows: not blank, not a placeholder, not
    /// unreadable — a figure this report's template does not have.
    static let notInTemplate = "无此项"

    static func value(_ metric: Metric, _ r: Report, blanksAsZero: Bool = false) -> ComparisonSheet.Value {
        switch metric.kind {
        case .cell(let key) where !r.keys.contains(key):
            // A 2021 report's three 其他处理 rows, summed, are the 2019 template's single row.
            if let column = CellKey.otherProcessing.firstIndex(of: key).map({ RequestColumn.allCases[$0] }) {
                let three = RequestRow.allCases.filter { $0.group == .other }.map { r[.requests($0, column)] }
                guard three.allSatisfy({ $0.state != .unreadable }) else { return .init(csv: "?", display: "？", number: nil, mark: nil, footnotes: []) }
                let sum = three.reduce(0.0) { $0 + ($1.number ?? 0) }
                if three.allSatisfy({ $0.state != .number }) && !blanksAsZero { return .init(csv: "", display: "", number: nil, mark: nil, footnotes: []) }
                let text = sum == sum.rounded() ? String(Int(sum)) : String(sum)
                return .init(csv: text, display: text, number: sum, mark: nil, footnotes: [])
            }
            return .init(csv: notInTemplate, display: notInTemplate, number: nil, mark: nil, footnotes: [])
        case .cell(let key):
            let c = r[key]
            // Blank and placeholder stay empty in CSV (as the cells export) but keep their mark in print.
            let csv = c.exported
            let display = c.state == .unreadable ? "？" : c.text
            return .init(csv: csv, display: display, number: c.state == .number ? c.number : nil, mark: nil, footnotes: [])
        case .derived(let d):
            guard let v = d.value(r, blanksAsZero: blanksAsZero) else { return .init(csv: "", display: "", number: nil, mark: nil, footnotes: []) }
            return .init(csv: format(v, rate: d.isRate, csv: true), display: format(v, rate: d.isRate, csv: false), number: v, mark: nil, footnotes: [])
        }
    }

    static func change(_ metric: Metric, _ a: ComparisonSheet.Value, _ b: ComparisonSheet.Value) -> ComparisonSheet.Value {
        guard let x = a.number, let y = b.number else { return .init(csv: "", display: "", number: nil, mark: nil, footnotes: []) }
        let d = y - x
        var rate = false
        if case .derived(let derived) = metric.kind { rate = derived.isRate }
        // The fee's change keeps as many decimals as its operands were written with.
        let decimals = [a.csv, b.csv].map { $0.split(separator: ".").dropFirst().first?.count ?? 0 }.max()!
        let csv = rate ? String(format: "%.4f", d) : String(format: "%.\(decimals)f", d)
        var display = rate ? String(format: "%+.1f个百分点", d * 100) : String(format: "%+.\(decimals)f", d)
        // A count's change also as a share of the year before (none from 0: no base to divide by).
        if !rate, x != 0 { display += String(format: "（%+.1f%%）", d / x * 100) }
        if d == 0 { display = "0" }
        return .init(csv: csv, display: display, number: d, mark: nil, footnotes: [])
    }

    static func format(_ v: Double, rate: Bool, csv: Bool) -> String {
        if rate { return csv ? String(format: "%.4f", v) : String(format: "%.1f%%", v * 100) }
        return v == v.rounded() ? String(Int(v)) : String(v)
    }

    /// The sheet with its agencies ranked by the metric `key` (a canonical key or `derived.*`),
    /// highest first, units without a value last; nil when the key is no metric of the sheet
    /// or the sheet has change columns (several years of one agency keep their order).
    public static func ranked(_ sheet: ComparisonSheet, by key: String) -> ComparisonSheet? {
        guard let row = sheet.rows.first(where: { $0.metric.key == key }),
              sheet.columns.allSatisfy(\.isReport) else { return nil }
        let order = sheet.columns.indices.sorted { a, b in
            switch (row.values[a].number, row.values[b].number) {
            case let (x?, y?): return x != y ? x > y : a < b
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return a < b
            }
        }
        var out = sheet
        out.sortedBy = key
        out.columns = order.map { sheet.columns[$0] }
        let newIndex = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        out.footnoteColumns = sheet.footnoteColumns.map { newIndex[$0]! }
        for r in out.rows.indices { out.rows[r].values = order.map { sheet.rows[r].values[$0] } }
        return out
    }

    /// Highest and lowest among the report columns (not the change columns); none when all equal.
    static func markExtremes(_ values: inout [ComparisonSheet.Value], _ columns: [ComparisonSheet.Column], only: (Int) -> Bool = { _ in true }) {
        let candidates = columns.indices.filter { columns[$0].isReport && values[$0].number != nil && only($0) }
        guard candidates.count >= 2 else { return }
        let numbers = candidates.map { values[$0].number! }
        let hi = numbers.max()!, lo = numbers.min()!
        guard hi != lo else { return }
        // A lowest of 0 shared by several agencies marks nothing: «none» is not a ranking.
        let markLowest = !(lo == 0 && numbers.filter { $0 == lo }.count > 1)
        for i in candidates {
            if values[i].number == hi { values[i].mark = .highest }
            if markLowest, values[i].number == lo { values[i].mark = .lowest }
        }
    }
}
