@testable import NianbaoIngest
import NianbaoModel
import XCTest

/// The parts around the sections (FORMAT.md §1): titles in their variants, the preamble, the
/// cover letter kept apart, run-in headings, the closing block and attachments, and a title
/// repeated by a site's furniture.
final class ReportPartsTests: XCTestCase {
    /// The xin sample (Markdown and TSV) with its title line replaced and lines added.
    func xin(title: String? = nil, before: [String] = [], afterTitle: [String] = [], end: [String] = []) throws -> ParsedReport {
        var lines = try String(contentsOf: Fixtures.sample("xin-county-office-2021"), encoding: .utf8).components(separatedBy: "\n")
        let t = lines.firstIndex { $0.hasPrefix("# ") }!
        if let title { lines[t] = title }
        lines.insert(contentsOf: afterTitle, at: t + 1)
        lines.insert(contentsOf: before, at: t)
        while lines.last?.isEmpty == true { lines.removeLast() }
        return try Fixtures.parse(text: (lines + end).joined(separator: "\n"))
    }

    func testTitleVariantsGiveAgencyAndYear() throws {
        for (title, agency, year) in [("# 2024年某市科委政府信息公开工作年度报告", "某市科委", 2024),
                                      ("# 2024年度某市科委政府信息公开工作年度报告", "某市科委", 2024),
                                      ("# 某市科委2024 年度政府信息公开工作报告", "某市科委", 2024),
                                      ("# 某市科委二〇二四年政府信息公开年度报告", "某市科委", 2024)] {
            let r = try xin(title: title).report
            XCTAssertEqual(r.agency, agency, title)
            XCTAssertEqual(r.year, year, title)
        }
        // Split over two lines, the year first.
        let r = try xin(title: "2024年某市科学技术委员会", afterTitle: ["政府信息公开工作年度报告"]).report
        XCTAssertEqual(r.agency, "某市科学技术委员会")
        XCTAssertEqual(r.year, 2024)
        XCTAssertEqual(r.preamble, [], "the title's second line is no preamble")
    }

    func testPreambleAndCoverLetter() throws {
        let parsed = try xin(before: ["关于报送新县人民政府办公室2021年政府信息公开工作年度报告的报告", "", "信阳市人民政府办公室：", "", "现将我办年度报告报上，请审阅。", ""],
                             afterTitle: ["", "本报告依据《中华人民共和国政府信息公开条例》编制。统计期限自2021年1月1日起至2021年12月31日止。", "",
                                          "联系地址：新县新集镇解放路1号", "联系电话：0376-2992345", ""])
        let r = parsed.report
        XCTAssertEqual(r.agency, "新县人民政府办公室")
        XCTAssertEqual(r.frontMatter.map(\.text), ["关于报送新县人民政府办公室2021年政府信息公开工作年度报告的报告", "信阳市人民政府办公室：", "现将我办年度报告报上，请审阅。"])
        XCTAssertEqual(r.preamble.map(\.text), ["本报告依据《中华人民共和国政府信息公开条例》编制。统计期限自2021年1月1日起至2021年12月31日止。",
                                               "联系地址：新县新集镇解放路1号", "联系电话：0376-2992345"])
        assertCells(r, .xin)
    }

    func testClosingBlockAndAttachments() throws {
        // Attachments above a joint signature and a date in Chinese numerals.
        var r = try xin(end: ["", "附件：1.新县政府信息公开工作统计表", "2.新县政府信息公开目录", "", "新县人民政府办公室", "新县政务服务和大数据管理局", "二〇二二年一月十八日"]).report
        XCTAssertEqual(r.attachments.map(\.text), ["附件：1.新县政府信息公开工作统计表", "2.新县政府信息公开目录"])
        XCTAssertEqual(r.closing?.signature, ["新县人民政府办公室", "新县政务服务和大数据管理局"])
        XCTAssertEqual(r.closing?.date, "二〇二二年一月十八日")
        XCTAssertEqual(r.section(6)?.paragraphs.map(\.text), ["无"])
        // The date with spaces (PDF text), attachments after the block.
        r = try xin(end: ["", "      新县人民政府办公室", "      2022 年 1 月 18 日", "附件：统计表"]).report
        XCTAssertEqual(r.closing?.signature, ["新县人民政府办公室"])
        XCTAssertEqual(r.closing?.date, "2022 年 1 月 18 日")
        XCTAssertEqual(r.attachments.map(\.text), ["附件：统计表"])
        // The agency's name alone signs; a last short line of prose does not.
        r = try xin(end: ["", "新县人民政府办公室"]).report
        XCTAssertEqual(r.closing?.signature, ["新县人民政府办公室"])
        XCTAssertNil(r.closing?.date)
        r = try xin(end: ["", "特此报告"]).report
        XCTAssertNil(r.closing)
        XCTAssertEqual(r.section(6)?.paragraphs.map(\.text), ["无", "特此报告"])
    }

