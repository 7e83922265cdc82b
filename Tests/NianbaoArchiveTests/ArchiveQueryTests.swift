import NianbaoArchive
import NianbaoCompare
import NianbaoModel
import XCTest

/// The archive page's questions over the samples.
final class ArchiveQueryTests: XCTestCase {
    func testFiltersSortAndPages() throws {
        let db = try ArchiveFixtures.samplesArchive(in: try ArchiveFixtures.folder())
        let all = try db.reports(ArchiveQuery())
        XCTAssertEqual(all.total, ArchiveFixtures.names.count)
        XCTAssertEqual(all.rows.map(\.agency), all.rows.map(\.agency).sorted())

        let hanyin = try db.reports(ArchiveQuery(agency: "汉阴"))
        XCTAssertEqual(hanyin.rows.map(\.path), ["hanyin-county-2022.txt"])
        XCTAssertEqual(try db.reports(ArchiveQuery(year: 2021)).rows.map(\.year), [2021])
        XCTAssertEqual(try db.reports(ArchiveQuery(template: "2019")).rows.map(\.path), ["shangcheng-county-market-2020.txt"])
        let facets = try db.facets()
        XCTAssertEqual(facets.templates, ["2019", "2021"])
        for (verdict, count) in facets.verdicts {
            XCTAssertEqual(try db.reports(ArchiveQuery(verdict: verdict)).total, count, verdict)
        }

        // By a cell, largest first, blanks last; the page shows the sorted value.
        let byNew = try db.reports(ArchiveQuery(sort: "requests.new.total", descending: true))
        let values = byNew.rows.compactMap(\.sortValue)
        XCTAssertEqual(values, values.sorted(by: >))
        XCTAssertEqual(byNew.rows.first?.sortText, byNew.rows.first?.sortValue.map { String(Int($0)) })
        // By a derived metric.
        let byRate = try db.reports(ArchiveQuery(sort: "derived.requests.disclosure_rate"))
        let rates = byRate.rows.compactMap(\.sortValue)
        XCTAssertEqual(rates, rates.sorted())
        XCTAssertTrue(rates.allSatisfy { (0...1).contains($0) })

        let page2 = try db.reports(ArchiveQuery(limit: 2, offset: 2))
        XCTAssertEqual(page2.rows.map(\.path), Array(all.rows.map(\.path)[2..<4]))
        XCTAssertEqual(page2.total, all.total)
    }

    func testAnUnknownSortKeyIsRefused() throws {
        let db = try ArchiveFixtures.samplesArchive(in: try ArchiveFixtures.folder())
        XCTAssertThrowsError(try db.reports(ArchiveQuery(sort: "year; DROP TABLE files"))) { error in
            XCTAssertEqual(error as? ArchiveError, .unknownSortKey("year; DROP TABLE files"))
        }
    }

    func testAnAgencysYearsComeOldestFirst() throws {
        let folder = try ArchiveFixtures.folder()
        let db = try ArchiveFixtures.samplesArchive(in: folder)
        // The same report filed again as the year before, with one figure changed.
        let report = try ArchiveFixtures.fileHanyinAgainAs2021(in: db)
        let years = try db.agency(report.agency)
        XCTAssertEqual(years.map(\.year), [2021, 2022])
        XCTAssertEqual(years.first?.cells["requests.new.total"]?.value, "7")
        let original = try ArchiveFixtures.parsed("hanyin-county-2022").report
        XCTAssertEqual(years.last?.metrics["derived.requests.disclosure_rate"], Metric.Derived.disclosureRate.value(original))
        XCTAssertNotNil(years.last?.metrics["derived.requests.disclosure_rate"])
    }
}
