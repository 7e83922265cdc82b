import NianbaoModel

/// Reads the text of an annual report, as it arrives from PDFs and Word files, into a
/// `Report` and the parse findings.
///
/// The parser never prints and never guesses: a number it cannot place is an unreadable
/// cell with a finding that gives the line. It throws only when the input is no report at
/// all (empty, binary, undecodable, or without title and section headings).
public struct ReportParser: Sendable {
    public init() {}

    /// Parses raw bytes (UTF-8, UTF-16 with BOM, or GB18030). (Taken, not borrowed: the bytes
    /// are let go once decoded, before the text is split into lines; held, they were a sixth of
    /// a large input's peak.)
    public func parse(bytes: consuming [UInt8]) throws(IngestError) -> ParsedReport {
        let text = try TextDecoding.decode(bytes)
        _ = consume bytes
        return try parse(text: text)
    }

    /// Parses decoded text. (Taken, not borrowed: the whole text is let go once it is split into
    /// lines, which hold their own.)
    public func parse(text: consuming String) throws(IngestError) -> ParsedReport {
        if OneLineText.applies(to: text) {
            var parsed = try parse(lines: SourceLine.split(OneLineText.split(text)))
            // Lines were made by breaking the one line: every finding is on line 1.
            parsed.relocate { _ in (nil, 1) }
            parsed.findings.insert(Finding(id: .oneLine, severity: .warning,
                                           message: "the report stands on one line (saved from a web page?); it was broken at its headings and row labels, and paragraphs within a section cannot be told apart", line: 1), at: 0)
            return parsed
        }
        let lines = SourceLine.split(text)
        _ = consume text
        return try parse(lines: lines)
    }

    /// Parses what a file reader extracted from a PDF, web page or Word file. Findings, cells
    /// and sections point at places in that file (`page`, `line`), not at lines of a text.
    public func parse(document: ExtractedDocument) throws(IngestError) -> ParsedReport {
        var lines: [SourceLine] = []
        var locations: [SourceLocation] = []
        for block in document.blocks {
            switch block {
            case .text(let text, let location, let indented):
                lines.append(SourceLine(number: lines.count + 1, raw: Substring(text), indented: indented))
                locations.append(location)
            case .placed(let placed, let location, let indented):
                lines.append(SourceLine(number: lines.count + 1, raw: Substring(placed.text), indented: indented, placed: placed))
                locations.append(location)
            case .table(let grid):
                for row in grid.rows {
                    let text = row.cells.map(\.text).joined(separator: "\t")
                    lines.append(SourceLine(number: lines.count + 1, raw: Substring(text), indented: false, gridRow: row))
                    locations.append(row.location)
                }
            }
        }
        guard lines.contains(where: { !$0.isBlank }) else { throw .blank }
        var parsed = try parse(lines: lines)
        parsed.relocate { line in locations.indices.contains(line - 1) ? (locations[line - 1].page, locations[line - 1].line) : nil }
        return parsed
    }

