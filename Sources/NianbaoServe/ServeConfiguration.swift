import NianbaoInput
import NianbaoStyle

/// What `nianbao serve` was asked for: where to listen, the limits, style and fonts.
public struct ServeConfiguration: Sendable {
    /// 127.0.0.1 unless the user opens it wider with `--host` (the page then warns).
    public var host: String = "127.0.0.1"
    /// 0 asks the system for a free port (the tests do); the address is printed once bound.
    public var port: Int = 8765
    /// The largest request body: one upload, a report or a zip of reports. A report inside is
    /// still held to the input limit (`ReportInput.sizeLimit`, as every command).
    public var maximumUploadBytes: Int = 128 << 20
    /// Files (zip entries counted one by one) one browser session may hold.
    public var maximumFilesPerSession: Int = 2000
    /// The style the PDFs and handouts are printed in (a name or a .yaml path).
    public var style: String = "official"
    public var styleDirectories: [String] = ProjectDirectories.search("styles")
    public var fontDirectories: [String] = ProjectDirectories.search("fonts")
    /// Where the private workspace folder is made (the system's temporary folder).
    public var temporaryDirectory: String = ServeConfiguration.systemTemporaryDirectory
    /// An archive made by `nianbao batch --db`, shown read-only as 档案库 (`--db`).
    public var archive: String?

    public init() {}

    /// Whether the host is loopback only; anything else lets other machines in, and is warned of.
    public var isLoopback: Bool { ["127.0.0.1", "localhost", "::1"].contains(host) }

    /// `$TMPDIR`, else /tmp.
    public static var systemTemporaryDirectory: String {
        if let dir = getenv("TMPDIR").map({ String(cString: $0) }), !dir.isEmpty { return dir }
        return "/tmp"
    }
}

#if canImport(Glibc)
import Glibc
#endif
