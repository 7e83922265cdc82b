import ArgumentParser
import Foundation
import NianbaoBatch
import NianbaoChecks
import NianbaoExport
import NianbaoModel

extension Nianbao {
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read reports and write them as JSON, cells CSV, text or Markdown.",
            discussion: """
            Exit status: 0 when every input was read as a report (check findings are in the \
            output), 2 when an input was not a readable report.
            With several inputs and -o, PATH is a directory that gets one <name>.<ext> per input.
            """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case json, cells, text, markdown

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
            if failed { throw ExitCode(2) }
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
                for doc in docs {
                    let stem = URL(fileURLWithPath: doc.file).deletingPathExtension().lastPathComponent
                    try AtomicFile.write(render([doc]), to: URL(fileURLWithPath: output).appendingPathComponent("\(stem).\(format.fileExtension)").path)
                }
            } else if let doc = docs.first {
                try AtomicFile.write(render([doc]), to: output)
            }
        }
    }
}
