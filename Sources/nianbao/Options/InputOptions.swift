import ArgumentParser

/// The report files a command reads.
struct InputOptions: ParsableArguments {
    /// What every `<file>` argument accepts; the kind is told by the content, not the name.
    static let kinds = "PDF (with a text layer), web page (.html/.htm), Word (.docx) or text (UTF-8, UTF-16 with BOM, GB18030/GBK); the kind is told by the content"

    @Argument(help: ArgumentHelp("Report files: \(kinds).", valueName: "file"))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one report file (\(Self.kinds)).") }
    }
}
