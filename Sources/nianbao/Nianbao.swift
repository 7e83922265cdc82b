import ArgumentParser
import Foundation

/// nianbao: read, check and render 政府信息公开工作年度报告.
@main
struct Nianbao: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "nianbao",
        abstract: "Read, check and export annual reports on government information disclosure (政府信息公开工作年度报告).",
        discussion: ExitStatus.help,
        version: version,
        subcommands: [Parse.self, Check.self, Render.self, Compare.self, Batch.self, Serve.self, Fonts.self, BatchWorkerCommand.self]
    )

    /// The commands a user can give, in --help's order.
    static var commandNames: [String] {
        configuration.subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName }
    }

    /// The parser would report a misspelt command (`nianbao rendr x`) as «unexpected arguments»,
    /// since the root command takes none: a first word that is no command is named instead,
    /// with the nearest command and the list, as a usage error (64).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let word = arguments.first, let message = notACommand(word) {
            exit(withError: ValidationError(message))
        }
        main(arguments)
    }

    /// Why `word`, given where a command belongs, is not one; nil when it is a command, `help`,
    /// or an option (options are the parser's to judge).
    static func notACommand(_ word: String) -> String? {
        let all = configuration.subcommands.map { $0._commandName } + ["help"]
        guard !word.hasPrefix("-"), !all.contains(word) else { return nil }
        let commands = commandNames
        let list = "the commands are \(commands.joined(separator: ", ")) (nianbao COMMAND --help for each)"
        if FileManager.default.fileExists(atPath: word) {
            return "'\(word)' is a file, not a command; say what to do with it, e.g. nianbao render \(word) — \(list)"
        }
        let guess = Suggestion.nearest(word, in: commands).map { "; did you mean '\($0)'?" } ?? ""
        return "unknown command '\(word)'\(guess)\n" + list.prefix(1).uppercased() + list.dropFirst()
    }
}