    func parse(lines: [SourceLine]) throws(IngestError) -> ParsedReport {
        let headings = SectionFinder.find(in: lines)
        let titleSearchEnd = headings.first(where: { $0.number >= 2 })?.index ?? lines.count
        let titles = TitleFinder.wholeLineTitles(in: lines[..<titleSearchEnd])
        let title = TitleFinder.find(in: lines[..<titleSearchEnd], wholeLines: titles) ?? TitleFinder.find(in: lines[...])
        guard title != nil || headings.count >= 3 else {
            let reason = headings.isEmpty
                ? "no title «…年政府信息公开工作年度报告» and no section headings (一、总体情况 … 六、其他需要报告的事项) were found"
                : "no title «…年政府信息公开工作年度报告» and only \(headings.count) of the six section headings were found"
            throw .notAReport(reason: reason)
        }
        guard headings.contains(where: { (2...4).contains($0.number) }) else {
            throw .notAReport(reason: "none of the table sections (二、主动公开政府信息情况, 三、收到和处理政府信息公开申请情况, 四、…行政复议、行政诉讼情况) was found; the file may be cut short")
        }
        var findings: [Finding] = []
        // Other titles (a page's list of other years' reports): say which one was taken.
        let others = Set(titles.map(\.title)).subtracting([title?.title ?? ""])
        if let title, !others.isEmpty {
            findings.append(Finding(id: .titleAmbiguous, severity: .warning,
                                    message: "\(others.count + 1) report titles stand before the tables (\(others.sorted().joined(separator: "、"))); the one nearest the report, «\(title.title)», gives agency and year",
                                    line: title.lines.first))
        }
        if title == nil {
            findings.append(Finding(id: .titleMissing, severity: .error,
                                    message: "no title of the form «<机关名称><年份>年政府信息公开工作年度报告» was found; agency and year are unknown",
                                    line: 1))
        }
        let found = Set(headings.map(\.number))
        for n in 1...6 where !found.contains(n) {
            findings.append(Finding(id: .sectionMissing, severity: n >= 2 && n <= 4 ? .error : .warning,
                                    message: "section heading «\(Section.canonicalHeading(n))» was not found"))
        }

        // A report pasted twice (FORMAT.md §7): its headings or title again after the last
        // section, with its tables. Only the first copy is read, and the finding says so. The
        // title or a heading again without tables is the page's furniture (a print view, a list
        // of related articles): the report ends there.
        var limit = lines.count
        if let last = headings.last, let again = Self.secondCopy(in: lines, after: last, title: title?.title) {
            limit = again
            if Self.tablesRepeat(in: lines[again...]) {
                findings.append(Finding(id: .duplicateReport, severity: .error,
                                        message: "the report starts again here (pasted twice?); only the first copy, up to this line, is read",
                                        line: lines[again].number))
            }
        }

        // A web site's footer after the last section ends the report.
        if let last = headings.last, last.index + 1 < limit,
           let footer = lines[(last.index + 1)..<limit].firstIndex(where: \.isSiteFooter) {
            limit = footer
        }

        // Sections and their line ranges.
        let titleLines = Set(title?.lines ?? [])
        var sections: [Section] = []
        var regions: [Int: ArraySlice<SourceLine>] = [:]
        var headingLines: [Int: Int] = [:]
        // After the last section: the closing block and the attachments.
        var closing: ClosingBlock?
        var attachments: [Paragraph] = []
        var closingLines = Set<Int>()
        if let last = headings.last, last.index + 1 < limit {
            (closing, attachments, closingLines) = ReportParts.closing(lines[(last.index + 1)..<limit], agency: title?.agency ?? "")
        }
        for (i, h) in headings.enumerated() {
            let end = i + 1 < headings.count ? headings[i + 1].index : limit
            var region = lines[(h.index + 1)..<end]
            if i == headings.count - 1, !closingLines.isEmpty {
                region = ArraySlice(region.filter { !closingLines.contains($0.number) })
            }
            headingLines[h.number] = lines[h.index].number
            var section = Section(number: h.number, heading: h.text, line: lines[h.index].number)
            if (2...4).contains(h.number) {
                let parts = ReportParts.tableSection(region)
                regions[h.number] = parts.table
                section.paragraphs = ProseParser.paragraphs(parts.before, skipping: titleLines)
                section.afterTable = ProseParser.paragraphs(parts.after, skipping: titleLines)
            } else {
                regions[h.number] = region
                section.paragraphs = ProseParser.paragraphs(region, skipping: titleLines)
            }
            sections.append(section)
        }

        var report = Report(title: title?.title ?? "", agency: title?.agency ?? "", year: title?.year, sections: sections)
        report.closing = closing
        report.attachments = attachments
        // Before the first heading: the preamble after the title; what stands before the title
        // (a cover letter, a page's leftovers) is kept apart.
        if let first = headings.first {
            let before = lines[..<first.index]
            if let title, let titleEnd = title.lines.max() {
                let titleStart = title.lines.min() ?? titleEnd
                report.frontMatter = ProseParser.paragraphs(before.filter { $0.number < titleStart }, skipping: titleLines)
                report.preamble = ProseParser.paragraphs(before.filter { $0.number > titleEnd }, skipping: titleLines)
            } else {
                report.preamble = ProseParser.paragraphs(before, skipping: titleLines)
            }
        }
        // The template is known from table 1's column heads (FORMAT.md §2b).
        if let region = regions[2], Self.isTemplate2019(region) { report.template = .y2019 }
        do {
            let template2019 = report.template == .y2019
            let tables: [(Int, [RowSpec], String)] = [(2, template2019 ? RowSpec.table1of2019 : RowSpec.table1, "table 1"),
                                                      (3, template2019 ? RowSpec.table2of2019 : RowSpec.table2, "table 2"),
                                                      (4, RowSpec.table3, "table 3")]
            for (section, specs, name) in tables {
                guard let region = regions[section] else { continue }  // section_missing already says so
                let columns = specs.map(\.keys.count).max() ?? 1, rowNames = Set(specs.map(\.name) + ["规范性文件"])
                // Pieces go to the reader as they are made, never all held (table 3's through
                // the join of its three groups of five).
                let pieces = { (read: (RowPiece) -> Void) in
                    guard section == 4 else { return RowPiece.pieces(region, columns: columns, rowNames: rowNames, read) }
                    var join = RowPiece.ReviewGroupJoin()
                    RowPiece.pieces(region, columns: columns, rowNames: rowNames) { join.take($0, read) }
                    join.finish(read)
                }
                let (cells, readFindings, glued) = TableReader.read(specs: specs, tableName: name, headingLine: headingLines[section], pieces: pieces)
                var tableFindings = readFindings
                for (key, cell) in cells { report[key] = cell }
                // Numbers the reader could not place in order: the table's arithmetic may place them.
                if glued.isEmpty, section >= 3, TableRun.isDisordered(tableFindings) {
                    // Rare (a table in disorder): its pieces made again, this once all held.
                    var held: [RowPiece] = []
                    pieces { held.append($0) }
                    TableRun.apply(held, specs: specs, table: name, section: section, to: &report, findings: &tableFindings)
                }
                findings += tableFindings
                if !glued.isEmpty { TableSolver.apply(glued, table: name, section: section, to: &report, findings: &findings) }
            }
        }
        findings.sort { ($0.line ?? 0, $0.keys.first?.ordinal ?? 0) < ($1.line ?? 0, $1.keys.first?.ordinal ?? 0) }
        return ParsedReport(report: report, findings: findings)
    }

