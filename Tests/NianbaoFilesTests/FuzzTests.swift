import Foundation
import NianbaoFiles
import NianbaoInput
import NianbaoFuzz
import NianbaoModel
import NianbaoTestSupport
import XCTest

/// The fuzzer's parts that its runs cannot check themselves: cases come again from a seed,
/// every mutation family is reached, and a Word file taken apart and zipped again is still
/// the same report (else every document.xml mutation would only test the refusal of a
/// broken zip).
final class FuzzTests: XCTestCase {
    static let seedFolders = [TestPaths.root.appendingPathComponent("Tests/NianbaoFilesTests/Fixtures").path,
                              TestPaths.root.appendingPathComponent("Tests/NianbaoIngestTests/Fixtures").path]

    func testTheSameRunSeedMakesTheSameCases() throws {
        let mutator = Mutator(seeds: try FuzzSeed.load(Self.seedFolders))
        var a = FuzzRandom(seed: 7), b = FuzzRandom(seed: 7), c = FuzzRandom(seed: 8)
        let first = (0..<50).map { _ in mutator.next(&a) }, again = (0..<50).map { _ in mutator.next(&b) }, other = (0..<50).map { _ in mutator.next(&c) }
        // Compared by hash: a failure prints 50 numbers, not 50 files.
        XCTAssertEqual(first.map(\.bytes.hashValue), again.map(\.bytes.hashValue))
        XCTAssertEqual(first.map(\.recipe), again.map(\.recipe))
        XCTAssertNotEqual(first.map(\.bytes.hashValue), other.map(\.bytes.hashValue))
    }

    func testEveryMutationFamilyIsReached() throws {
        let seeds = try FuzzSeed.load(Self.seedFolders)
        for kind in [InputKind.text, .html, .docx, .pdf] { XCTAssertTrue(seeds.contains { $0.kind == kind }, "a \(kind) seed") }
        XCTAssertGreaterThanOrEqual(seeds.filter { $0.entries != nil }.count, 5, "Word seeds taken apart")
        let mutator = Mutator(seeds: seeds)
        var random = FuzzRandom(seed: 1)
        let recipes = (0..<1500).map { _ in mutator.next(&random).recipe.dropFirst().joined(separator: "; ") }.joined(separator: "\n")
        for family in ["flipped", "digits at", "」 at", "× «", "removed", "cut at", "repeated", "digit at", "spliced at",
                       "× «<div>", "× «<w:", "document.xml:", "local CRC", "central size", "local header offset", "entry data"] {
            XCTAssertTrue(recipes.contains(family), "no case made by «\(family)»")
        }
    }

    func testAWordFileZippedAgainIsTheSameReport() throws {
        for name in ["hanyin-county-2022", "xixia-county-2022"] {
            let bytes = [UInt8](try Data(contentsOf: TestPaths.file("docx/\(name).docx")))
            let again = try ZipSurgery.zip(try ZipSurgery.entries(bytes))
            XCTAssertNotEqual(again, bytes, "\(name): made again by another writer")
            let (before, after) = (try ReportInput.parse(bytes).report, try ReportInput.parse(again).report)
            XCTAssertEqual(CellKey.all.map { after[$0] }, CellKey.all.map { before[$0] }, name)
            XCTAssertEqual(after.sections.count, 6, name)
        }
    }
}
