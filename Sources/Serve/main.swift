import ArgumentParser
import Foundation
import NianbaoServe

/// nianbao-serve: the web page for office staff (`nianbao serve` starts this).
@main
struct NianbaoServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nianbao serve",
        abstract: "Serve nianbao as a web page on this machine (upload, read, check, print, compare).",
        discussion: """
        Listens on 127.0.0.1 (this machine only) and prints the address to open in a browser; \
        opens nothing itself. Uploads are kept in a private temporary folder (mode 0700) that is \
        removed when the server stops (Ctrl-C or SIGTERM). --host opens it to other machines: \
        then anyone who can reach the port can upload and read reports, so a warning is printed.
        """
    )

    @Option(help: ArgumentHelp("Address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 opens it to the network).", valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(help: ArgumentHelp("Port (default 8765; 0 picks a free one).", valueName: "n"))
    var port: Int = 8765

    @Option(help: ArgumentHelp("Style of the PDFs (official, compact, or a .yaml path).", valueName: "name|path"))
    var style: String = "official"

    @Option(help: ArgumentHelp("Another directory of fonts, searched before the system's.", valueName: "dir"))
    var fontsDir: String?

    @Option(help: ArgumentHelp("An archive made by `nianbao batch --db`, shown read-only as 档案库 (filter, sort, each agency's years).", valueName: "file"))
    var db: String?

    @Option(help: ArgumentHelp("Largest upload in MiB (one file or zip; a report inside is still held to 16 MiB).", valueName: "MiB"))
    var maxUploadMib: Int = 128

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port): a port is 0…65535") }
        guard maxUploadMib >= 1 else { throw ValidationError("--max-upload-mib must be at least 1") }
    }

    func run() async throws {
        var configuration = ServeConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.style = style
        configuration.maximumUploadBytes = maxUploadMib << 20
        if let fontsDir { configuration.fontDirectories.insert(fontsDir, at: 0) }
        configuration.archive = db
        let server: Server
        do { server = try Server(configuration) } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        if !configuration.isLoopback {
            FileHandle.standardError.write(Data("""
                warning: listening on \(host), not only on this machine: anyone who can reach this port can upload reports and read \
                what was uploaded. Government data should not leave this machine; use the default 127.0.0.1 unless you mean it.\n
                """.utf8))
        }
        let shown = configuration.isLoopback ? "127.0.0.1" : host
        do {
            try await server.run { port in
                print("nianbao 网页已启动：http://\(shown.contains(":") ? "[\(shown)]" : shown):\(port)/  （在浏览器中打开；Ctrl-C 停止，上传的文件随之删除）")
                fflush(nil)  // all streams: the address must reach a pipe (the tests read it) at once
            }
        } catch {
            FileHandle.standardError.write(Data("error: cannot serve on \(host):\(port): \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
