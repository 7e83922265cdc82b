import ArgumentParser

/// nianbao: read, check and render 政府信息公开工作年度报告.
@main
struct Nianbao: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "nianbao",
        abstract: "Read, check and export annual reports on government information disclosure (政府信息公开工作年度报告).",
        version: version,
        subcommands: [Parse.self, Check.self, Render.self, Compare.self, Batch.self, Fonts.self, BatchWorkerCommand.self]
    )
}
