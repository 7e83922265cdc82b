import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import NianbaoServe
import NianbaoTestSupport
import XCTest
import ZIPFoundation

/// The server's routes, driven in-process (HummingbirdTesting's router mode): pages, the
/// POST guard, uploads of reports and of what is not one.
final class ServeRouteTests: XCTestCase {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("NianbaoIngestTests/Fixtures/samples")

    func makeServer(_ change: (inout ServeConfiguration) -> Void = { _ in }) throws -> Server {
        var configuration = ServeConfiguration()
        configuration.temporaryDirectory = NSTemporaryDirectory()
        // The committed test fonts, as every test draws with (never fonts/, which `make fonts`
        // fills: registered in this process, it changed what other tests' PDFs are made of).
        configuration.fontDirectories = [TestPaths.fonts]
        change(&configuration)
        return try Server(configuration)
    }

    static func sample(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: samples.appendingPathComponent(name + ".txt")))
    }

    /// The session cookie and token a browser gets from the upload page.
    static func openSession(_ client: some TestClientProtocol) async throws -> (cookie: String, token: String) {
        try await client.execute(uri: "/", method: .get) { response in
            XCTAssertEqual(response.status, .ok)
            let cookie = try XCTUnwrap(response.headers[.setCookie]).split(separator: ";").first.map(String.init) ?? ""
            let html = String(buffer: response.body)
            let token = try XCTUnwrap(html.range(of: #"name="nianbao-token" content="([0-9a-f]+)""#, options: .regularExpression)
                .map { String(html[$0]).split(separator: "\"")[3] }).description
            return (cookie, token)
        }
    }

    static func upload(_ client: some TestClientProtocol, _ session: (cookie: String, token: String), name: String, bytes: [UInt8],
                origin: String? = "http://localhost") async throws -> (HTTPResponse.Status, String) {
        var headers: HTTPFields = [.cookie: session.cookie, PostGuard<BasicRequestContext>.tokenHeader: session.token,
                                   UploadPage.nameHeader: name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!]
        if let origin { headers[.origin] = origin }
        return try await client.execute(uri: "/upload", method: .post, headers: headers, body: ByteBuffer(bytes: bytes)) {
            ($0.status, String(buffer: $0.body))
        }
    }

    func testUploadPageIsServedInChineseWithItsAssets() async throws {
        let server = try makeServer()
        defer { server.shutdown() }
        let app = Application(router: server.router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                let html = String(buffer: response.body)
                XCTAssertTrue(html.contains("上传年度报告"))
                XCTAssertTrue(html.contains("href=\"/handout\""))
                XCTAssertNotNil(response.headers[.setCookie])
            }
            try await client.execute(uri: "/assets/app.js", method: .get) { XCTAssertEqual($0.status, .ok) }
            try await client.execute(uri: "/assets/app.css", method: .get) { XCTAssertEqual($0.status, .ok) }
        }
    }

    func testAReportIsReadAndItsPageAndDownloadsServed() async throws {
        let server = try makeServer()
        defer { server.shutdown() }
        let sample = try [UInt8](Data(contentsOf: Self.samples.appendingPathComponent("hanyin-county-2022.txt")))
        try await Application(router: server.router()).test(.router) { client in
            let session = try await Self.openSession(client)
            let (status, body) = try await Self.upload(client, session, name: "汉阴县.txt", bytes: sample)
            XCTAssertEqual(status, .ok)
            XCTAssertTrue(body.contains("\"read\":true"), body)
            let reply = try JSONDecoder().decode(UploadPage.UploadReply.self, from: Data(body.utf8))
            XCTAssertEqual(reply.rows.map(\.agency), ["汉阴县"])
            let id = "/report/" + reply.rows[0].id
            try await client.execute(uri: id, method: .get, headers: [.cookie: session.cookie]) { response in
                XCTAssertEqual(response.status, .ok)
                let html = String(buffer: response.body)
                XCTAssertTrue(html.contains("表二 收到和处理政府信息公开申请情况"))
                XCTAssertTrue(html.contains("data-key=\"requests.new.natural\""))
            }
            try await client.execute(uri: id + "/download/cells", method: .get, headers: [.cookie: session.cookie]) { response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertTrue(String(buffer: response.body).hasPrefix("active.regulations.issued,"))
            }
            // Another browser (no cookie) does not see it.
            try await client.execute(uri: id, method: .get) { XCTAssertEqual($0.status, .notFound) }
        }
    }

    func testANonReportGetsARowSayingWhyAndTheOthersGoOn() async throws {
        let server = try makeServer()
        defer { server.shutdown() }
        try await Application(router: server.router()).test(.router) { client in
            let session = try await Self.openSession(client)
            let (status, body) = try await Self.upload(client, session, name: "购物清单.txt", bytes: Array("牛奶 两盒\n面包\n".utf8))
            XCTAssertEqual(status, .ok)
            XCTAssertTrue(body.contains("\"read\":false"), body)
            XCTAssertTrue(body.contains("购物清单.txt"))
        }
    }

    func testPostsFromAnotherOriginOrWithoutTheTokenAreRefused() async throws {
        let server = try makeServer()
        defer { server.shutdown() }
        try await Application(router: server.router()).test(.router) { client in
            let session = try await Self.openSession(client)
            let (foreign, _) = try await Self.upload(client, session, name: "x.txt", bytes: [65], origin: "http://evil.example")
            XCTAssertEqual(foreign, .forbidden)
            let (none, _) = try await Self.upload(client, session, name: "x.txt", bytes: [65], origin: nil)
            XCTAssertEqual(none, .forbidden)
            let (badToken, _) = try await Self.upload(client, (session.cookie, "0000"), name: "x.txt", bytes: [65])
            XCTAssertEqual(badToken, .forbidden)
            let kept = await server.sessions.uploads(String(session.cookie.split(separator: "=")[1]))
            XCTAssertTrue(kept.isEmpty)
        }
    }

    /// A zip of reports is read as `batch` reads one: a row per report entry, named inside
    /// the zip; what is not a report in it gets its own row.
    func testAZipGivesARowPerReport() async throws {
        let server = try makeServer()
        defer { server.shutdown() }
        let zip = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-serve-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: zip) }
        let archive = try Archive(url: zip, accessMode: .create)
        for (path, bytes) in [("县/汉阴.txt", try Self.sample("hanyin-county-2022")), ("县/西峡.txt", try Self.sample("xixia-county-2022")),
                              ("说明.txt", Array("这不是报告\n".utf8))] {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), provider: { position, size in
                Data(bytes[Int(position)..<Int(position) + size])
            })
        }
        let bytes = try [UInt8](Data(contentsOf: zip))
        try await Application(router: server.router()).test(.router) { client in
            let session = try await Self.openSession(client)
            let (status, body) = try await Self.upload(client, session, name: "报告.zip", bytes: bytes)
            XCTAssertEqual(status, .ok)
            let rows = try JSONDecoder().decode(UploadPage.UploadReply.self, from: Data(body.utf8)).rows
            XCTAssertEqual(rows.map(\.name).sorted(), ["报告.zip/县/汉阴.txt", "报告.zip/县/西峡.txt", "报告.zip/说明.txt"])
            XCTAssertEqual(Set(rows.filter(\.read).map(\.agency)), ["汉阴县", "西峡县人民政府"])
            XCTAssertTrue(rows.first { !$0.read }?.message.hasPrefix("不是政府信息公开工作年度报告") == true)
        }
    }

    /// The limits: a request over the upload limit is refused (413) and read no further; past
    /// the files a session may hold, the rest are refused (429) saying so; nothing else is lost.
    func testUploadLimitsRefuseWhatIsOverAndKeepTheRest() async throws {
        let server = try makeServer { $0.maximumUploadBytes = 64 << 10; $0.maximumFilesPerSession = 2 }
        defer { server.shutdown() }
        let report = try Self.sample("hanyin-county-2022")
        try await Application(router: server.router()).test(.router) { client in
            let session = try await Self.openSession(client)
            let (big, bigBody) = try await Self.upload(client, session, name: "大.txt", bytes: report + [UInt8](repeating: 10, count: 70 << 10))
            XCTAssertEqual(big, .contentTooLarge)
            XCTAssertTrue(bigBody.contains("上传上限"), bigBody)
            for n in 1...2 {
                let (ok, _) = try await Self.upload(client, session, name: "\(n).txt", bytes: report)
                XCTAssertEqual(ok, .ok)
            }
            let (third, thirdBody) = try await Self.upload(client, session, name: "3.txt", bytes: report)
            XCTAssertEqual(third, .tooManyRequests)
            XCTAssertTrue(thirdBody.contains("达到上限"), thirdBody)
            let kept = await server.sessions.uploads(String(session.cookie.split(separator: "=")[1]))
            XCTAssertEqual(kept.map(\.name).sorted(), ["1.txt", "2.txt"])
        }
    }

    /// Two tabs of one browser (one session) uploading at once: every file gets its row, once.
    func testConcurrentUploadsIntoOneSessionAreAllKept() async throws {
        let server = try makeServer()
        defer { server.shutdown() }
        let names = ["hanyin-county-2022", "xixia-county-2022", "jianxi-district-office-2022", "xin-county-office-2021"]
        let reports = try names.map(Self.sample)
        try await Application(router: server.router()).test(.router) { client in
            let session = try await Self.openSession(client)
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for tab in 0..<2 {
                    for (i, bytes) in reports.enumerated() {
                        group.addTask { try await Self.upload(client, session, name: "tab\(tab)-\(i).txt", bytes: bytes).0 }
                    }
                }
                for try await status in group { XCTAssertEqual(status, .ok) }
            }
            let kept = await server.sessions.uploads(String(session.cookie.split(separator: "=")[1]))
            XCTAssertEqual(kept.map(\.name).sorted(), (0..<2).flatMap { tab in (0..<4).map { "tab\(tab)-\($0).txt" } }.sorted())
        }
    }

    func testTheWorkspaceIsPrivateAndRemovedAtShutdown() throws {
        let server = try makeServer()
        let path = server.workspace.path
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        XCTAssertEqual(mode & 0o777, 0o700)
        server.shutdown()
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }
}
