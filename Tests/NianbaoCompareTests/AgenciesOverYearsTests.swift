import Foundation
import NianbaoChecks
import NianbaoCompare
import NianbaoIngest
import NianbaoLayout
import NianbaoModel
import NianbaoRender
import NianbaoStyle
import NianbaoTestSupport
import XCTest

/// Several agencies over several years (issue #21): one part per metric, agencies as rows and
/// years as columns, places within each year, each agency's trend as a small line.
final class AgenciesOverYearsTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        FontSetup.register(directories: [TestPaths.fonts])
    }

    /// Three agencies (the first three samples' numbers), 2021–2023; the third lacks 2022.
    func sheet() throws -> ComparisonSheet {
        let reports = try TestPaths.samples.prefix(3).map { try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample($0)))) }
        var inputs: [ComparisonInput] = []
        for (a, agency) in ["示例县城关镇", "示例县教育局", "示例县公安局"].enumerated() {
            for year in 2021...2023 where !(a == 2 && year == 2022) {
                var parsed = reports[(a + year) % 3]
                parsed.report.agency = agency
                parsed.report.year = year
                inputs.append(ComparisonInput(report: parsed.report, findings: Checker.findings(for: parsed)))
            }
        }
        return ComparisonBuilder.build(inputs, metrics: .summary)
    }

    func testPlacesAndMarksWithinEachYear() throws {
        let sheet = try sheet()
        XCTAssertTrue(sheet.isAgenciesOverYears)
        let row = try XCTUnwrap(sheet.rows.first { $0.metric.key == "requests.new.total" })
        for year in 2021...2023 {
            let columns = sheet.columns.indices.filter { sheet.columns[$0].isReport && sheet.columns[$0].year == year }
            let numbers = columns.compactMap { row.values[$0].number }
            let highest = columns.filter { row.values[$0].mark == .highest }.compactMap { row.values[$0].number }
            XCTAssertTrue(highest.allSatisfy { $0 == numbers.max() }, "\(year): ▲ is that year's highest")
            XCTAssertFalse(highest.isEmpty && Set(numbers).count > 1, "\(year): the year's highest is marked")
        }
    }

    func testOnePartPerMetricWithTrendLines() throws {
        let sheet = try sheet()
        let style = try StyleLoader.load("official", searching: [TestPaths.styles])
        let doc = HandoutLayout(style: style, shaper: PangoShaper()).layout(sheet)
        let texts = doc.pages.flatMap(HandoutFitTests.texts)
        XCTAssertFalse(texts.contains { $0.hasPrefix("主要指标及名次") }, "no ranking of agency-years against each other")
        for (n, row) in sheet.rows.enumerated() {
            XCTAssertTrue(texts.contains("\(n + 1)．\(row.metric.label)（各年数值及当年名次）"), row.metric.label)
        }
        for year in 2021...2023 { XCTAssertTrue(texts.contains("\(year)年"), "\(year)") }
        XCTAssertTrue(texts.contains("（无报告）"), "the year an agency has no report says so")
        // Places within a year: the part of 本年新收申请 lists, for 2021, the places of that year.
        let row = try XCTUnwrap(sheet.rows.first { $0.metric.key == "requests.new.total" })
        let y2021 = sheet.columns.indices.filter { sheet.columns[$0].isReport && sheet.columns[$0].year == 2021 }
        let values = y2021.map { row.values[$0].number }
        let expected = values.map { v in v.map { x in 1 + values.compactMap { $0 }.filter { $0 > x }.count } }
        XCTAssertEqual(expected.compactMap { $0 }.count, 3)
        // Trend lines: diagonal or flat rules beside the table, more than the grid alone draws.
        let sloped = doc.pages.flatMap(\.items).filter { if case let .rule(x1, y1, x2, y2, _) = $0 { return x1 != x2 && y1 != y2 } else { return false } }
        XCTAssertGreaterThan(sloped.count, 0, "some trend rises or falls")
        // Both writers write it.
        for engine in [PDFWriter.Options.Engine.automatic, .cairo] {
            let pdf = try PDFWriter.write(doc, options: PDFWriter.Options(creationDate: "2024-01-31T00:00:00", engine: engine))
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-years-\(UUID().uuidString).pdf")
            try pdf.write(to: path)
            defer { try? FileManager.default.removeItem(at: path) }
            let text = try Tool.run("pdftotext", [path.path, "-"]).stdout.filter { !$0.isWhitespace }
            XCTAssertTrue(text.contains("1．本年新收申请（各年数值及当年名次）"), "\(engine)")
            XCTAssertTrue(text.contains("城关镇") && text.contains("公安局"), "\(engine)")
        }
    }
}
