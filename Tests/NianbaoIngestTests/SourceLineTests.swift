@testable import NianbaoIngest
import XCTest

/// A line's size and the forms it hands out (its squeezed form is the text, the content, or
/// made when asked for; a file reader's line keeps its own).
final class SourceLineTests: XCTestCase {
    /// A report of a million short lines holds a million of these: 32 bytes each, a file
    /// reader's grid row and PDF line in a box behind one pointer.
    func testSizeIsKept() {
        XCTAssertEqual(MemoryLayout<SourceLine>.size, 32)
    }

    func testSqueezedForms() {
        let plain = SourceLine(number: 1, raw: "行政许可")
        XCTAssertEqual(plain.squeezed, "行政许可")
        XCTAssertFalse(plain.indented)
        let indented = SourceLine(number: 2, raw: "　　政务公开平台建设，")
        XCTAssertEqual(indented.squeezed, "政务公开平台建设，")
        XCTAssertTrue(indented.indented)
        let row = SourceLine(number: 3, raw: "| 行政许可 | 1 | | |   ")
        XCTAssertEqual(row.text, "| 行政许可 | 1 | | |")
        XCTAssertEqual(row.squeezed, "|行政许可|1|||")
        let filed = SourceLine(number: 4, raw: "行政 许可\t1", indented: false, gridRow: TableGrid.Row(cells: [], location: SourceLocation(page: nil, line: 4)))
        XCTAssertEqual(filed.squeezed, "行政许可1")
        XCTAssertNotNil(filed.gridRow)
        XCTAssertTrue(filed.hasTab)
    }

    func testRadicalsMappedAndBlanksTrimmed() {
        let line = SourceLine(number: 1, raw: "\u{2F06}、主动公开\u{00A0}政府信息情况\u{3000} ")
        XCTAssertEqual(line.text, "二、主动公开 政府信息情况")
        XCTAssertEqual(line.squeezed, "二、主动公开政府信息情况")
    }

    func testFurniture() {
        XCTAssertTrue(SourceLine(number: 1, raw: "— 2 —").isFurniture)
        XCTAssertTrue(SourceLine(number: 1, raw: "第 2 页 共 5 页").isFurniture)
        XCTAssertTrue(SourceLine(number: 1, raw: "（续表）").isFurniture)
        XCTAssertFalse(SourceLine(number: 1, raw: "规章 0 0 0").isFurniture)
    }
}
