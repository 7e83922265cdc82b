import ArgumentParser
import Foundation
import NianbaoChecks
import NianbaoExport
import NianbaoModel

extension Nianbao {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the arithmetic of reports and list what the parser was unsure of.",
            discussion: """
            Prints one line per finding: FILE:LINE: severity: id: message.
            Exit status: 0 when no report has errors (warnings allowed), 1 when a report has \
            errors, 2 when an input is not a readable report.
            """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @OptionGroup var input: InputOptions

        @Option(help: "Output format.")
        var format: Format = .text

        func run() throws {
            var unreadable = false
            var errors = false
            var documents: [JSONExport.Document] = []
            for file in input.files {
                switch ReportLoader.load(file) {
                case .failed(let reason):
                    FindingPrinter.stderr(FindingPrinter.failure(file, reason))
                    unreadable = true
                case .parsed(let parsed):
                    let findings = Checker.findings(for: parsed)
                    errors = errors || findings.hasErrors
                    switch format {
                    case .text:
                        for f in findings { FindingPrinter.stdout(FindingPrinter.line(f, file: file) + "\n") }
                    case .json:
                        documents.append(JSONExport.Document(report: parsed.report, findings: findings, source: file))
                    }
                }
            }
            if format == .json && !documents.isEmpty { FindingPrinter.stdout(JSONExport.render(documents)) }
            if unreadable { throw ExitCode(2) }
            if errors { throw ExitCode(1) }
        }
    }
}
