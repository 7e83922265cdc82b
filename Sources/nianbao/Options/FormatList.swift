import ArgumentParser
import NianbaoBatch

/// A comma-separated list of output formats (`pdf,txt`), each named once.
struct FormatList: ExpressibleByArgument {
    let formats: [BatchJob.Format]

    init?(argument: String) {
        var formats: [BatchJob.Format] = []
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let f = BatchJob.Format(rawValue: part.trimmingCharacters(in: .whitespaces).lowercased()) else { return nil }
            if !formats.contains(f) { formats.append(f) }  // pdf,pdf is pdf once
        }
        guard !formats.isEmpty else { return nil }
        self.formats = formats
    }

    init(_ formats: [BatchJob.Format]) { self.formats = formats }

    var defaultValueDescription: String { formats.map(\.rawValue).joined(separator: ",") }
    var argument: String { defaultValueDescription }

    static var allValueStrings: [String] { BatchJob.Format.allCases.map(\.rawValue) }
}
