@testable import NianbaoIngest
import NianbaoChecks
import NianbaoModel
import XCTest

/// Reports of the 2019 template (FORMAT.md §2b): its table 1 with signed 本年增/减 and 采购总金额
/// with its unit, table 2 with the single （六）其他处理 row, table 3; every one of the 198 keys
/// compared with what the fixture says, read by eye.
final class Template2019Tests: XCTestCase {
    static let fixture = Fixtures.directory.appendingPathComponent("y2019/shangcheng-county-market-2020.txt")

    /// The fixture's 198 cells, written from the report as printed.
    static let expected: [String: String] = {
        var e: [String: String] = [:]
        let t1: [(Active2019Row, [String])] = [(.regulations, ["0", "0", "0"]), (.normativeDocuments, ["3", "3", "15"]),
                                               (.licensing, ["25", "-2", "1320"]), (.otherServices, ["6", "1", "88"]),
                                               (.penalty, ["40", "0", "213"]), (.coercion, ["5", "-1", "17"]),
                                               (.fees, ["3", "0"]), (.procurement, ["12", "251000"])]
        for (row, values) in t1 { for (c, v) in zip(row.columns, values) { e["active2019.\(row.rawValue).\(c)"] = v } }
        let zero = Array(repeating: "0", count: 7)
        var t2 = Dictionary(uniqueKeysWithValues: RequestRow.allCases.filter { $0.group != .other }.map { ($0, zero) })
        t2[.new] = ["12", "2", "0", "0", "0", "0", "14"]
        t2[.carriedOver] = ["1", "0", "0", "0", "0", "0", "1"]
        t2[.granted] = ["5", "1", "0", "0", "0", "0", "6"]
        t2[.partiallyGranted] = ["2", "0", "0", "0", "0", "0", "2"]
        t2[.notHeld] = ["2", "1", "0", "0", "0", "0", "3"]
        t2[.repeated] = ["1", "0", "0", "0", "0", "0", "1"]
        t2[.total] = ["12", "2", "0", "0", "0", "0", "14"]
        t2[.carriedForward] = ["1", "0", "0", "0", "0", "0", "1"]
        for (row, values) in t2 { for (c, v) in zip(RequestColumn.allCases, values) { e[CellKey.requests(row, c).rawValue] = v } }
        for (c, v) in zip(RequestColumn.allCases, ["2", "0", "0", "0", "0", "0", "2"]) { e[CellKey.otherProcessingKey(c).rawValue] = v }
        let t3 = ["1", "0", "0", "1", "2", "0", "0", "0", "1", "1", "0", "0", "0", "0", "0"]
        for (key, v) in zip(ReviewGroup.allCases.flatMap { g in ReviewColumn.allCases.map { CellKey.review(g, $0) } }, t3) { e[key.rawValue] = v }
        return e
    }()

    func testEveryCellOfThe2019Report() throws {
        let parsed = try ReportParser().parse(bytes: Fixtures.bytes(Self.fixture))
        let r = parsed.report
        XCTAssertEqual(r.template, .y2019)
        XCTAssertEqual(r.agency, "商城县市场监督管理局")
        XCTAssertEqual(r.year, 2020)
        XCTAssertEqual(parsed.findings, [])
        XCTAssertEqual(r.keys.count, 198)
        XCTAssertEqual(Set(r.keys.map(\.rawValue)), Set(Self.expected.keys), "the 2019 template's keys")
        for key in r.keys {
            XCTAssertEqual(r[key].state, .number, key.rawValue)
            XCTAssertEqual(r[key].text, Self.expected[key.rawValue], key.rawValue)
        }
        XCTAssertEqual(r[.active2019(.licensing, "change")].number, -2)
        XCTAssertEqual(r[.active2019(.coercion, "change")].written, "－1")
        XCTAssertEqual(r[.active2019(.procurement, "amount")].unit, "元")
        XCTAssertEqual(r.closing?.date, "2021年1月20日")
        XCTAssertEqual(Checker.check(r), [], "the 2019 relations hold, the single （六） row among the result rows")
    }

    func testChecksUseTheSingleOtherRow() throws {
        var r = try ReportParser().parse(bytes: Fixtures.bytes(Self.fixture)).report
        r[.otherProcessingKey(.natural)] = .count(3)
        let ids = Set(Checker.check(r).map(\.id.rawValue))
        XCTAssertEqual(ids, ["requests.results_sum", "requests.row_sum"], "the single row is a result row and a row of its own")
    }

    func testSignedChangesAndSumsOfMoney() {
        func signed(_ s: String) -> String { CellReader.readSigned(Substring(s), line: nil).0.text }
        XCTAssertEqual(["-2", "－2", "−2", "减少2", "减2", "增加3", "+3", "３", "0"].map(signed), ["-2", "-2", "-2", "-2", "-2", "3", "3", "3", "0"])
        XCTAssertEqual(CellReader.readSigned("—", line: nil).0.state, .placeholder)
        XCTAssertEqual(CellReader.readSigned("减少", line: nil).0.state, .unreadable)
        let money = CellReader.readMoney("35.2万元", line: nil).0
        XCTAssertEqual([money.text, money.unit, money.written], ["35.2", "万元", "35.2万元"])
        XCTAssertNil(CellReader.readMoney("251000", line: nil).0.unit, "the header's unit applies")
        XCTAssertEqual(CellReader.readMoney("约25万", line: nil).0.state, .unreadable)
    }
}
