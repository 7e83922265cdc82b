import Foundation
import NianbaoStyle
import XCTest

final class StyleLoaderTests: XCTestCase {
    static let stylesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("styles").path

    func testBuiltInStyles() throws {
        let official = try StyleLoader.load("official", searching: [Self.stylesDir])
        XCTAssertEqual(official.name, "official")
        XCTAssertEqual(official.page.width, 595.2756, accuracy: 0.001, "210 mm")
        XCTAssertEqual(official.page.top, 104.8819, accuracy: 0.001, "37 mm")
        XCTAssertEqual(official.page.linePitch, 225 * 72 / 25.4 / 22, accuracy: 0.001)
        XCTAssertEqual(official.body.size, 16)
        XCTAssertEqual(official.title.size, 22)
        XCTAssertEqual(official.table.size, 10.5)
        XCTAssertEqual(official.body.families.first, "仿宋_GB2312")
        XCTAssertEqual(official.body.families.last, "Noto Serif CJK SC")
        let compact = try StyleLoader.load("compact", searching: [Self.stylesDir])
        XCTAssertLessThan(compact.table.size, official.table.size)
        XCTAssertEqual(StyleLoader.available(in: [Self.stylesDir]), ["compact", "official"])
    }

    func official() throws -> String {
        try String(contentsOfFile: Self.stylesDir + "/official.yaml", encoding: .utf8)
    }

    func testUnknownKeyNamesFileAndKey() throws {
        let yaml = try official().replacingOccurrences(of: "    size: 16\n  heading1:", with: "    size: 16\n    colour: red\n  heading1:")
        XCTAssertThrowsError(try StyleLoader.parse(yaml, file: "mine.yaml")) { error in
            let e = error as! StyleError
            XCTAssertEqual(e.file, "mine.yaml")
            XCTAssertEqual(e.key, "roles.body.colour")
            XCTAssertTrue(e.description.hasPrefix("mine.yaml: roles.body.colour: unknown key"), e.description)
        }
    }

    func testBadValues() throws {
        let cases: [(String, String, String)] = [
            ("    size: 10.5         # 五号", "    size: big", "roles.table.size"),
            ("  lines_per_page: 22", "  lines_per_page: 22.5", "page.lines_per_page"),
            ("  type_width: 156", "  type_width: 300", "page.type_width"),
            ("    weight: bold", "    weight: heavy", "roles.title.weight"),
            ("  rule: 0.75", "  rule: -1", "table.rule"),
        ]
        for (from, to, key) in cases {
            let yaml = try official().replacingOccurrences(of: from, with: to)
            XCTAssertNotEqual(yaml, try official(), "fixture line «\(from)» not found")
            XCTAssertThrowsError(try StyleLoader.parse(yaml, file: "bad.yaml"), key) { error in
                XCTAssertEqual((error as? StyleError)?.key, key, "\(error)")
            }
        }
        XCTAssertThrowsError(try StyleLoader.parse("name: x\npage: [1, 2\n", file: "broken.yaml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("broken.yaml: not valid YAML"), "\(error)")
        }
        XCTAssertThrowsError(try StyleLoader.load("nosuchstyle", searching: [Self.stylesDir]))
    }
}

extension StyleLoaderTests {
    func testBuiltInStylesAreTheFilesInStyles() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("styles")
        for (name, text) in StyleLoader.builtIn {
            let file = try String(contentsOf: dir.appendingPathComponent("\(name).yaml"), encoding: .utf8)
            XCTAssertEqual(text, file, "Sources/NianbaoStyle/BuiltinStyles.swift's \(name) differs from styles/\(name).yaml: copy the file in")
        }
        XCTAssertEqual(Set(StyleLoader.builtIn.keys), ["official", "compact"])
        // Found with no folder to search: an installed binary away from the checkout.
        XCTAssertEqual(try StyleLoader.load("compact", searching: []).name, "compact")
        XCTAssertThrowsError(try StyleLoader.load("nosuch", searching: [])) { error in
            XCTAssertTrue("\(error)".contains("the styles are compact, official"), "\(error)")
        }
    }
}

extension StyleLoaderTests {
    func testPDFAKey() throws {
        XCTAssertFalse(try StyleLoader.parse(try official(), file: "official.yaml").pdfa, "off unless asked")
        XCTAssertTrue(try StyleLoader.parse(try official() + "\npdfa: true\n", file: "archive.yaml").pdfa)
        XCTAssertThrowsError(try StyleLoader.parse(try official() + "\npdfa: maybe\n", file: "archive.yaml")) { error in
            XCTAssertEqual((error as? StyleError)?.key, "pdfa", "\(error)")
        }
    }
}
