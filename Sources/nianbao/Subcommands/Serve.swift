import ArgumentParser
import Foundation
import NianbaoStyle

extension Nianbao {
    /// `nianbao serve` runs `nianbao-serve` from beside this binary, with the same arguments.
    /// The server (Hummingbird, SwiftNIO) is an executable of its own so that the CLI's start-up,
    /// which every other command pays, does not carry it (README, «The web page»).
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the web page for office staff on this machine (nianbao serve --help for its options).",
            discussion: """
            Starts nianbao-serve, installed beside nianbao: it listens on 127.0.0.1 and prints the \
            address to open in a browser. Its options: --host, --port, --style, --fonts-dir, --max-upload-mib, --db (an archive of `batch --db`, shown as 档案库).
            """
        )

        @Argument(parsing: .captureForPassthrough, help: "Options for the server (--host, --port, --style, --fonts-dir, --max-upload-mib, --db, --help).")
        var options: [String] = []

        func run() throws {
            let server = URL(fileURLWithPath: ProjectDirectories.executable).deletingLastPathComponent().appendingPathComponent("nianbao-serve").path
            guard FileManager.default.isExecutableFile(atPath: server) else {
                FindingPrinter.stderr("error: nianbao serve needs nianbao-serve beside nianbao, and \(server) is missing; build it with `swift build --product nianbao-serve` (make does), or install with `make install`")
                throw ExitStatus.failure
            }
            let argv = [server] + options
            var cArgs = argv.map { strdup($0) } + [nil]
            execv(server, &cArgs)
            FindingPrinter.stderr("error: cannot start \(server): \(String(cString: strerror(errno)))")
            throw ExitStatus.failure
        }
    }
}
