import ArgumentParser
import Foundation
import NianbaoChecks
import NianbaoExport
import NianbaoIngest
import NianbaoModel

extension Nianbao {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the arithmetic of reports and list what the parser was unsure of.",
            discussion: """
            Prints one line per finding: FILE:LINE: severity: id: message (FILE: page P line L: \
            for a PDF, FILE: when the finding has no place). With --format json, an array of \
            reports whatever their number. When two years of one agency are given, the later is \
            also checked against the earlier (cross_year.*).
            \(ExitStatus.help)
            """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json

            /// Also render's name for text, `txt` (`FormatNames`).
            init?(argument: String) {
                self.init(rawValue: FormatNames.spelled(argument, like: Self.allCases.map(\.rawValue)))
            }
        }

        @OptionGroup var input: InputOptions

        @Option(help: "Output format.")
        var format: Format = .text

        func run() throws {
            var unreadable = false
            var errors = false
            var documents: [JSONExport.Document] = []
            var loaded: [(file: String, parsed: ParsedReport)] = []
            for file in input.files {
                switch ReportLoader.load(file) {
                case .failed(let reason):
                    FindingPrinter.stderr(FindingPrinter.failure(file, reason))
                    unreadable = true
                case .parsed(let parsed):
                    loaded.append((file, parsed))
                }
            }
            // Two years of one agency among the inputs are checked against each other too.
            let crossYear = CrossYear.findings(loaded.map(\.parsed.report))
            for ((file, parsed), across) in zip(loaded, crossYear) {
                let findings = Checker.findings(for: parsed, with: across)
                errors = errors || findings.hasErrors
                switch format {
                case .text:
                    for f in findings { FindingPrinter.stdout(FindingPrinter.line(f, file: file) + "\n") }
                case .json:
                    documents.append(JSONExport.Document(report: parsed.report, findings: findings, source: file))
                }
            }
            if format == .json { FindingPrinter.stdout(JSONExport.render(documents, alwaysArray: true)) }
            if unreadable { throw ExitStatus.failure }
            if errors { throw ExitStatus.partly }
        }
    }
}
