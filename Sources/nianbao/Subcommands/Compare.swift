import ArgumentParser
import Foundation
import NianbaoBatch
import NianbaoChecks
import NianbaoCompare
import NianbaoLayout
import NianbaoRender

extension Nianbao {
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare several agencies' reports side by side (PDF handout, CSV, text, Markdown).",
            discussion: """
            The output format follows the extension of --output: .pdf, .csv, .txt or .md. Agencies \
            appear in the order given; two reports of one agency from different years are shown as \
            years of that agency with the change.
            Exit status: 0 when every input was compared, 1 when an input could not be read (it is \
            left out, the others are compared), 2 when nothing could be compared.
            """
        )

        enum Output: String, CaseIterable { case pdf, csv, txt, md }

        @OptionGroup var input: InputOptions
        @OptionGroup var styleOptions: StyleOptions

        @Option(name: [.short, .long], help: ArgumentHelp("The file to write (.pdf, .csv, .txt, .md).", valueName: "path"))
        var output: String

        @Option(help: ArgumentHelp("Title of the sheet (default: <year>年政府信息公开工作年度报告对比).", valueName: "text"))
        var title: String?

        @Option(help: "all: the 200 cells and derived figures; summary: the headline figures.")
        var metrics: ComparisonBuilder.Metrics = .all

        var kind: Output? { Output(rawValue: URL(fileURLWithPath: output).pathExtension.lowercased()) }

        func validate() throws {
            if kind == nil { throw ValidationError("--output must end in .pdf, .csv, .txt or .md") }
            if input.files.count > 60 { throw ValidationError("At most 60 reports can be compared on one sheet.") }
        }

        func run() throws {
            var inputs: [ComparisonInput] = []
            var failed = false
            for file in input.files {
                switch ReportLoader.load(file) {
                case .failed(let reason):
                    FindingPrinter.stderr(FindingPrinter.failure(file, reason) + " (left out of the comparison)")
                    failed = true
                case .parsed(let parsed):
                    inputs.append(ComparisonInput(report: parsed.report, findings: Checker.findings(for: parsed)))
                }
            }
            guard !inputs.isEmpty else {
                FindingPrinter.stderr("error: no readable report to compare")
                throw ExitCode(2)
            }
            let sheet = ComparisonBuilder.build(inputs, metrics: metrics, title: title)
            switch kind! {
            case .csv: try AtomicFile.write(ComparisonExport.csv(sheet), to: output)
            case .txt: try AtomicFile.write(ComparisonExport.text(sheet), to: output)
            case .md: try AtomicFile.write(ComparisonExport.markdown(sheet), to: output)
            case .pdf:
                let style = try styleOptions.load()
                let document = HandoutLayout(style: style, measurer: PangoMeasurer()).layout(sheet)
                try AtomicFile.write(try PDFWriter.write(document, options: .fromEnvironment()), to: output)
            }
            FindingPrinter.stderr("wrote \(output) (\(inputs.count) reports, \(sheet.rows.count) metrics)")
            if failed { throw ExitCode(1) }
        }
    }
}

extension ComparisonBuilder.Metrics: ExpressibleByArgument {}
