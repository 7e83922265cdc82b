import ArgumentParser
import Foundation
import NianbaoBatch
import NianbaoChecks
import NianbaoInput
import NianbaoLayout
import NianbaoModel
import NianbaoOutput
import NianbaoRender

extension Nianbao {
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render reports as print-ready PDFs in the official style (and text, Markdown, JSON).",
            discussion: """
            Writes <output-dir>/<input name>.pdf (and .ofd, .txt, .md, .json) per input, or the \
            one input's output to -o FILE, atomically. \
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

        @Option(help: ArgumentHelp("Where the files go, one <input name>.<format> per input and format (default: output).", valueName: "dir"))
        var outputDir: String?

        @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the one input's output to this file instead, in the format its extension names (.pdf, .ofd, .txt, .md, .json) or --format's one format. Written atomically; never over an input.", valueName: "file"))
        var output: String?

        @Option(help: ArgumentHelp("Comma-separated formats: pdf, ofd, txt, md, json (default: pdf).", valueName: "list"), transform: FormatList.parse)
        var format: FormatList?

        static let defaultOutputDir = "output"

        func validate() throws {
            guard let output else { return }
            if outputDir != nil { throw ValidationError("give -o FILE (one input, one file) or --output-dir DIR, not both") }
            if input.files.count != 1 {
                throw ValidationError("-o \(output) writes one file, from one report; \(input.files.count) were given — for several, use --output-dir DIR (one <name>.<format> each)")
            }
            var isDirectory: ObjCBool = false
            if output.hasSuffix("/") || (FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) && isDirectory.boolValue) {
                throw ValidationError("-o \(output) is a folder; -o names the file to write (for a folder, use --output-dir)")
            }
            _ = try outputFormat(output)
        }

        /// The one format of `-o FILE`: --format's, else the file's extension; the two must agree.
        func outputFormat(_ file: String) throws -> BatchJob.Format {
            let ext = URL(fileURLWithPath: file).pathExtension.lowercased()
            let named = BatchJob.Format(rawValue: ext)
            let known = BatchJob.Format.allCases.map { "." + $0.rawValue }.joined(separator: ", ")
            if ext == "csv" {
                // No --format makes one: a report's CSV is its cells, which parse writes.
                throw ValidationError("-o \(file): render does not write CSV; for a report's cells as CSV use `nianbao parse --format cells REPORT -o \(file)` (for several reports side by side, `nianbao compare … -o \(file)`)")
            }
            guard let format else {
                guard let named else {
                    throw ValidationError("-o \(file): cannot tell the format from the name; end it in \(known), or give --format")
                }
                return named
            }
            guard format.formats.count == 1, let only = format.formats.first else {
                throw ValidationError("-o \(file) writes one format, but --format \(format.argument) names \(format.formats.count); for several, use --output-dir DIR")
            }
            if let named, named != only {
                throw ValidationError("-o \(file) names a .\(named.rawValue) file, but --format asks for \(only.rawValue); make them agree")
            }
            return only
        }

        func run() throws {
            let style = try styleOptions.load()
            // Every output path, checked against the inputs and each other before writing.
            let formats: [BatchJob.Format]
            let paths: [[String]]
            // The inputs that get outputs: an input never read (x.doc beside x.txt: Word 97–2003,
            // WPS or RTF by its content, which gets the advice to convert it) claims no names.
            let planned = output == nil ? input.files.indices.filter { !ReportInput.isNeverRead(path: input.files[$0]) } : Array(input.files.indices)
            let plannedFiles = planned.map { input.files[$0] }
            if let output {
                formats = [try outputFormat(output)]
                paths = [[output]]
            } else {
                formats = (format ?? FormatList([.pdf])).formats
                paths = formats.map { OutputPlan.paths(for: plannedFiles, in: outputDir ?? Self.defaultOutputDir, extension: $0.rawValue) }
            }
            // paths[k][j] is made from planned input j (format k); -o's one path from the one input.
            let slot = Dictionary(uniqueKeysWithValues: planned.enumerated().map { ($1, $0) })
            let sources = formats.flatMap { _ in plannedFiles }
            try OutputWriter.check(outputs: paths.flatMap { $0 }, inputs: input.files, sources: sources,
                                   elsewhere: output == nil ? "another --output-dir" : "another -o")
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
                guard let j = slot[i] else {
                    // Never read a moment ago (no outputs planned), a report now: not written.
                    FindingPrinter.stderr(FindingPrinter.failure(file, "it changed while nianbao ran (it was not a report it reads); nothing was written for it"))
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
                    try OutputWriter.write(data, to: paths[k][j])
                    FindingPrinter.stderr("wrote \(paths[k][j])")
                }
            }
            if failed { throw ExitStatus.failure }
        }
    }
}
