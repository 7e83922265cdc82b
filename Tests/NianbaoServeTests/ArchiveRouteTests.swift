import Foundation
import Hummingbird
import HummingbirdTesting
import NianbaoArchive
import NianbaoChecks
import NianbaoIngest
import NianbaoModel
@testable import NianbaoServe
import NianbaoTestSupport
import XCTest

/// 档案库's routes over an archive of the samples, in-process.
final class ArchiveRouteTests: XCTestCase {
    /// An archive of the four samples, plus 汉阴县's report filed again as 2021.
    func makeArchive() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-serve-archive-\(UUID().uuidString)")
        let db = try ArchiveDatabase(path: folder.appendingPathComponent("archive.sqlite").path)
        for name in try FileManager.default.contentsOfDirectory(atPath: ServeRouteTests.samples.path).sorted() where name.hasSuffix(".txt") {
            let parsed = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: ServeRouteTests.samples.appendingPathComponent(name))))
            let findings = Checker.findings(for: parsed)
            let file = ArchiveFile(path: name, input: "1:1", status: findings.hasErrors ? "errors" : findings.isEmpty ? "ok" : "warnings",
                                   errors: findings.errorCount, warnings: findings.warningCount)
            try db.record(file, report: parsed.report, findings: findings)
            if name.hasPrefix("hanyin") {
                var earlier = parsed.report
                earlier.year = 2021
                earlier[.requests(.new, .total)] = .count(7)
                try db.record(ArchiveFile(path: "2021/" + name, input: "1:2", status: "ok"), report: earlier, findings: [])
            }
        }
        return db.path
    }

    func makeServer(archive: String?) throws -> Server {
        var configuration = ServeConfiguration()
        configuration.temporaryDirectory = NSTemporaryDirectory()
        // The committed test fonts, as every test draws with (never fonts/, which `make fonts`
        // fills: registered in this process, it changed what other tests' PDFs are made of).
        configuration.fontDirectories = [TestPaths.fonts]
        configuration.archive = archive
        return try Server(configuration)
    }

    func testTheArchivePageFiltersSortsAndLinksAgencies() async throws {
        let server = try makeServer(archive: try makeArchive())
        defer { server.shutdown() }
        try await Application(router: server.router()).test(.router) { client in
            try await client.execute(uri: "/archive", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                let html = String(buffer: response.body)
                XCTAssertTrue(html.contains("5 份报告 · 4 个机关"), html)
                XCTAssertTrue(html.contains("class=\"active\" aria-current=\"page\">档案库</a>"), "the nav marks 档案库")
                XCTAssertEqual(html.components(separatedBy: "<tr class=").count - 1, 5)
            }
            let filter = "/archive?agency=" + "汉阴".addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + "&sort=requests.new.total&desc=1"
            try await client.execute(uri: filter, method: .get) { response in
                let html = String(buffer: response.body)
                XCTAssertEqual(html.components(separatedBy: "<tr class=").count - 1, 2)
                // Largest first: 2022's 19 before 2021's 7.
                let first = try XCTUnwrap(html.range(of: "<td class=\"n\">19</td>")), second = try XCTUnwrap(html.range(of: "<td class=\"n\">7</td>"))
                XCTAssertLessThan(first.lowerBound, second.lowerBound)
            }
            try await client.execute(uri: "/archive?year=2021&verdict=warnings", method: .get) { response in
                XCTAssertTrue(String(buffer: response.body).contains("新县人民政府办公室"))
            }
            let agency = "/archive/agency?name=" + "汉阴县".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            try await client.execute(uri: agency, method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                let html = String(buffer: response.body)
                XCTAssertTrue(html.contains("<th class=\"n\">2021</th><th class=\"n\">2022</th>"), html)
                XCTAssertTrue(html.contains("<svg class=\"trend\""))
            }
            try await client.execute(uri: "/archive/agency?name=nobody", method: .get) { XCTAssertEqual($0.status, .notFound) }
            try await client.execute(uri: "/assets/app.css", method: .get) { XCTAssertTrue(String(buffer: $0.body).contains("svg.trend")) }
        }
    }

    func testWithoutAnArchiveThePageSaysHowToMakeOne() async throws {
        let server = try makeServer(archive: nil)
        defer { server.shutdown() }
        try await Application(router: server.router()).test(.router) { client in
            try await client.execute(uri: "/archive", method: .get) { response in
                XCTAssertEqual(response.status, .ok, "a page every page links to")
                XCTAssertTrue(String(buffer: response.body).contains("nianbao serve --db archive.sqlite"))
            }
            try await client.execute(uri: "/archive/agency?name=x", method: .get) { response in
                XCTAssertEqual(response.status, .notFound)
                XCTAssertTrue(String(buffer: response.body).contains("nianbao serve --db archive.sqlite"))
            }
        }
    }

    func testAFileThatIsNotAnArchiveStopsTheServerStarting() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-not-archive-\(UUID().uuidString).sqlite").path
        try Data("notes".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try makeServer(archive: path)) { error in
            XCTAssertTrue("\(error)".contains("is not a nianbao archive"), "\(error)")
        }
    }
}
