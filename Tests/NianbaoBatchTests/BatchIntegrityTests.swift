import Foundation
@testable import NianbaoBatch
import NianbaoOutput
import XCTest

final class BatchIntegrityUnitTests: XCTestCase {
    func temp(_ name: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-integrity-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    func testRecordsCheckEachOutputsSizeAndChecksum() throws {
        let out = try temp("records")
        let input = out + "/in.txt"
        try Data("report".utf8).write(to: URL(fileURLWithPath: input))
        let item = BatchItem(path: "in.txt", file: input)
        let pdf = Data("%PDF-1.7 whole".utf8)
        try pdf.write(to: URL(fileURLWithPath: out + "/in.pdf"))
        var result = BatchResult(path: "in.txt", agency: "甲", year: 2022, status: .ok, errors: 0, warnings: 0, pages: 1, outputs: ["in.pdf"], message: "")
        result.input = BatchRecords.identity(of: Array("report".utf8))
        result.files = [BatchResult.OutputFile(path: "in.pdf", bytes: pdf.count, crc32: BatchZip.crc32(pdf))]
        BatchRecords.write(result, for: item, under: out)
        func done() -> Bool { BatchRecords.finished(item, under: out, formats: [.pdf], current: { result.input }) != nil }
        XCTAssertTrue(done())
        try Data("%PDF-1.7 whXle".utf8).write(to: URL(fileURLWithPath: out + "/in.pdf"))
        XCTAssertFalse(done(), "same size, other bytes")
        try pdf.prefix(5).write(to: URL(fileURLWithPath: out + "/in.pdf"))
        XCTAssertFalse(done(), "cut short")
        try pdf.write(to: URL(fileURLWithPath: out + "/in.pdf"))
        XCTAssertTrue(done())
        XCTAssertNil(BatchRecords.finished(item, under: out, formats: [.pdf, .json], current: { result.input }), "a format the record lacks")
        result.files = nil
        BatchRecords.write(result, for: item, under: out)
        XCTAssertFalse(done(), "a record without checksums (an older run) is made again")
    }
}
