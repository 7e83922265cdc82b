/// A parsed annual report: title, agency, year, the six sections and the 200 cells, and the
/// parts around the sections that belong to it as much (FORMAT.md §1): the preamble, the
/// closing block and the attachments named at the end.
public struct Report: Sendable, Equatable, Codable {
    /// Which national template the tables follow.
    public enum Template: String, Sendable, Codable {
        /// 国办公开办函〔2021〕30号, used from the 2021 reports on; the one nianbao reads.
        case y2021 = "2021"
        /// 国办公开办函〔2019〕60号, used for the 2019 and 2020 reports: its own table 1
        /// (`active2019.*`) and a single （六）其他处理 row (FORMAT.md §2b).
        case y2019 = "2019"
    }

    /// The title as printed, e.g. `西峡县人民政府2022年政府信息公开工作年度报告`.
    public var title: String
    /// The agency, taken from the title.
    public var agency: String
    /// The year reported on, taken from the title; nil when the title was not found.
    public var year: Int?
    public var template: Template
    /// Text before the title that is not the report (a cover letter 关于上报…的报告, what a web
    /// page left): kept apart, never printed as the report's text.
    public var frontMatter: [Paragraph] = []
    /// The paragraphs between the title and 一、 (basis, statistical period, where to download
    /// the report, whom to ask).
    public var preamble: [Paragraph] = []
    /// The sections found, in order (normally six, numbered 1…6).
    public var sections: [Section]
    /// Attachments named at the end (`附件：…`), one paragraph each.
    public var attachments: [Paragraph] = []
    /// 署名 and 成文日期 after the last section, when the report has them.
    public var closing: ClosingBlock?
    /// Every cell in stored order (`CellKey.stored`): the 200 of the 2021 template, then the
    /// 2019 table 1 and the single （六）其他处理 row. Cells a report's template does not have
    /// are `.missing`; `keys` says which are the report's.
    public private(set) var cells: [Cell]

    public init(title: String, agency: String, year: Int?, template: Template = .y2021, sections: [Section] = [], cells: [Cell]? = nil) {
        self.title = title
        self.agency = agency
        self.year = year
        self.template = template
        self.sections = sections
        var cells = cells ?? []
        // The 200 of the 2021 template may be given alone.
        cells += Array(repeating: .missing, count: max(0, CellKey.stored.count - cells.count))
        precondition(cells.count == CellKey.stored.count, "a report has exactly \(CellKey.stored.count) stored cells")
        self.cells = cells
    }

    /// The report's keys in export order: the 2019 template's 198, or the 2021 template's 200
    /// followed by the seven of a single （六）其他处理 row when its table has one (FORMAT.md §2b).
    public var keys: [CellKey] {
        switch template {
        case .y2019: return CellKey.template2019
        case .y2021: return hasOtherProcessingRow ? CellKey.all + CellKey.otherProcessing : CellKey.all
        }
    }

    /// Table 2 has one （六）其他处理 row (the 2019 template's, or kept by a 2021 report).
    public var hasOtherProcessingRow: Bool {
        template == .y2019 || CellKey.otherProcessing.contains { self[$0] != .missing }
    }

    public subscript(key: CellKey) -> Cell {
        get { cells[key.ordinal] }
        set { cells[key.ordinal] = newValue }
    }

    /// The section numbered `number` (1…6), if the report has it.
    public func section(_ number: Int) -> Section? { sections.first { $0.number == number } }
}

/// One of the six numbered sections of a report.
public struct Section: Sendable, Equatable, Codable {
    /// 1…6, as in FORMAT.md §1.
    public var number: Int
    /// The heading as it stood in the report, e.g. `一、总体情况`.
    public var heading: String
    /// Line of the heading in the source.
    public var line: Int?
    /// Page of the heading, when the input was a PDF.
    public var page: Int?
    /// The prose, paragraph by paragraph; in the table sections 2–4, what stands before the table.
    public var paragraphs: [Paragraph]
    /// In the table sections 2–4, the prose after the table (a sentence, a 注： note).
    public var afterTable: [Paragraph]

