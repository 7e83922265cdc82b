import NianbaoModel

/// One file the user gave (or one report entry of a zip they gave): what was read from it, or
/// why it was not read. Kept in memory for the session; the bytes sit in the workspace.
struct Upload: Sendable {
    /// Generated; the only name the server uses for it (URLs, workspace files).
    let id: String
    /// The name the browser sent (`报告.pdf`, `县/报告.docx` for a zip entry), shown, never opened.
    let name: String
    let outcome: Outcome

    enum Outcome: Sendable {
        case read(ParsedReport, findings: [Finding])
        /// Not a report, or not readable: the library's message.
        case failed(String)
    }

    var parsed: ParsedReport? { if case .read(let p, _) = outcome { return p } else { return nil } }
    var findings: [Finding] { if case .read(_, let f) = outcome { return f } else { return [] } }

    /// What the upload page's row shows, also sent to its script as JSON.
    var row: Row {
        switch outcome {
        case .read(let parsed, let findings):
            let r = parsed.report
            return Row(id: id, name: name, read: true, agency: r.agency, year: r.year, template: Self.templateName(r.template),
                       errors: findings.errorCount, warnings: findings.warningCount, message: "")
        case .failed(let message):
            return Row(id: id, name: name, read: false, agency: "", year: nil, template: "", errors: 0, warnings: 0, message: message)
        }
    }

    struct Row: Codable, Sendable {
        var id: String
        var name: String
        var read: Bool
        var agency: String
        var year: Int?
        var template: String
        var errors: Int
        var warnings: Int
        var message: String
    }

    static func templateName(_ t: Report.Template) -> String {
        switch t {
        case .y2021: return "2021年模板（200格）"
        case .y2019: return "2019年模板（198格）"
        }
    }
}
