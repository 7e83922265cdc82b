import Foundation
import NianbaoIngest
import XCTest

/// Inputs that are no report: each gives a typed error that says why.
final class BadInputTests: XCTestCase {
    private func error(_ bytes: [UInt8]) -> IngestError? {
        do {
            _ = try ReportParser().parse(bytes: bytes)
            return nil
        } catch {
            return error
        }
    }

    func testEmptyAndBlank() {
        XCTAssertEqual(error([]), .empty)
        XCTAssertEqual(error(Array("  \n\r\n\t ".utf8)), .blank)
    }

    func testEncodingsNianbaoDoesNotReadAreNamed() {
        let text = String(decoding: Fixtures.bytes(Fixtures.sample("xin-county-office-2021")), as: UTF8.self)
        let utf16 = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }  // little-endian, no BOM
        XCTAssertEqual(error(utf16), .utf16WithoutBOM)
        XCTAssertTrue(IngestError.utf16WithoutBOM.description.contains("iconv -f UTF-16LE -t UTF-8"))
        // 臺北市政府2021年政府資訊公開工作年度報告 in Big5.
        let big5: [UInt8] = [0xBB, 0x4F, 0xA5, 0x5F, 0xA5, 0xAB, 0xAC, 0x46, 0xA9, 0xB2, 0x32, 0x30, 0x32, 0x31, 0xA6, 0x7E, 0xAC, 0x46, 0xA9, 0xB2,
                             0xB8, 0xEA, 0xB0, 0x54, 0xA4, 0xBD, 0xB6, 0x7D, 0xA4, 0x75, 0xA7, 0x40, 0xA6, 0x7E, 0xAB, 0xD7, 0xB3, 0xF8, 0xA7, 0x69, 0x0A]
        XCTAssertEqual(error(big5), .big5)
    }

    func testRandomBytesAreBinary() {
        var generator = SplitMix(seed: 42)
        let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        XCTAssertEqual(error(bytes), .binary)
    }

    func testTruncatedInTheMiddleOfACharacter() {
        let full = Fixtures.bytes(Fixtures.sample("xixia-county-2022"))
        // Cut inside the first CJK character after 40% of the file.
        var cut = full.count * 2 / 5
        while full[cut] & 0xC0 == 0x80 || full[cut] < 0xE0 { cut += 1 }
        XCTAssertEqual(error(Array(full[..<(cut + 1)])), .truncated)
    }

    func testTruncatedBeforeTheTables() {
        let full = String(decoding: Fixtures.bytes(Fixtures.sample("xixia-county-2022")), as: UTF8.self)
        let head = full.components(separatedBy: "⼆、主动公开政府信息情况")[0]
        guard case .notAReport(let reason)? = error(Array(head.utf8)) else { return XCTFail("expected notAReport") }
        XCTAssertTrue(reason.contains("cut short"), reason)
    }

    func testUnrelatedText() {
        let text = "The quick brown fox jumps over the lazy dog.\n今天天气很好，我们去公园散步。\n"
        guard case .notAReport(let reason)? = error(Array(text.utf8)) else { return XCTFail("expected notAReport") }
        XCTAssertTrue(reason.contains("no title"), reason)
    }

    func testWrongEncodingShiftJIS() {
        // 「年度報告」 in Shift-JIS decodes as GB18030 garbage at best: never a report.
        let sjis: [UInt8] = [0x94, 0x4E, 0x93, 0x78, 0x95, 0xF1, 0x8D, 0x90, 0x0A, 0x82, 0xA0, 0x82, 0xA2, 0x0A]
        XCTAssertNotNil(error(sjis))
    }
}

/// A small deterministic generator, so the random bytes are the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