    public init(number: Int, heading: String, line: Int? = nil, paragraphs: [Paragraph] = [], afterTable: [Paragraph] = []) {
        self.number = number
        self.heading = heading
        self.line = line
        self.paragraphs = paragraphs
        self.afterTable = afterTable
    }

    /// Every paragraph of the section in reading order (before the table, then after it).
    public var allParagraphs: [Paragraph] { paragraphs + afterTable }

    /// The canonical heading of section `number`, as the template prints it.
    public static func canonicalHeading(_ number: Int) -> String {
        ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
         "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"][number - 1]
    }
}

/// A paragraph of prose, or a subheading such as `（一）主动公开情况`.
public struct Paragraph: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case body, subheading }

    public var kind: Kind
    /// The text, re-joined where the source wrapped it; full-width punctuation kept.
    public var text: String
    /// A subheading run into the paragraph: the first characters of `text` that are heading
    /// words (`（一）主动公开情况。` of `（一）主动公开情况。2022年，…`), set in the heading's face.
    public var runInHeading: String?
    /// Line in the source where the paragraph starts.
    public var line: Int?
    /// Page where the paragraph starts, when the input was a PDF.
    public var page: Int?

    public init(kind: Kind = .body, text: String, runInHeading: String? = nil, line: Int? = nil) {
        self.kind = kind
        self.text = text
        self.runInHeading = runInHeading
        self.line = line
    }
}

/// The closing block of a report (GB/T 9704 署名 and 成文日期): printed right-aligned after the
/// last section.
public struct ClosingBlock: Sendable, Equatable, Codable {
    /// The issuing agency as signed, one entry a line (a joint report signs twice); may be empty.
    public var signature: [String]
    /// 成文日期 as written (`2023年1月17日`, `二〇二三年一月十七日`), when there is one.
    public var date: String?
    /// Line of the block's first line in the source.
    public var line: Int?
    public var page: Int?

    public init(signature: [String], date: String?, line: Int? = nil) {
        self.signature = signature
        self.date = date
        self.line = line
    }
}

/// What the parser made of one input: the report and what it found on the way.
public struct ParsedReport: Sendable, Equatable, Codable {
    public var report: Report
    /// Parse findings (`parse.*`), in line order.
    public var findings: [Finding]

    public init(report: Report, findings: [Finding]) {
        self.report = report
        self.findings = findings
    }

    /// Re-points every line number (findings, cells, sections, paragraphs, closing block) through `place`,
    /// which turns a line of the parsed text into a place in the original file (a PDF page and
    /// its line, a line of HTML, a DOCX paragraph). Lines `place` does not know are kept.
    public mutating func relocate(_ place: (Int) -> (page: Int?, line: Int)?) {
        func moved(_ line: Int?) -> (page: Int?, line: Int)? { line.flatMap(place) }
        for i in findings.indices {
            if let p = moved(findings[i].line) { (findings[i].page, findings[i].line) = (p.page, p.line) }
        }
        for key in CellKey.stored {
            var cell = report[key]
            if let p = moved(cell.line) { (cell.page, cell.line) = (p.page, p.line) }
            report[key] = cell
        }
        func move(_ paragraphs: inout [Paragraph]) {
            for i in paragraphs.indices {
                if let p = moved(paragraphs[i].line) { (paragraphs[i].page, paragraphs[i].line) = (p.page, p.line) }
            }
        }
        for s in report.sections.indices {
            var section = report.sections[s]
            if let p = moved(section.line) { (section.page, section.line) = (p.page, p.line) }
            move(&section.paragraphs)
            move(&section.afterTable)
            report.sections[s] = section
        }
        move(&report.frontMatter)
        move(&report.preamble)
        move(&report.attachments)
        if var closing = report.closing, let p = moved(closing.line) {
            (closing.page, closing.line) = (p.page, p.line)
            report.closing = closing
        }
    }
}
