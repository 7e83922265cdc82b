import ArgumentParser

/// Exit statuses, the same for every command (README, «Exit status»; each command's --help).
enum ExitStatus {
    /// Everything asked for was done. `check`: no report has errors (warnings allowed).
    static let ok = ExitCode(0)
    /// `check`: a report has errors. `compare`, `batch`: an input could not be read or
    /// rendered; it is reported and left out, everything else was done.
    static let partly = ExitCode(1)
    /// An input is not a readable report (`parse`, `check`, `render`), an output cannot be
    /// written or would overwrite an input (nothing is written then), or a batch cannot run.
    static let failure = ExitCode(2)
    /// The command line is wrong (swift-argument-parser's usage status): an unknown command,
    /// option or value, a style or sort key that does not exist, `render -o` with several
    /// inputs (or `parse -o` naming a file), `compare` of one report. Thrown as a `ValidationError`, from `validate()` or
    /// `run()`, so that the message comes with the usage line.
    static let usage = ExitCode.validationFailure

    /// The table for --help and the README.
    static let help = """
        Exit status: 0 done; 1 check found errors, or compare/batch left out an input it \
        could not read; 2 an input is not a readable report, an output cannot be written or \
        would overwrite an input (then nothing is written), or a batch cannot run; 64 the \
        command line is wrong (an unknown command, option, format, style or sort key; \
        render -o, or parse -o naming a file, with several inputs; compare of one report).
        """
}
