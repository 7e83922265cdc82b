import Foundation
import Hummingbird
import NianbaoArchive
import NianbaoStyle

/// The web page's server: the state every page shares and the Hummingbird application. A
/// thin shell over the library, as the CLI is; it prints nothing (the `nianbao-serve`
/// executable does).
public final class Server: Sendable {
    public let configuration: ServeConfiguration
    public let workspace: Workspace
    let sessions: Sessions
    let renderer: RenderThread
    let reader: UploadReader
    let style: Style
    let pdfCache = PDFCache()
    /// The archive of `--db`, opened read-only, for 档案库; nil without it.
    let archive: ArchiveDatabase?

    /// Makes the workspace and loads the style; nothing listens yet.
    public init(_ configuration: ServeConfiguration) throws(ServeError) {
        self.configuration = configuration
        do {
            style = try StyleLoader.load(configuration.style, searching: configuration.styleDirectories)
        } catch {
            throw .style("\(error)")
        }
        if let path = configuration.archive {
            do { archive = try ArchiveDatabase(path: path, mode: .read) } catch { throw .archive("\(error)") }
        } else {
            archive = nil
        }
        workspace = try Workspace(in: configuration.temporaryDirectory)
        sessions = Sessions(maximumFiles: configuration.maximumFilesPerSession)
        renderer = RenderThread(style: style, fontDirectories: configuration.fontDirectories)
        reader = UploadReader(workspace: workspace)
    }

    /// The pages, each registering its own routes. A new page (the archive's 档案库, say) is a
    /// file under Pages/ with a type conforming to `ServePage`, one more entry here, and its
    /// link in `Navigation.links`.
    static let pages: [any ServePage.Type] = [UploadPage.self, ReportPage.self, HandoutPage.self, ArchivePage.self, Assets.self]

    /// The router with every page's routes, behind the POST guard (same origin + session token).
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: PostGuard(sessions: sessions))
        for page in Self.pages { page.register(on: router, server: self) }
        return router
    }

    /// The application on the configured address; `onRunning` gets the bound port (for port 0).
    public func application(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) }
        )
    }

    /// Serves until SIGINT or SIGTERM, then removes the workspace.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        defer { shutdown() }
        try await application(onRunning: onRunning).runService()
    }

    /// Stops the render thread and removes the workspace with every upload in it.
    public func shutdown() {
        renderer.stop()
        workspace.remove()
    }
}

/// A page of the server: its routes, registered once at start.
protocol ServePage {
    static func register(on router: Router<BasicRequestContext>, server: Server)
}
