import ArgumentParser
import Foundation
import NianbaoOutput
import NianbaoBatch
import NianbaoChecks
import NianbaoCompare
import NianbaoInput
import NianbaoLayout
import NianbaoRender

extension Nianbao {
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare several agencies' reports side by side (PDF handout, CSV, text, Markdown).",
            discussion: """
            The output format follows the extension of --output: .pdf, .ofd, .csv, .txt or .md. Agencies \
            appear in the order given; two reports of one agency from different years are shown as \
            years of that agency with the change.
            An input that could not be read is left out (status 1); one that is a comparison \
            nianbao wrote (this command's earlier output when compare *.txt -o sheet.txt runs \
            again, or another, such as change.txt), told by its content, is skipped with a note; \
            an output that would overwrite a report is refused. CSV, text and Markdown take any \
            number of agencies; the PDF handout at most 60.
            \(ExitStatus.help)
            """
        )

        enum Output: String, CaseIterable { case pdf, ofd, csv, txt, md }

        @OptionGroup var input: InputOptions
        @OptionGroup var styleOptions: StyleOptions
        @OptionGroup var pdfOptions: PDFOptions

        @Option(name: [.short, .long], help: ArgumentHelp("The file to write (.pdf, .ofd, .csv, .txt, .md).", valueName: "path"))
        var output: String

        @Option(help: ArgumentHelp("Title of the sheet (default: <year>年政府信息公开工作年度报告对比).", valueName: "text"))
        var title: String?

        @Option(help: "all: the 200 cells and derived figures; summary: the headline figures (default: summary for a PDF or OFD handout, all for CSV, text and Markdown).")
        var metrics: ComparisonBuilder.Metrics?

        /// What a county office wants by default: the summary handout on paper, every cell in a file for a spreadsheet.
        var chosenMetrics: ComparisonBuilder.Metrics { metrics ?? (kind == .pdf || kind == .ofd ? .summary : .all) }

        @Option(help: ArgumentHelp("Rank the agencies by this metric, highest first (a key such as requests.new.total or derived.disclosure_rate).", valueName: "key"))
        var sort: String?

        @Option(help: "Paper of the PDF handout, landscape: a4 (up to 12 agencies across) or a3.")
        var paper: HandoutLayout.Paper = .a4

        var kind: Output? { Output(rawValue: URL(fileURLWithPath: output).pathExtension.lowercased()) }

        /// Why one report is not a comparison, for the usage error and the run-time refusal alike.
        static let needsTwo = "a comparison needs two or more reports (several agencies, or several years of one agency)"

        func validate() throws {
            if kind == nil { throw ValidationError("--output must end in .pdf, .ofd, .csv, .txt or .md") }
            if input.files.count == 1 {
                throw ValidationError("compare was given one report (\(input.files[0])); \(Self.needsTwo). To print one report, use `nianbao render`.")
            }
            if kind == .pdf || kind == .ofd, input.files.count > 60 { throw ValidationError("At most 60 reports fit on one handout; write .csv, .txt or .md for more.") }
            if let sort {
                let keys = (chosenMetrics == .all ? Metric.all : Metric.summary).map(\.key)
                guard keys.contains(sort) else {
                    let near = keys.filter { $0.hasPrefix(sort) || sort.hasPrefix($0) || Suggestion.distance($0, sort) <= 2 }.prefix(5)
                    let hint = near.isEmpty ? "" : "; did you mean \(near.map { "'\($0)'" }.joined(separator: ", "))?"
                    throw ValidationError("--sort \(sort): not a metric of --metrics \(chosenMetrics.rawValue)\(metrics == nil ? " (the default for .\(kind!.rawValue))" : "")\(hint) (the metrics are the key column of the CSV: canonical cell keys such as requests.new.total, and derived.* such as derived.requests.disclosure_rate)")
                }
            }
        }

        func run() throws {
            var inputs: [ComparisonInput] = []
            var failed = false
            var failures: [String] = []
            // Every input read once. A comparison nianbao wrote — this command's earlier output,
            // or another one a glob reaches (compare *.txt beside change.txt) — is skipped, not
            // taken for a broken report; what is not a report is reported after the plan's check.
            var files: [String] = []
            for file in input.files {
                let bytes: [UInt8]
                do {
                    bytes = try ReportInput.read(path: file)
                } catch {
                    files.append(file)
                    failures.append(FindingPrinter.failure(file, ReportInput.Failure.read(error)))
                    continue
                }
                if ComparisonExport.isComparison(bytes) {
                    let which = OutputPlan.isSameFile(file, output) ? "this command's own output, which is written again" : "a comparison nianbao wrote, not a report"
                    FindingPrinter.stderr("\(file): skipped: it is \(which)")
                    continue
                }
                files.append(file)
                do {
                    let parsed = try ReportInput.load(bytes, path: file)
                    inputs.append(ComparisonInput(report: parsed.report, findings: Checker.findings(for: parsed), source: file))
                } catch {
                    failures.append(FindingPrinter.failure(file, error))
                }
            }
            try OutputWriter.check(outputs: [output], inputs: files, sources: ["the comparison"], elsewhere: "another -o")
            for failure in failures {
                FindingPrinter.stderr(failure + " (left out of the comparison)")
                failed = true
            }
            // Inputs were left out (each with its reason above): what is left may be no comparison.
            guard inputs.count >= 2 else {
                FindingPrinter.stderr("error: \(inputs.isEmpty ? "no report could be read" : "only one report could be read (\(inputs[0].source ?? ""))"); \(Self.needsTwo) — nothing was written")
                throw ExitStatus.failure
            }
            var sheet = ComparisonBuilder.build(inputs, metrics: chosenMetrics, title: title)
            if let sort {
                // The key is a metric (validate); a sheet with years of one agency keeps their order.
                guard let ranked = ComparisonBuilder.ranked(sheet, by: sort) else {
                    throw ValidationError("--sort \(sort): these reports include several years of one agency, shown side by side with their change; such a sheet keeps its order — leave out --sort, or compare one year of each agency")
                }
                sheet = ranked
            }
            var pages: Int?
            switch kind! {
            case .csv: try OutputWriter.write(ComparisonExport.csv(sheet), to: output)
            case .txt: try OutputWriter.write(ComparisonExport.text(sheet), to: output)
            case .md: try OutputWriter.write(ComparisonExport.markdown(sheet), to: output)
            case .pdf, .ofd:
                let style = try styleOptions.load()
                var handout = HandoutLayout(style: style, shaper: PangoShaper())
                handout.paper = paper
                let document = handout.layout(sheet)
                pages = document.pages.count
                let options = pdfOptions.options(style)
                let data = kind == .ofd ? try OFDWriter.write(document, creationDate: options.creationDate) : try PDFWriter.write(document, options: options)
                try OutputWriter.write(data, to: output)
            }
            let length = pages.map { ", \($0) \($0 == 1 ? "page" : "pages")" } ?? ""
            let more = kind == .pdf || kind == .ofd ? (chosenMetrics == .summary ? "; --metrics all for every cell" : "") : ""
            FindingPrinter.stderr("wrote \(output) (\(inputs.count) reports, \(sheet.rows.count) metrics\(length)\(more))")
            if failed { throw ExitStatus.partly }
        }
    }
}

extension ComparisonBuilder.Metrics: ExpressibleByArgument {}
extension HandoutLayout.Paper: ExpressibleByArgument {}
