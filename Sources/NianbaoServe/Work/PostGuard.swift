import HTTPTypes
import Hummingbird

/// Every POST must come from a page of this server: its `Origin` must be this server's own
/// (`http://` + the `Host` it was sent to), and it must carry the session's token in
/// `X-Nianbao-Token`. A page of another site the user has open can do neither, so it cannot
/// upload into, or act on, the user's session.
struct PostGuard<Context: RequestContext>: RouterMiddleware {
    let sessions: Sessions

    static var tokenHeader: HTTPField.Name { HTTPField.Name("X-Nianbao-Token")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        // HTTP/1.1's Host header, as swift-http-types hands it over.
        guard let origin = request.headers[.origin], let host = request.head.authority, origin == "http://" + host else {
            return Responses.json(["message": "拒绝：请求不是来自本页面（来源不符）"], status: .forbidden)
        }
        let session = await sessions.session(request.cookies[Cookies.session]?.value)
        guard let session, let token = request.headers[Self.tokenHeader], token == session.token else {
            return Responses.json(["message": "拒绝：会话已失效，请刷新页面后重试"], status: .forbidden)
        }
        return try await next(request, context)
    }
}
