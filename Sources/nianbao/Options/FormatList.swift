import ArgumentParser
import NianbaoBatch

/// The two spellings of the text and Markdown formats: `txt` and `md` (render, batch: the
/// files' extensions) and `text` and `markdown` (parse, check). Every command takes both, in
/// any case; its help shows its own.
enum FormatNames {
    static let pairs = [("txt", "text"), ("md", "markdown")]

    /// `name` (trimmed, lower-cased) as a command whose format names are `canonical` spells it.
    static func spelled(_ name: some StringProtocol, like canonical: [String]) -> String {
        let n = name.trimmingCharacters(in: .whitespaces).lowercased()
        if canonical.contains(n) { return n }
        for (a, b) in pairs {
            if n == a, canonical.contains(b) { return b }
            if n == b, canonical.contains(a) { return a }
        }
        return n
    }
}

/// A comma-separated list of output formats (`pdf,txt`), each named once.
struct FormatList: CustomStringConvertible {
    let formats: [BatchJob.Format]

    static let names = BatchJob.Format.allCases.map(\.rawValue)

    /// The list `--format` gives; an item that is no format is named, with the formats.
    static func parse(_ argument: String) throws -> FormatList {
        var formats: [BatchJob.Format] = []
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let f = BatchJob.Format(rawValue: FormatNames.spelled(part, like: names)) else {
                let item = part.trimmingCharacters(in: .whitespaces)
                throw ValidationError("\(item.isEmpty ? "an empty item" : "'\(item)'") is not a format; the formats are \(names.joined(separator: ", "))")
            }
            if !formats.contains(f) { formats.append(f) }  // pdf,pdf is pdf once
        }
        return FormatList(formats)
    }

    init(_ formats: [BatchJob.Format]) { self.formats = formats }

    var argument: String { formats.map(\.rawValue).joined(separator: ",") }
    var description: String { argument }
}
