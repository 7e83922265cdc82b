import ArgumentParser

/// The report files a command reads.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Report text files (UTF-8, UTF-16 with BOM, or GB18030).", valueName: "file"))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one report file.") }
    }
}
