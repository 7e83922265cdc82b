import Foundation
import HTTPTypes
import Hummingbird

/// 上传与读取: drop files (any kind nianbao reads, or zips of them); each becomes a row with
/// its agency, year, template and findings, or why it was not read. The script sends one file
/// per request, a few at a time, so the first rows show while the rest are still on the way
/// and one bad file never stops the others.
enum UploadPage: ServePage {
    /// The file's name as the browser knows it, percent-encoded (shown only, never opened).
    static let nameHeader = HTTPField.Name("X-Nianbao-Name")!

    static func register(on router: Router<BasicRequestContext>, server: Server) {
        router.get("/") { request, _ -> Response in
            let (session, new) = await server.session(request)
            return Responses.html(page(session: session, server: server), newSession: new)
        }
        router.post("/upload") { request, _ -> Response in
            // PostGuard has checked the origin and the token, so the session exists.
            guard let session = await server.sessions.session(request.cookies[Cookies.session]?.value) else {
                return Responses.json(["message": "会话已失效，请刷新页面"], status: .forbidden)
            }
            let name = request.headers[nameHeader].flatMap { $0.removingPercentEncoding } ?? "未命名文件"
            guard await server.sessions.room(session.id) > 0 else {
                return Responses.json(["message": "\(name)：本次已上传 \(server.configuration.maximumFilesPerSession) 个文件，达到上限；请先清空列表"], status: .tooManyRequests)
            }
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: server.configuration.maximumUploadBytes)
            } catch {
                return Responses.json(["message": "\(name)：文件超过 \(server.configuration.maximumUploadBytes >> 20) MiB 的上传上限，未读取"], status: .contentTooLarge)
            }
            let bytes = [UInt8](buffer.readableBytesView)
            let reader = server.reader
            let uploads = await Offload.run { reader.read(bytes, name: name) }
            let room = await server.sessions.room(session.id)
            let kept = Array(uploads.prefix(room))
            await server.sessions.add(kept, to: session.id)
            var rows = kept.map(\.row)
            if uploads.count > kept.count {
                rows.append(Upload.Row(id: "", name: name, read: false, agency: "", year: nil, template: "", errors: 0, warnings: 0,
                                       message: "其余 \(uploads.count - kept.count) 个文件超出本次上传上限，未读取"))
            }
            return Responses.json(UploadReply(rows: rows, html: rows.map(rowHTML).joined()))
        }
        router.post("/clear") { request, _ -> Response in
            if let id = request.cookies[Cookies.session]?.value { await server.sessions.clear(id) }
            return Responses.json(["message": "已清空"])
        }
    }

    struct UploadReply: Codable {
        var rows: [Upload.Row]
        var html: String
    }

    static func page(session: Sessions.Session, server: Server) -> String {
        let rows = session.uploads.map { rowHTML($0.row) }.joined()
        let limit = server.configuration.maximumUploadBytes >> 20
        return PageLayout.page(title: "上传与读取", active: "upload", token: session.token, body: """
        <section class="panel">
        <h1>上传年度报告</h1>
        <div id="drop" class="drop" tabindex="0">
          <p><strong>把文件拖到这里</strong>，或 <label class="button">选择文件<input id="files" type="file" multiple hidden></label></p>
          <p class="hint">可读：文本（.txt）、PDF、网页（.html）、Word（.docx），或装有这些文件的 zip；可一次选多个。单个文件不超过 \(limit) MiB。文件只保存在本机的临时文件夹里，关闭服务即删除。</p>
        </div>
        <div id="progress" class="progress" hidden><div class="bar"><span id="bar"></span></div><span id="progress-text"></span></div>
        </section>
        <section class="panel">
        <h2>已读取的文件 <button id="clear" class="link-button" type="button">清空列表</button></h2>
        <table class="uploads">
        <thead><tr><th>文件</th><th>机关</th><th>年度</th><th>模板</th><th>错误</th><th>警告</th><th>说明</th></tr></thead>
        <tbody id="rows">\(rows)</tbody>
        </table>
        <p class="hint" id="empty"\(session.uploads.isEmpty ? "" : " hidden")>还没有文件。</p>
        </section>
        """)
    }

    /// One row of the table; the script inserts the same markup for new uploads.
    static func rowHTML(_ row: Upload.Row) -> String {
        let name = HTML.escape(row.name)
        guard row.read else {
            return "<tr class=\"failed\"><td>\(name)</td><td colspan=\"5\">未读取</td><td class=\"message\">\(HTML.escape(row.message))</td></tr>"
        }
        let status = row.errors > 0 ? "errors" : row.warnings > 0 ? "warnings" : "ok"
        let note = row.errors > 0 ? "算术检查有错误" : row.warnings > 0 ? "有警告" : "检查通过"
        return """
        <tr class="\(status)"><td><a href="/report/\(row.id)">\(name)</a></td><td>\(HTML.escape(row.agency.isEmpty ? "（未找到机关名称）" : row.agency))</td>\
        <td>\(row.year.map(String.init) ?? "—")</td><td>\(HTML.escape(row.template))</td>\
        <td class="num">\(row.errors)</td><td class="num">\(row.warnings)</td><td>\(note)</td></tr>
        """
    }
}

extension Server {
    /// The browser's session, and the new session's id when one had to be made (the page then
    /// sets the cookie).
    func session(_ request: Request) async -> (Sessions.Session, String?) {
        if let existing = await sessions.session(request.cookies[Cookies.session]?.value) { return (existing, nil) }
        let made = await sessions.create()
        return (made, made.id)
    }
}
