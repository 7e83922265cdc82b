import Foundation
import NianbaoArchive
import NianbaoServe
import NianbaoModel
import XCTest

/// The archive pages' HTML, read without a server.
final class ArchivePageTests: XCTestCase {
    func page(_ db: ArchiveDatabase, _ parameters: [String: String]) throws -> String {
        let query = ArchiveQuery(parameters: parameters)
        return ArchiveListPage.html(try db.reports(query), facets: try db.facets(), query: query)
    }

    func testTheListFiltersSortsAndPages() throws {
        let db = try ArchiveFixtures.samplesArchive(in: try ArchiveFixtures.folder())
        let all = try page(db, [:])
        XCTAssertTrue(all.contains("\(ArchiveFixtures.names.count) 份报告"), all)
        XCTAssertTrue(all.contains("<a href=\"/archive/agency?name=%E6%B1%89%E9%98%B4%E5%8E%BF\">汉阴县</a>"), all)
        let filtered = try page(db, ["agency": "汉阴"])
        XCTAssertEqual(filtered.components(separatedBy: "<tr class=").count - 1, 1)
        // Sorted by a cell: its column is shown, the header says which way, the link reverses it.
        let sorted = try page(db, ["sort": "requests.new.total", "desc": "1"])
        XCTAssertTrue(sorted.contains("aria-sort=\"descending\""), sorted)
        XCTAssertTrue(sorted.contains("sort=requests.new.total\">"), "the current column's link sorts the other way")
        // An unknown sort or page is no error: the first page by agency.
        XCTAssertEqual(ArchiveQuery(parameters: ["sort": "x'; DROP TABLE files", "page": "-3"]), ArchiveQuery())
        let second = ArchiveQuery(parameters: ["page": "2"])
        XCTAssertEqual(second.offset, ArchiveQuery.pageSize)
    }

    func testTextFromReportsIsEscaped() throws {
        let folder = try ArchiveFixtures.folder()
        let db = try ArchiveFixtures.samplesArchive(in: folder)
        var (report, findings) = try ArchiveFixtures.parsed("xixia-county-2022")
        report.agency = "<script>alert(1)</script>县"
        try db.record(ArchiveFixtures.file("evil.txt", findings), report: report, findings: findings)
        let html = try page(db, ["agency": "script"])
        XCTAssertFalse(html.contains("<script>"), html)
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;县"), html)
    }

    func testTheAgencyPageSetsYearsSideBySideWithTrends() throws {
        let folder = try ArchiveFixtures.folder()
        let db = try ArchiveFixtures.samplesArchive(in: folder)
        let report = try ArchiveFixtures.fileHanyinAgainAs2021(in: db)
        let html = AgencyPage.html(agency: report.agency, reports: try db.agency(report.agency))
        XCTAssertTrue(html.contains("<th class=\"n\">2021</th><th class=\"n\">2022</th>"), html)
        XCTAssertTrue(html.contains("<tr><td>本年新收申请</td><td class=\"n\">7</td><td class=\"n\">19</td></tr>"), html)
        XCTAssertTrue(html.contains("<svg class=\"trend\""), "a trend chart for two years")
        XCTAssertTrue(html.contains("<polyline"), html)
        let none = AgencyPage.html(agency: "不存在", reports: [])
        XCTAssertTrue(none.contains("没有这个机关的报告"))
    }

    /// The pages as whole documents in .build/archive-pages, for a look in a browser (the
    /// screenshots in docs/ were taken of these until the server shows them).
    func testWritePreviews() throws {
        let folder = try ArchiveFixtures.folder()
        let db = try ArchiveFixtures.samplesArchive(in: folder)
        var (report, findings) = try ArchiveFixtures.parsed("hanyin-county-2022")
        for (year, scale) in [(2020, 0.6), (2021, 0.8)] {
            report.year = year
            for key in report.keys where report[key].state == .number { report[key] = .count(Int((report[key].number ?? 0) * scale)) }
            try db.record(ArchiveFixtures.file("\(year)/hanyin.txt", findings), report: report, findings: findings)
        }
        let out = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/archive-pages")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try ArchivePageStyle.document(title: "档案库", body: try page(db, ["sort": "derived.requests.received", "desc": "1"]))
            .write(to: out.appendingPathComponent("archive.html"), atomically: true, encoding: .utf8)
        try ArchivePageStyle.document(title: report.agency, body: AgencyPage.html(agency: report.agency, reports: try db.agency(report.agency)))
            .write(to: out.appendingPathComponent("agency.html"), atomically: true, encoding: .utf8)
    }
}