    func testRunInHeadingsStartParagraphs() throws {
        XCTAssertEqual(ProseParser.runInHeading("（一）主动公开情况。2022年，本机关…"), "（一）主动公开情况。")
        XCTAssertEqual(ProseParser.runInHeading("一、依申请公开情况：全年共收到申请5件。"), "一、依申请公开情况：")
        XCTAssertNil(ProseParser.runInHeading("（一）2022年，本机关共公开信息100条。"), "no heading words: a comma before the stop")
        XCTAssertNil(ProseParser.runInHeading("（一）主动公开情况"), "a subheading on its own line")
        // Flat text with no indentation and no blank lines: each enumerated heading starts a paragraph.
        let text = """
        # 某县2022年政府信息公开工作年度报告
        一、总体情况
        2022年，我县扎实推进政务公开工作。
        （一）主动公开情况。全年主动公开信息1200条，其中规范性文件2件。
        （二）依申请公开情况。全年收到申请5件，均按时答复。
        1.办理及时。所有申请均在法定期限内办结。
        2.答复规范。答复书格式统一。
        二、主动公开政府信息情况
        三、收到和处理政府信息公开申请情况
        四、政府信息公开行政复议、行政诉讼情况
        """
        let p = try Fixtures.parse(text: text).report.section(1)!.paragraphs
        XCTAssertEqual(p.map { String($0.text.prefix(6)) }, ["2022年，", "（一）主动公", "（二）依申请", "1.办理及时", "2.答复规范"])
        XCTAssertEqual(p.map(\.runInHeading), [nil, "（一）主动公开情况。", "（二）依申请公开情况。", nil, nil])
    }

    func testTitleAgainInSiteFurnitureIsNoSecondCopy() throws {
        // A related-articles list after the report names the title again: the report ends there.
        var parsed = try xin(end: ["", "相关文章", "新县人民政府办公室2021年政府信息公开工作年度报告", "新县人民政府办公室2020年政府信息公开工作年度报告"])
        XCTAssertFalse(parsed.findings.contains { $0.id == "parse.duplicate_report" })
        XCTAssertEqual(parsed.report.section(6)?.paragraphs.map(\.text), ["无", "相关文章"])
        // Pasted twice, with the tables: a finding, the first copy read.
        let once = try String(contentsOf: Fixtures.sample("xin-county-office-2021"), encoding: .utf8)
        parsed = try Fixtures.parse(text: once + "\n" + once)
        XCTAssertTrue(parsed.findings.contains { $0.id == "parse.duplicate_report" })
        assertCells(parsed.report, .xin)
    }

    func testProseAroundTables() throws {
        var lines = try String(contentsOf: Fixtures.sample("hanyin-county-2022"), encoding: .utf8).components(separatedBy: "\n")
        let three = lines.firstIndex { $0.contains("三、收到和处理政府信息公开申请情况") }!
        lines.insert("　　2022年，全县共收到政府信息公开申请19件，", at: three + 1)
        lines.insert("具体情况见下表。", at: three + 2)  // a wrapped line: not indented
        let four = lines.firstIndex { $0.contains("四、政府信息公开行政复议") }!
        lines.insert(contentsOf: ["注：本表数据截至2022年12月31日。", "说明：本年度无收费。"], at: four)
        let r = try Fixtures.parse(text: lines.joined(separator: "\n")).report
        XCTAssertEqual(r.section(3)?.paragraphs.map(\.text), ["2022年，全县共收到政府信息公开申请19件，具体情况见下表。"])
        XCTAssertEqual(r.section(3)?.afterTable.map(\.text), ["注：本表数据截至2022年12月31日。", "说明：本年度无收费。"])
        assertCells(r, .hanyin)
    }
}

extension ReportPartsTests {
    /// A page that lists other years' reports before its own title: the nearest title gives
    /// agency and year, and a warning says which was taken.
    func testSeveralTitlesTheNearestIsTakenAndSaid() throws {
        let parsed = try xin(before: ["相关报告", "新县人民政府办公室2020年政府信息公开工作年度报告", "新县人民政府办公室2019年政府信息公开工作年度报告", ""])
        XCTAssertEqual(parsed.report.year, 2021)
        let finding = try XCTUnwrap(parsed.findings.first { $0.id == .titleAmbiguous })
        XCTAssertEqual(finding.severity, .warning)
        XCTAssertTrue(finding.message.contains("2020年"), finding.message)
    }
}
