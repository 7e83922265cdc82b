import ArgumentParser
import Foundation
import NianbaoBatch
import NianbaoChecks
import NianbaoLayout
import NianbaoModel
import NianbaoOutput
import NianbaoRender

extension Nianbao {
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render reports as print-ready PDFs in the official style (and text, Markdown, JSON).",
            discussion: """
            Writes <output-dir>/<input name>.pdf (and .txt, .md, .json) per input, atomically. \
            Inputs with the same name (folders of 报告.pdf) keep their folders below \
            --output-dir; an output that would overwrite an input is refused before anything is \
            written. A report whose checks fail still renders; the findings are printed. \
            SOURCE_DATE_EPOCH fixes the PDF creation date, so the same input gives the same bytes.
            \(ExitStatus.help)
            """
        )

        @OptionGroup var input: InputOptions
        @OptionGroup var styleOptions: StyleOptions
        @OptionGroup var pdfOptions: PDFOptions

        @Option(help: ArgumentHelp("Where the files go.", valueName: "dir"))
        var outputDir: String = "output"

        @Option(help: ArgumentHelp("Comma-separated formats: pdf, ofd, txt, md, json.", valueName: "list"))
        var format = FormatList([.pdf])

        func run() throws {
            let style = try styleOptions.load()
            let formats = format.formats
            // Every output path, checked against the inputs and each other before writing.
            let paths = formats.map { OutputPlan.paths(for: input.files, in: outputDir, extension: $0.rawValue) }
            try OutputWriter.check(outputs: paths.flatMap { $0 }, inputs: input.files)
            let layout = ReportLayout(style: style, shaper: PangoShaper())
            let options = pdfOptions.options(style)
            var failed = false
            for (i, file) in input.files.enumerated() {
                let parsed: ParsedReport
                switch ReportLoader.load(file) {
                case .parsed(let p): parsed = p
                case .failed(let reason):
                    FindingPrinter.stderr(FindingPrinter.failure(file, reason))
                    failed = true
                    continue
                }
                let findings = Checker.findings(for: parsed)
                for f in findings { FindingPrinter.stderr(FindingPrinter.line(f, file: file)) }
                let document = formats.contains(where: \.needsLayout) ? layout.layout(parsed.report) : nil
                for (k, f) in formats.enumerated() {
                    let data: Data
                    do {
                        data = try f.data(parsed.report, findings: findings, document: document!, pdfOptions: options, source: file)
                    } catch {
                        // This file and format only (PDF/A refused, a package that cannot be
                        // made): the others are still written.
                        FindingPrinter.stderr(FindingPrinter.failure(file, "\(error)"))
                        failed = true
                        continue
                    }
                    try OutputWriter.write(data, to: paths[k][i])
                    FindingPrinter.stderr("wrote \(paths[k][i])")
                }
            }
            if failed { throw ExitStatus.failure }
        }
    }
}
