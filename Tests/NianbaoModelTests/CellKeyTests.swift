import NianbaoModel
import XCTest

final class CellKeyTests: XCTestCase {
    func testTwoHundredUniqueKeysInCanonicalOrder() {
        XCTAssertEqual(CellKey.all.count, 200)
        XCTAssertEqual(Set(CellKey.all.map(\.rawValue)).count, 200)
        XCTAssertEqual(CellKey.all.map(\.ordinal), Array(0..<200))
        XCTAssertEqual(CellKey.all.prefix(4).map(\.rawValue),
                       ["active.regulations.issued", "active.regulations.repealed", "active.regulations.in_force", "active.normative_documents.issued"])
        XCTAssertEqual(CellKey.all[9].rawValue, "active.fees.amount")
        XCTAssertEqual(CellKey.all[10].rawValue, "requests.new.natural")
        XCTAssertEqual(CellKey.all[184].rawValue, "requests.carried_forward.total")
        XCTAssertEqual(CellKey.all[185].rawValue, "review.upheld")
        XCTAssertEqual(CellKey.all[199].rawValue, "litigation_after_review.total")
        XCTAssertEqual(CellKey.requests(.stateSecret, .legalService).rawValue, "requests.denied.state_secret.legal_service")
        XCTAssertEqual(CellKey.review(.litigationDirect, .pending).rawValue, "litigation_direct.pending")
        XCTAssertNil(CellKey("requests.nothing.total"))
        XCTAssertEqual(RequestRow.results.count, 21)
        XCTAssertEqual(RequestRow.results.first, .granted)
        XCTAssertEqual(RequestRow.results.last, .otherReason)
    }

    func testBlankPlaceholderAndZeroStayDistinct() throws {
        let cells = [Cell.blank(line: 1), Cell(state: .placeholder, text: "/", written: "/"), Cell.count(0)]
        XCTAssertEqual(Set(cells.map(\.state.rawValue)).count, 3)
        let data = try JSONEncoder().encode(cells)
        XCTAssertEqual(try JSONDecoder().decode([Cell].self, from: data), cells)
        XCTAssertEqual(cells[0].valueForChecks?.assumed, true)
        XCTAssertEqual(cells[2].valueForChecks?.assumed, false)
    }
}
