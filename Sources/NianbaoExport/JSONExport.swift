import Foundation
import NianbaoModel

/// The JSON export: the whole model (agency, year, preamble, sections, attachments, closing
/// block, the cells of the report's template with state and source line) and the findings. Field names are the stable interface for scripts.
public enum JSONExport {
    /// One report's JSON document.
    public struct Document: Encodable {
        public var source: String?
        public var title: String
        public var agency: String
        public var year: Int?
        public var template: String
        /// Text before the title that is not the report (a cover letter), kept apart.
        public var frontMatter: [Paragraph]
        /// The paragraphs between the title and 一、.
        public var preamble: [Paragraph]
        public var sections: [Section]
        /// Attachments named at the end.
        public var attachments: [Paragraph]
        /// 署名 and 成文日期, when the report has them.
        public var closing: ClosingBlock?
        public var cells: [CellEntry]
        public var findings: [Finding]
        public var summary: Summary

        public struct CellEntry: Encodable {
            public var key: String
            public var state: Cell.State
            /// As the cells export writes it: counts as ASCII integers, the fee with its decimals,
            /// "" when blank, the placeholder as written, "?" when unreadable.
            public var value: String
            /// The number, when the cell is a number.
            public var number: Double?
            /// Exactly as written in the source.
            public var written: String
            public var line: Int?
            /// The page, when the input was a PDF.
            public var page: Int?
            /// The unit a sum of money was written with (`元`, `万元`), for 2019's 采购总金额.
            public var unit: String?
            /// `solved` where the table's arithmetic decided the cell (its digits came glued).
            public var read: String?
        }

        public struct Summary: Encodable {
            public var errors: Int
            public var warnings: Int
        }

        public init(report: Report, findings: [Finding], source: String?) {
            self.source = source
            title = report.title
            agency = report.agency
            year = report.year
            template = report.template.rawValue
            frontMatter = report.frontMatter
            preamble = report.preamble
            sections = report.sections
            attachments = report.attachments
            closing = report.closing
            cells = report.keys.map { key in
                let c = report[key]
                return CellEntry(key: key.rawValue, state: c.state, value: c.exported, number: c.number, written: c.written, line: c.line, page: c.page,
                                 unit: c.unit, read: c.solved ? "solved" : nil)
            }
            self.findings = findings
            summary = Summary(errors: findings.errorCount, warnings: findings.warningCount)
        }
    }

    /// Pretty-printed, key-sorted JSON of one or several documents: an object for one, an
    /// array for several, or always an array with `alwaysArray` (for `check`, whose output
    /// scripts read in one shape however many files they give).
    public static func render(_ documents: [Document], alwaysArray: Bool = false) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = documents.count == 1 && !alwaysArray ? try encoder.encode(documents[0]) : try encoder.encode(documents)
        } catch {
            preconditionFailure("the JSON model is always encodable: \(error)")
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