    /// Where a second copy of the report begins after the last section heading: a section
    /// heading numbered no later than the last one found (一、总体情况 … 四、), or the title again.
    private static func secondCopy(in lines: [SourceLine], after last: SectionFinder.Heading, title: String?) -> Int? {
        for j in (last.index + 1)..<lines.count where !lines[j].isBlank {
            let s = lines[j].squeezed
            if let n = SectionFinder.headingNumber(squeezed: s), n <= min(last.number, 4) { return j }
            if let title, s.utf8.count <= title.utf8.count + 12, FastText.contains(s, title) { return j }
        }
        return nil
    }

    /// Whether a second copy brings its tables again (a section heading 二–四, or table 2's
    /// first row), which a site's furniture repeating the title never does.
    private static func tablesRepeat(in lines: ArraySlice<SourceLine>) -> Bool {
        lines.contains { line in
            let s = line.squeezed
            if let n = SectionFinder.headingNumber(squeezed: s), (2...4).contains(n) { return true }
            return FastText.contains(s, "本年新收政府信息公开申请") || FastText.contains(s, "第二十条第")
        }
    }

    private static func isTemplate2019(_ region: ArraySlice<SourceLine>) -> Bool {
        region.contains { line in
            line.withSqueezedUTF8 { FastText.containsAny($0, ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购项目数量"]) }
        }
    }
}
