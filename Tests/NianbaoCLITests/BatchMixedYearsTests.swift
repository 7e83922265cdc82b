import Foundation
import NianbaoTestSupport
import XCTest

/// An archivist's folder of 2019–2025 reports, both templates (FORMAT.md §2b), in every input
/// kind: `batch` renders every one, each with its own template's tables and keys.
final class BatchMixedYearsTests: XCTestCase {
    func testAMixed2019To2025FolderRendersEveryReport() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-mixed-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let input = root.appendingPathComponent("in"), out = root.appendingPathComponent("out")
        func put(_ name: String, _ data: Data) throws {
            let url = input.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        func text(_ name: String) throws -> String { try String(contentsOf: TestPaths.sample(name), encoding: .utf8) }
        // Reports of the years no fixture is from are a real report with its year changed
        // (title and statistics period): what differs between years is the year and the template.
        let y2019 = "shangcheng-county-market-2020"
        try put("2019/shangcheng.txt", Data(try text(y2019).replacingOccurrences(of: "2020年", with: "2019年").utf8))
        try put("2020/shangcheng.txt", Data(contentsOf: TestPaths.sample(y2019)))
        try put("2020/shangcheng-lo.pdf", Data(contentsOf: TestPaths.file("lo-pdf/\(y2019).pdf")))
        try put("2020/shangcheng-site.html", Data(contentsOf: TestPaths.file("html/\(y2019)-site.html")))
        try put("2020/shangcheng-word.docx", Data(contentsOf: TestPaths.file("docx/\(y2019).docx")))
        try put("2021/xin.txt", Data(contentsOf: TestPaths.sample("xin-county-office-2021")))
        try put("2022/xixia.txt", Data(contentsOf: TestPaths.sample("xixia-county-2022")))
        try put("2022/xixia-lo.pdf", Data(contentsOf: TestPaths.file("lo-pdf/xixia-county-2022.pdf")))
        try put("2022/hanyin-whole.txt", Data(contentsOf: TestPaths.sample("hanyin-county-2022-whole")))
        for year in 2023...2025 {
            try put("\(year)/hanyin.txt", Data(try text("hanyin-county-2022").replacingOccurrences(of: "2022年", with: "\(year)年").utf8))
        }

        let r = try CLITests.run(["batch", input.path, "--output-dir", out.path, "--format", "pdf,json", "--jobs", "2", "--quiet"])
        XCTAssertNotEqual(r.status, 2, r.stderr)
        let rows = try String(contentsOf: out.appendingPathComponent("index.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        XCTAssertEqual(rows.count, 12)
        var years: [String: String] = [:]
        for row in rows {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            XCTAssertTrue(["ok", "warnings"].contains(fields[3]), "\(row)")
            XCTAssertGreaterThan(Int(fields[6]) ?? 0, 0, "\(row): no pages")
            years[fields[0]] = fields[2]
        }
        XCTAssertEqual(Set(years.values), Set((2019...2025).map(String.init)), "\(years)")
        // Each PDF carries its template's table 1, and each JSON names the template.
        for (path, year) in years {
            let stem = out.appendingPathComponent(path).deletingPathExtension()
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: stem.appendingPathExtension("json"))) as! [String: Any]
            let template2019 = Int(year)! <= 2020
            XCTAssertEqual(json["template"] as? String, template2019 ? "2019" : "2021", path)
            let pdf = try Tool.run("/usr/bin/pdftotext", [stem.appendingPathExtension("pdf").path, "-"]).stdout
                .replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\n", with: "")
            XCTAssertTrue(pdf.contains("\(year)年政府信息公开"), "\(path): the title's year")
            XCTAssertEqual(pdf.contains("本年新制作数量"), template2019, "\(path): table 1 of the \(template2019 ? "2019" : "2021") template")
            XCTAssertEqual(pdf.contains("本年制发件数"), !template2019, path)
        }
    }
}
