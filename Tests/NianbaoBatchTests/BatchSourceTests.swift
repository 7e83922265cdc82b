import Foundation
@testable import NianbaoBatch
import ZIPFoundation
import XCTest

final class BatchSourceTests: XCTestCase {
    func temp(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-batch-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
        try? FileManager.default.removeItem(at: url)
        return url
    }

    func testFolderWalkSortedAndSymlinksKeptInside() throws {
        let root = temp("walk")
        let outside = temp("outside")
        for p in ["b/z.txt", "a/y.txt", "a/notes.md", "x.TXT"] {
            let url = root.appendingPathComponent(p)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("secret".utf8).write(to: outside.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("escape"), withDestinationURL: outside)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("link.txt"), withDestinationURL: outside.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("inside.txt"), withDestinationURL: root.appendingPathComponent("a/y.txt"))
        let items = try BatchSource.items(in: root.path)
        XCTAssertEqual(items.map(\.path), ["a/y.txt", "b/z.txt", "inside.txt", "x.TXT"], "links out of the input are not followed")
        XCTAssertEqual(items[0].output("pdf", under: "/out"), "/out/a/y.pdf")
    }

    func testZipEntriesAndUnsafePaths() throws {
        let zip = temp("input.zip")
        let archive = try Archive(url: zip, accessMode: .create)
        for path in ["r/one.txt", "../evil.txt", "/abs.txt", "r/deep/../../up.txt", "r/image.png"] {
            let data = Data("text".utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let items = try BatchSource.items(in: zip.path)
        XCTAssertEqual(items.count, 4)
        // Climbing out or absolute: refused, shown as written; a/b/../c inside the zip: normalised.
        XCTAssertEqual(items.filter { $0.refused != nil }.map(\.path).sorted(), ["../evil.txt", "/abs.txt"])
        XCTAssertEqual(items.filter { $0.refused == nil }.map(\.path).sorted(), ["r/one.txt", "up.txt"])
        // Outputs of refused items are never written: their path is for the index only.
        XCTAssertTrue(items.filter { $0.refused != nil }.allSatisfy { $0.refused!.contains("refused, nothing written") })
    }

    func testZipNamesInAnyEncodingAndAliasedEntries() throws {
        let zip = temp("names.zip")
        let archive = try Archive(url: zip, accessMode: .create)
        for path in ["报告.txt", "./dup.txt", "dup.txt", "y//z.txt", ".nianbao/records/x.txt"] {
            let data = Data("text".utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let items = try BatchSource.items(in: zip.path)
        let paths = Set(items.map(\.path))
        XCTAssertTrue(paths.contains("报告.txt"), "\(paths)")
        XCTAssertTrue(paths.contains("y/z.txt"), "\(paths)")
        let dups = items.filter { $0.path.hasPrefix("dup.txt") }
        XCTAssertEqual(dups.count, 2, "both kept as rows")
        XCTAssertTrue(dups.allSatisfy { $0.refused?.contains("2 entries of the zip name dup.txt") == true })
        XCTAssertTrue(items.first { $0.path.hasPrefix(".nianbao") }?.refused?.contains("where nianbao keeps its records") == true)
    }

    func testFolderNamesInGBKAreKept() throws {
        let root = temp("gbk")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        // 报告.txt as Chinese Windows names it (GBK), unpacked on Linux: not UTF-8.
        let gbk: [UInt8] = [0xB1, 0xA8, 0xB8, 0xE6] + Array(".txt".utf8)
        let path = Array(root.path.utf8) + [0x2F] + gbk + [0]
        let fd = path.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        XCTAssertGreaterThanOrEqual(fd, 0)
        _ = "text".withCString { write(fd, $0, 4) }
        close(fd)
        let items = try BatchSource.items(in: root.path)
        XCTAssertEqual(items.map(\.path), ["报告.txt"])
        XCTAssertNil(items[0].file)
        XCTAssertEqual(items[0].fileBytes.map { Array($0.suffix(8)) }, gbk)
        XCTAssertEqual(try BatchJob.readFile(items[0]), Array("text".utf8))
    }

    func testShardsAreStableDisjointAndBalanced() {
        let items = (0..<2000).map { BatchItem(path: "dir\($0 % 37)/report-\($0).txt") }
        let counts = (0..<4).map { k in items.filter { $0.shard(of: 4) == k }.count }
        XCTAssertEqual(counts.reduce(0, +), 2000)
        XCTAssertTrue(counts.allSatisfy { (400...600).contains($0) }, "\(counts)")
        XCTAssertEqual(BatchItem(path: "a/b.txt").shard(of: 7), BatchItem(path: "a/b.txt").shard(of: 7))
    }

    func testMergeJoinsShardIndexes() throws {
        let dir = temp("merge")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let a = [BatchResult(path: "b.txt", agency: "乙, 县", year: 2022, status: .ok, errors: 0, warnings: 0, pages: 3, outputs: ["b.pdf"], message: "")]
        let b = [BatchResult.failed("a.txt", "the file is \"empty\"")]
        try BatchIndex.write(a, to: dir.path, seconds: 1, jobs: 1, shard: (1, 2))
        try BatchIndex.write(b, to: dir.path, seconds: 1, jobs: 1, shard: (2, 2))
        XCTAssertEqual(try BatchIndex.merge([dir.path], into: dir.path), 2)
        let index = try String(contentsOf: dir.appendingPathComponent("index.csv"), encoding: .utf8)
        XCTAssertEqual(index, [
            "path,agency,year,status,errors,warnings,pages,outputs,message",
            #"a.txt,,,failed,0,0,0,,"the file is ""empty""""#,
            #"b.txt,"乙, 县",2022,ok,0,0,3,b.pdf,"#,
        ].joined(separator: "\n") + "\n")
    }
}
