import Foundation
import NianbaoChecks
import NianbaoExport
import NianbaoFiles
import NianbaoInput
import NianbaoIngest
import NianbaoModel
import NianbaoTestSupport
import XCTest

/// Reports as agencies publish them, made from the four samples by other tools
/// (scripts/make-fixtures.py): every one of the 200 cells, agency, year and sections.
final class FileInputTests: XCTestCase {
    func parse(_ url: URL) throws -> ParsedReport {
        try ReportInput.parse([UInt8](Data(contentsOf: url)), name: url.lastPathComponent)
    }

    /// Parses each sample's file of one kind and compares it with what the text sample says.
    func assertEverySample(_ path: (String) -> String, kind: InputKind, file: StaticString = #filePath, line: UInt = #line) throws {
        for name in TestPaths.samples {
            let url = TestPaths.file(path(name))
            let bytes = [UInt8](try Data(contentsOf: url))
            XCTAssertEqual(InputKind.detect(bytes), kind, url.lastPathComponent, file: file, line: line)
            let parsed = try parse(url)
            let text = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample(name))))
            let mismatches = ExpectedCells.named(name)!.mismatches(in: parsed.report)
            XCTAssert(mismatches.isEmpty, "\(url.lastPathComponent): \(mismatches.count) cells differ:\n" + mismatches.prefix(20).joined(separator: "\n"), file: file, line: line)
            XCTAssertEqual(parsed.report.agency, text.report.agency, url.lastPathComponent, file: file, line: line)
            XCTAssertEqual(parsed.report.year, text.report.year, url.lastPathComponent, file: file, line: line)
            XCTAssertEqual(parsed.report.sections.map(\.number), [1, 2, 3, 4, 5, 6], url.lastPathComponent, file: file, line: line)
            XCTAssertEqual(parsed.findings.filter { $0.severity == .error }, [], url.lastPathComponent, file: file, line: line)
            // The prose survives: every paragraph of section 1, in order.
            XCTAssertEqual(parsed.report.section(1)?.paragraphs.map(\.text), text.report.section(1)?.paragraphs.map(\.text), url.lastPathComponent, file: file, line: line)
        }
    }

    func testWordFilesWithMergedCells() throws {
        try assertEverySample({ "docx/\($0).docx" }, kind: .docx)
    }

    func testPDFsMadeByLibreOffice() throws {
        try assertEverySample({ "lo-pdf/\($0).pdf" }, kind: .pdf)
    }

    func testGovernmentSitePagesInTheirChrome() throws {
        try assertEverySample({ "html/\($0)-site.html" }, kind: .html)
        // The breadcrumb, the sidebar (last year's report) and <title> do not give the title.
        let parsed = try parse(TestPaths.file("html/xixia-county-2022-site.html"))
        XCTAssertEqual(parsed.report.title, "西峡县人民政府2022年政府信息公开工作年度报告")
        XCTAssertFalse(parsed.report.section(6)!.paragraphs.map(\.text).joined().contains("版权所有"), "the footer is chrome")
    }

    func testWordExportedGBKPages() throws {
        try assertEverySample({ "html/\($0)-word-gbk.html" }, kind: .html)
    }

    func testFindingsOfAPDFNameThePage() throws {
        // LibreOffice's PDF of 新县: its blank cells make warnings whose cells stand on page 2.
        let parsed = try parse(TestPaths.file("lo-pdf/xin-county-office-2021.pdf"))
        let cell = parsed.report[.requests(.granted, .natural)]
        XCTAssertEqual(cell.state, .blank)
        XCTAssertNotNil(cell.page)
        XCTAssertNotNil(cell.line)
        XCTAssertTrue(parsed.report.sections.allSatisfy { $0.page != nil })
    }

    /// A check's finding takes page and line from one cell: in 新县's PDF a row_sum warning
    /// (table 2's 不掌握 row) and a results_sum one (its 总计 row) both stand on line 43, of
    /// pages 2 and 3; lines count on their page, so only the page tells them apart. The
    /// findings come in page order, and the text and Markdown exports say the page.
    func testCheckFindingsOfAPDFNameTheirPage() throws {
        let parsed = try parse(TestPaths.file("lo-pdf/xin-county-office-2021.pdf"))
        let findings = Checker.findings(for: parsed)
        let rowSum = try XCTUnwrap(findings.first { $0.id == "requests.row_sum" && $0.keys.contains(.requests(.notHeld, .total)) })
        let resultsSum = try XCTUnwrap(findings.first { $0.id == "requests.results_sum" })
        XCTAssertEqual(rowSum.line, 43)
        XCTAssertEqual(resultsSum.line, 43)
        XCTAssertEqual(rowSum.page, 2)
        XCTAssertEqual(resultsSum.page, 3)
        for f in findings where f.id.rawValue.hasPrefix("requests.") {
            let anchor = try XCTUnwrap(f.keys.map { parsed.report[$0] }.first { $0.line == f.line && $0.page == f.page }, "\(f.id) points at one of its cells")
            XCTAssertNotNil(anchor.page)
        }
        let places = findings.map { [$0.page ?? 0, $0.line ?? 0] }
        XCTAssertEqual(places, places.sorted { $0.lexicographicallyPrecedes($1) }, "page, then line")
        let text = TextExport.render(parsed.report, findings: findings)
        XCTAssertTrue(text.contains("  page 2 line 43: warning: requests.row_sum: "), text)
        XCTAssertTrue(text.contains("  page 3 line 43: warning: requests.results_sum: "), text)
        let markdown = MarkdownExport.render(parsed.report, findings: findings)
        XCTAssertTrue(markdown.contains("`requests.row_sum` (page 2 line 43): "), markdown)
        XCTAssertTrue(markdown.contains("`requests.results_sum` (page 3 line 43): "), markdown)
    }

    func testScanIsRefusedAsAScan() throws {
        XCTAssertThrowsError(try parse(TestPaths.file("scan.pdf"))) { error in
            XCTAssertEqual(error as? IngestError, .scannedPDF(pages: 1))
            XCTAssertTrue("\(error)".contains("no text layer"))
        }
    }

    func testPageWithoutAReport() throws {
        XCTAssertThrowsError(try parse(TestPaths.file("no-report.html"))) { error in
            guard case .notAReport = error as? IngestError else { return XCTFail("\(error)") }
        }
    }

    func testLegacyWordIsRefusedWithTheConversionCommand() throws {
        let url = TestPaths.file("doc/xin-county-office-2021.doc")
        XCTAssertEqual(InputKind.detect([UInt8](try Data(contentsOf: url))), .legacyWord)
        XCTAssertThrowsError(try parse(url)) { error in
            XCTAssertTrue("\(error)".contains("Word 97–2003 (.doc)"), "\(error)")
            XCTAssertTrue("\(error)".contains("libreoffice --headless --convert-to docx xin-county-office-2021.doc"), "\(error)")
        }
        XCTAssertThrowsError(try ReportInput.parse([UInt8](try Data(contentsOf: url)), name: "报告.wps")) { error in
            XCTAssertTrue("\(error)".contains("WPS (.wps)"), "\(error)")
        }
    }

    func testDamagedFilesSayWhat() throws {
        let pdf = [UInt8](try Data(contentsOf: TestPaths.file("lo-pdf/xin-county-office-2021.pdf")))
        XCTAssertThrowsError(try ReportInput.parse(Array(pdf.prefix(2000)))) { error in
            guard case .damaged(format: "PDF", _) = error as? IngestError else { return XCTFail("\(error)") }
        }
        let docx = [UInt8](try Data(contentsOf: TestPaths.file("docx/xin-county-office-2021.docx")))
        XCTAssertThrowsError(try ReportInput.parse(Array(docx.prefix(3000)))) { error in
            guard case .damaged(format: "DOCX", _) = error as? IngestError else { return XCTFail("\(error)") }
        }
    }

    func testKindIsToldByContentNotName() throws {
        let html = [UInt8](try Data(contentsOf: TestPaths.file("html/hanyin-county-2022-site.html")))
        let parsed = try ReportInput.parse(html, name: "report.txt")
        XCTAssertEqual(parsed.report.agency, "汉阴县")
        XCTAssertEqual(InputKind.detect(Array("　　二、主动公开政府信息情况 <b>".utf8)), .text)
        XCTAssertThrowsError(try ReportInput.parse([UInt8](repeating: 0x20, count: ReportInput.sizeLimit + 1))) { error in
            guard case .tooLarge = error as? IngestError else { return XCTFail("\(error)") }
        }
    }
}

