import Foundation
import HTTPTypes
import Hummingbird

/// The session cookie's name and how it is set: HttpOnly (no script reads it), SameSite=Strict
/// (no other site's page sends it).
enum Cookies {
    static let session = "nianbao_session"
    static func header(_ id: String) -> String { "\(session)=\(id); Path=/; HttpOnly; SameSite=Strict" }
}

/// Responses the pages send: HTML, JSON, files to download, errors in Chinese.
enum Responses {
    static func html(_ text: String, status: HTTPResponse.Status = .ok, newSession: String? = nil) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
        // No script, style or image from anywhere but this server; no framing by other sites.
        headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"
        if let newSession { headers[.setCookie] = Cookies.header(newSession) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A file to save, named `filename` (Chinese names as RFC 5987 `filename*`), or shown inline.
    static func file(_ data: Data, type: String, filename: String, inline: Bool = false) -> Response {
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "download"
        let ascii = filename.unicodeScalars.allSatisfy { $0.isASCII && $0 != "\"" } ? filename : "nianbao" + (filename.split(separator: ".").last.map { "." + $0 } ?? "")
        return Response(status: .ok, headers: [
            .contentType: type, .cacheControl: "no-store",
            .contentDisposition: "\(inline ? "inline" : "attachment"); filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
        ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A page saying what went wrong, with the way back.
    static func problem(_ message: String, status: HTTPResponse.Status) -> Response {
        html(PageLayout.page(title: "出错了", active: "", body: """
            <section class="panel"><h1>出错了</h1><p class="message">\(HTML.escape(message))</p><p><a href="/">返回上传页</a></p></section>
            """), status: status)
    }
}

extension HTTPField.Name {
    static let contentDisposition = HTTPField.Name("Content-Disposition")!
}
