import Foundation
import NianbaoTestSupport
import XCTest

/// The comparison CSV as a spreadsheet opens it (issue 21 item 6): read back by Python's csv
/// module and by pandas (`make test-tools` installs it into .build/table-venv), from the bytes
/// `nianbao compare -o x.csv` wrote.
final class ComparisonCSVTests: XCTestCase {
    static let python = TestPaths.root.appendingPathComponent(".build/table-venv/bin/python").path

    /// Reads the CSV with the csv module (utf-8-sig) and with pandas, once with its defaults
    /// (as a user's script would) and once as exact strings; prints JSON.
    static let reader = #"""
    import csv, json, sys
    import pandas as pd
    path = sys.argv[1]
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    frame = pd.read_csv(path)
    def cell(v):
        if isinstance(v, float) and v != v:
            return None  # NaN: pandas' empty
        return [type(v).__name__, str(v)]
    strings = pd.read_csv(path, dtype=str, keep_default_na=False)
    json.dump({
        "csv": rows,
        "pandasColumns": [str(c) for c in frame.columns],
        "pandas": [[cell(v) for v in r] for r in frame.itertuples(index=False)],
        "pandasStrings": strings.values.tolist(),
    }, sys.stdout, ensure_ascii=False)
    """#

    /// The reader is missing or failed: the test fails with this, it is never skipped.
    struct ReaderFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    struct Read: Decodable {
        var csv: [[String]]
        var pandasColumns: [String]
        var pandas: [[[String]?]]
        var pandasStrings: [[String]]
    }

    func read(_ path: String) throws -> Read {
        guard FileManager.default.isExecutableFile(atPath: Self.python) else {
            if !TestTools.required { throw XCTSkip("pandas is not installed in .build/table-venv (make test-tools installs it)") }
            throw ReaderFailure(message: "pandas is not installed in .build/table-venv: run `make test-tools`")
        }
        let run = try Tool.run(Self.python, ["-c", Self.reader, path])
        guard run.status == 0 else { throw ReaderFailure(message: "pandas could not read \(path): \(run.stderr.suffix(2000))") }
        return try JSONDecoder().decode(Read.self, from: Data(run.stdout.utf8))
    }

    func testTheCSVReadsBackCellForCellInPythonAndPandas() throws {
        // 西峡县 with a placeholder of each kind (/ and —) and an unreadable cell (6件); 汉阴县
        // leaves cells blank; 涧西区 has zeros.
        let text = try String(contentsOfFile: CLITests.sample("xixia-county-2022"), encoding: .utf8)
            .replacingOccurrences(of: "⼆、上年结转政府信息公开申请数量 1 0 0 0 0 0 1", with: "⼆、上年结转政府信息公开申请数量 1 / — 0 0 0 1")
            .replacingOccurrences(of: "（⼀）予以公开 6 0 0 0 0 0 6", with: "（⼀）予以公开 6件 0 0 0 0 0 6")
        XCTAssertTrue(text.contains("1 / — 0 0 0 1") && text.contains("6件"), "the sample still has the rows changed here")
        let odd = try CLITests.temp("xixia-placeholders.txt", Array(text.utf8))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-csv-\(ProcessInfo.processInfo.processIdentifier)/sheet.csv").path
        let r = try CLITests.run(["compare", odd, CLITests.sample("hanyin-county-2022"), CLITests.sample("jianxi-district-office-2022"), "-o", out])
        XCTAssertEqual(r.status, 0, r.stderr)

        // The bytes: BOM, CRLF and nothing but CRLF.
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 BOM: Excel and WPS read UTF-8")
        let lf = bytes.indices.filter { bytes[$0] == 0x0A }
        XCTAssertFalse(lf.isEmpty)
        XCTAssertTrue(lf.allSatisfy { $0 > 0 && bytes[$0 - 1] == 0x0D }, "every line ends CRLF")
        XCTAssertEqual(bytes.suffix(2), [0x0D, 0x0A])

        let read = try read(out)
        let header = ["key", "指标", "西峡县人民政府", "西峡县人民政府 标记", "汉阴县", "汉阴县 标记", "涧西区人民政府办公室", "涧西区人民政府办公室 标记"]
        XCTAssertEqual(read.csv.first, header)
        XCTAssertEqual(read.pandasColumns, header, "pandas' defaults take the BOM off the first heading")
        XCTAssertTrue(read.csv.allSatisfy { $0.count == header.count }, "every row as wide as the header")
        XCTAssertEqual(read.pandasStrings, Array(read.csv.dropFirst()), "pandas reads the same strings as the csv module")
        let metrics = read.csv.dropFirst().prefix { !$0[0].hasPrefix("※") }
        XCTAssertEqual(metrics.count, 208, "one row per metric: the 200 cells and 8 derived figures")
        XCTAssertEqual(metrics.first?[0], "active.regulations.issued", "canonical order")
        XCTAssertEqual(metrics.last?[0], "derived.litigation_after_review.correction_rate")
        XCTAssertTrue(metrics.allSatisfy { !$0[1].isEmpty && $0[1].unicodeScalars.contains { $0.value >= 0x4E00 } }, "a Chinese label beside every key")

        func row(_ key: String) throws -> (strings: [String], pandas: [[String]?]) {
            let i = try XCTUnwrap(read.csv.dropFirst().firstIndex { $0[0] == key }, key)
            return (read.csv[i], read.pandas[i - 1])
        }
        // Blank, placeholder, 0 and unreadable: four different things, in both readers.
        let placeholder = try row("requests.carried_over.commercial"), dash = try row("requests.carried_over.research")
        let unreadable = try row("requests.granted.natural"), blank = try row("requests.carried_over.total"), zero = try row("requests.new.total")
        XCTAssertEqual(placeholder.strings[2], "/")
        XCTAssertEqual(dash.strings[2], "—")
        XCTAssertEqual(unreadable.strings[2], "?")
        XCTAssertEqual(blank.strings[4], "", "汉阴县 leaves it blank")
        XCTAssertEqual(zero.strings[6], "0", "涧西区 received none")
        XCTAssertEqual(placeholder.pandas[2], ["str", "/"])
        XCTAssertEqual(dash.pandas[2], ["str", "—"])
        XCTAssertEqual(unreadable.pandas[2], ["str", "?"])
        XCTAssertNil(blank.pandas[4], "blank is pandas' empty (NaN), not 0")
        let zeroAsRead = try XCTUnwrap(zero.pandas[6], "0 is a value, not empty")
        XCTAssertEqual(Double(zeroAsRead[1]), 0, "\(zeroAsRead)")
        // The label beside the key is the handout's.
        XCTAssertEqual(zero.strings[1], "一、本年新收政府信息公开申请数量 · 总计")

        // Marks in columns of their own; value columns hold values only.
        let markColumns = header.indices.filter { header[$0].hasSuffix(" 标记") }
        let valueColumns = header.indices.dropFirst(2).filter { !markColumns.contains($0) }
        for line in metrics {
            for c in valueColumns {
                let v = line[c]
                XCTAssertTrue(v.isEmpty || Double(v) != nil || ["/", "—", "－", "-", "无", "?"].contains(v), "\(line[0]) column \(header[c]): «\(v)» is not a value")
            }
            for c in markColumns {
                XCTAssertTrue(line[c].range(of: #"^((▲|▼|※[0-9]+)( (▲|▼|※[0-9]+))*)?$"#, options: .regularExpression) != nil, "\(line[0]) \(header[c]): «\(line[c])»")
            }
        }
        XCTAssertEqual(zero.strings[4...7], ["19", "▲", "0", "▼"], "the highest and the lowest of a headline metric")
        // Each ※n in a marks column has its footnote row after the metrics, and every footnote is used.
        let notes = read.csv.dropFirst().filter { $0[0].hasPrefix("※") }
        XCTAssertFalse(notes.isEmpty, "the unreadable cell is an error: it has a footnote")
        let used = Set(metrics.flatMap { line in markColumns.flatMap { line[$0].split(separator: " ").filter { $0.hasPrefix("※") }.map(String.init) } })
        XCTAssertEqual(Set(notes.map { $0[0] }), used)
        for note in notes {
            // 西峡's check errors and its blanks (not read as 0: a cell is unreadable); 汉阴县's blanks read as 0.
            XCTAssertTrue(note[1].hasPrefix("西峡县人民政府：") || note[1].hasPrefix("汉阴县：表二、表三的空白单元格按 0 计时勾稽关系全部成立"), "\(note)")
            XCTAssertEqual(Array(note[2...]), Array(repeating: "", count: header.count - 2))
        }
        XCTAssertTrue(unreadable.strings[3].contains("※"), "the unreadable cell is marked: \(unreadable.strings)")
    }
}
