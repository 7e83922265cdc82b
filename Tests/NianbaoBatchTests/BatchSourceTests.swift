import Foundation
import NianbaoBatch
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
        let refused = items.filter { $0.refused != nil }
        XCTAssertEqual(refused.count, 3)
        XCTAssertEqual(items.filter { $0.refused == nil }.map(\.entry), ["r/one.txt"])
        for item in refused { XCTAssertFalse(item.path.contains("/"), "index path of a refused entry cannot be a path: \(item.path)") }
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