/// The 2019 template in every input kind other tools make (scripts/make-fixtures.py from
/// Tests/NianbaoIngestTests/Fixtures/y2019): all 198 cells where the shape keeps them, and from
/// the lossy shapes no number in a wrong cell.
final class Template2019FileTests: XCTestCase {
    func testEveryInputKindOfThe2019Report() throws {
        for name in TestPaths.template2019 {
            let text = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample(name)))).report
            XCTAssertEqual(text.template, .y2019)
            let exact = ["docx/\(name).docx", "lo-pdf/\(name).pdf", "html/\(name)-site.html", "html/\(name)-word-gbk.html",
                         "wild/\(name)-lynx.txt", "wild/\(name)-w3m-80.txt", "wild/\(name)-w3m-200.txt", "wild/\(name)-nianbao-pdftotext-layout.txt"]
            let lossy = ["wild/\(name)-pdftotext-layout.txt", "wild/\(name)-pdftotext-plain.txt", "wild/\(name)-nianbao-pdftotext-plain.txt"]
            for path in exact + lossy {
                let url = TestPaths.file(path)
                let parsed = try ReportInput.parse([UInt8](Data(contentsOf: url)), name: url.lastPathComponent)
                XCTAssertEqual(parsed.report.template, .y2019, path)
                XCTAssertEqual(parsed.report.keys, text.keys, path)
                for key in text.keys {
                    let got = parsed.report[key], want = text[key]
                    if exact.contains(path) {
                        XCTAssertEqual(got.exported, want.exported, "\(path): \(key.rawValue)")
                    } else if got.state != .unreadable {
                        XCTAssertEqual(got.exported, want.exported, "\(path): \(key.rawValue) is a wrong number")
                    } else {
                        XCTAssertTrue(parsed.findings.contains { $0.keys.contains(key) }, "\(path): \(key.rawValue) is unreadable without a finding")
                    }
                }
            }
        }
    }
}
