import ArgumentParser
import Foundation
import NianbaoOutput
import NianbaoBatch
import NianbaoChecks
import NianbaoExport
import NianbaoModel

extension Nianbao {
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read reports and write them as JSON, cells CSV, text or Markdown.",
            discussion: """
            With several inputs and -o, PATH is a directory that gets one <name>.<ext> per input \
            (inputs with the same name keep their folders below it); a PATH with an extension \
            (all.csv) names a file, so with several inputs it is a usage error, unless it is a \
            folder that exists. An output that would \
            overwrite an input is refused before anything is written. Check findings are part \
            of the output, so they do not change the exit status.
            \(ExitStatus.help)
            """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case json, cells, text, markdown

            /// Also render's names, `txt` and `md` (`FormatNames`).
            init?(argument: String) {
                self.init(rawValue: FormatNames.spelled(argument, like: Self.allCases.map(\.rawValue)))
            }

            var fileExtension: String {
                switch self {
                case .json: return "json"
                case .cells: return "cells.csv"
                case .text: return "txt"
                case .markdown: return "md"
                }
            }
        }

        @OptionGroup var input: InputOptions

        @Option(help: "Output format.")
        var format: Format = .json

        @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write here instead of standard output.", valueName: "path"))
        var output: String?

        /// With several inputs -o names a folder; a name with an extension (all.csv) is a file's,
        /// which would have been made a folder of that name: a usage error, as `render -o` with
        /// several inputs is. A folder that exists, or a name ending in `/`, is a folder.
        func validate() throws {
            guard let output, input.files.count > 1, !output.hasSuffix("/") else { return }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), isDirectory.boolValue { return }
            guard !URL(fileURLWithPath: output).pathExtension.isEmpty else { return }
            let one = format == .json ? "; for one JSON array of all, leave out -o (nianbao parse … > \(output))" : ""
            throw ValidationError("-o \(output) names a file, but \(input.files.count) reports were given: with several inputs -o names a folder, which gets one <name>.\(format.fileExtension) per input (e.g. -o out/)\(one)")
        }

        func run() throws {
            var documents: [(file: String, parsed: ParsedReportWithFindings)] = []
            var failed = false
            for file in input.files {
                switch ReportLoader.load(file) {
                case .failed(let reason):
                    FindingPrinter.stderr(FindingPrinter.failure(file, reason))
                    failed = true
                case .parsed(let parsed):
                    documents.append((file, ParsedReportWithFindings(report: parsed.report, findings: Checker.findings(for: parsed))))
                }
            }
            try write(documents)
            if failed { throw ExitStatus.failure }
        }

        struct ParsedReportWithFindings {
            var report: Report
            var findings: [Finding]
        }

        private func render(_ docs: [(file: String, parsed: ParsedReportWithFindings)]) -> String {
            switch format {
            case .json:
                return JSONExport.render(docs.map { JSONExport.Document(report: $0.parsed.report, findings: $0.parsed.findings, source: $0.file) })
            case .cells: return docs.map { CellsExport.render($0.parsed.report) }.joined()
            case .text: return docs.map { TextExport.render($0.parsed.report, findings: $0.parsed.findings) }.joined(separator: "\n")
            case .markdown: return docs.map { MarkdownExport.render($0.parsed.report, findings: $0.parsed.findings) }.joined(separator: "\n")
            }
        }

        private func write(_ docs: [(file: String, parsed: ParsedReportWithFindings)]) throws {
            guard let output else {
                if docs.count > 1 && format != .json {
                    for doc in docs { FindingPrinter.stdout("==> \(doc.file) <==\n" + render([doc])) }
                } else if !docs.isEmpty {
                    FindingPrinter.stdout(render(docs))
                }
                return
            }
            if input.files.count > 1 || output.hasSuffix("/") {
                let paths = OutputPlan.paths(for: input.files, in: output, extension: format.fileExtension)
                try OutputWriter.check(outputs: paths, inputs: input.files, sources: input.files, elsewhere: "another -o folder")
                let pathOf = Dictionary(zip(input.files, paths), uniquingKeysWith: { a, _ in a })
                for doc in docs { try OutputWriter.write(render([doc]), to: pathOf[doc.file]!) }
            } else if let doc = docs.first {
                try OutputWriter.check(outputs: [output], inputs: input.files, sources: [doc.file], elsewhere: "another -o")
                try OutputWriter.write(render([doc]), to: output)
            }
        }
    }
}
