import Foundation
import NianbaoFiles
import NianbaoInput
import XCTest

/// `ReportInput.read`: the one way every command, `batch` included, reads an input file.
final class ReportInputReadTests: XCTestCase {
    private var dir: String!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-read-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func failure(_ path: String) -> ReportInput.ReadError? {
        do { _ = try ReportInput.read(path: path); return nil } catch { return error }
    }

    func testRefusalsAreTyped() throws {
        XCTAssertEqual(failure(dir + "/missing.txt"), .missing)
        XCTAssertEqual(failure(dir), .directory)
        XCTAssertEqual(mkfifo(dir + "/pipe.txt", 0o644), 0)
        XCTAssertEqual(failure(dir + "/pipe.txt"), .notRegular, "refused, not waited on")
        XCTAssertEqual(failure("/dev/zero"), .notRegular, "a device is never read")
        FileManager.default.createFile(atPath: dir + "/locked.txt", contents: Data("x".utf8), attributes: [.posixPermissions: 0o000])
        if getuid() != 0 { XCTAssertEqual(failure(dir + "/locked.txt"), .unreadable(errno: EACCES)) }
        XCTAssertEqual(ReportInput.ReadError.unreadable(errno: EACCES).description, "cannot be read (permission denied)")
    }

    func testTheSizeLimitIsOneMoreByteRead() throws {
        let exact = dir + "/exact.txt", over = dir + "/over.txt"
        FileManager.default.createFile(atPath: exact, contents: Data(repeating: 0x41, count: ReportInput.sizeLimit))
        FileManager.default.createFile(atPath: over, contents: Data(repeating: 0x41, count: ReportInput.sizeLimit + 1))
        XCTAssertEqual(try ReportInput.read(path: exact).count, ReportInput.sizeLimit)
        XCTAssertEqual(failure(over), .tooLarge(limit: ReportInput.sizeLimit))
        XCTAssertEqual(failure(over)?.description, "larger than 16 MiB: not a report")
    }

    func testLoadSaysWhetherReadingOrParsingFailed() throws {
        FileManager.default.createFile(atPath: dir + "/empty.txt", contents: Data())
        XCTAssertThrowsError(try ReportInput.load(path: dir + "/empty.txt")) { error in
            guard case .parse = error as? ReportInput.Failure else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try ReportInput.load(path: dir + "/none.txt")) { error in
            guard case .read(.missing) = error as? ReportInput.Failure else { return XCTFail("\(error)") }
        }
    }
}
