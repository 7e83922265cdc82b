import Hummingbird
import NianbaoArchive

/// The stylesheet (the archive pages' rules after the site's) and the script, from the binary.
enum Assets: ServePage {
    static func register(on router: Router<BasicRequestContext>, server: Server) {
        router.get("/assets/app.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css + ArchivePageStyle.css)))
        }
        router.get("/assets/app.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: Script.js)))
        }
    }
}
