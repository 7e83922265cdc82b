import NianbaoIngest
import NianbaoModel
import XCTest

/// The four real reports: title, agency, year, sections and all 200 cells.
final class SampleReportTests: XCTestCase {
    func testXixiaPDFRowShape() throws {
        let parsed = try Fixtures.parse("xixia-county-2022")
        let r = parsed.report
        XCTAssertEqual(r.agency, "西峡县人民政府")
        XCTAssertEqual(r.year, 2022)
        XCTAssertEqual(r.title, "西峡县人民政府2022年政府信息公开工作年度报告")
        XCTAssertEqual(r.sections.map(\.number), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(parsed.findings, [])
        assertCells(r, .xixia)
        // Radicals mapped (⼈⺠ → 人民, ⻔⼾ → 门户), full-width punctuation kept.
        let prose = r.section(1)!.paragraphs.map(\.text).joined()
        XCTAssertTrue(prose.contains("政府门户网站"), prose)
        XCTAssertFalse(prose.unicodeScalars.contains { (0x2E80...0x2FDF).contains($0.value) })
        XCTAssertTrue(prose.contains("“公开为原则、不公开为例外”，"))
        // Paragraphs re-joined across the PDF's wrapped lines; the title is not prose.
        XCTAssertEqual(r.section(1)!.paragraphs.count, 8)
        XCTAssertTrue(r.section(1)!.paragraphs[0].text.hasSuffix("公开各类政府信息约30000余条。"))
        XCTAssertEqual(r.section(1)!.paragraphs[0].line, 6)
        XCTAssertEqual(r.section(5)!.paragraphs.map(\.kind), [.subheading, .body, .subheading, .body, .body, .body])
        XCTAssertEqual(r[.active(.fees, "amount")].number, 1131.7652)
        XCTAssertEqual(r[.requests(.new, .natural)].line, 94)
    }

    func testJianxiPDFRowShapeWithNumberedProse() throws {
        let parsed = try Fixtures.parse("jianxi-district-office-2022")
        let r = parsed.report
        XCTAssertEqual(r.agency, "涧西区人民政府办公室")
        XCTAssertEqual(r.year, 2022)
        XCTAssertEqual(parsed.findings, [])
        // Section 1's prose is divided 一、… 五、…; those are subheadings, not sections.
        XCTAssertEqual(r.sections.map(\.number), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(r.section(2)!.line, 32)
        XCTAssertEqual(r.section(1)!.paragraphs.filter { $0.kind == .subheading }.map(\.text),
                       ["一、主动公开情况", "二、依申请公开情况", "三、政府信息管理情况", "四、政府信息公开平台建设情况", "五、监督保障情况"])
        XCTAssertTrue(r.section(1)!.paragraphs.contains { $0.text.contains("二是按省、市相关要求") }, "wrap across a blank line re-joined")
        XCTAssertEqual(r.section(6)!.paragraphs, [])
        assertCells(r, .jianxi)
    }

    func testXinMarkdownAndTSV() throws {
        let parsed = try Fixtures.parse("xin-county-office-2021")
        let r = parsed.report
        XCTAssertEqual(r.agency, "新县人民政府办公室")
        XCTAssertEqual(r.year, 2021)
        XCTAssertEqual(r.sections.map(\.number), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(parsed.findings, [])
        assertCells(r, .xin)
        XCTAssertEqual(r.section(1)!.paragraphs.filter { $0.kind == .subheading }.map(\.text), ["（一）主动公开", "（二）依申请公开", "（三）平台建设"])
        XCTAssertEqual(r.section(5)!.paragraphs.count, 2, "a sentence wrapped across a blank line is one paragraph")
        XCTAssertEqual(r.section(6)!.paragraphs.map(\.text), ["无"])
    }

    func testHanyinWordTableText() throws {
        let parsed = try Fixtures.parse("hanyin-county-2022")
        let r = parsed.report
        XCTAssertEqual(r.agency, "汉阴县")
        XCTAssertEqual(r.year, 2022)
        XCTAssertEqual(r.sections.map(\.number), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(parsed.findings, [])
        assertCells(r, .hanyin)
        XCTAssertEqual(r.section(1)!.paragraphs.filter { $0.kind == .subheading }.count, 5)
        XCTAssertEqual(r.section(6)!.paragraphs.map(\.text), ["2022年未收取政府信息公开信息处理费。"])
        XCTAssertEqual(r[.requests(.carriedOver, .natural)].state, .blank, "an empty Word cell is blank, not 0")
    }
}
