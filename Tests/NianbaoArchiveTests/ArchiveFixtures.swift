import Foundation
import NianbaoArchive
import NianbaoChecks
import NianbaoIngest
import NianbaoModel
import NianbaoTestSupport

/// The bundled samples parsed and checked, and fresh archive files in a temporary folder.
enum ArchiveFixtures {
    static let names = TestPaths.samples + TestPaths.template2019

    static func parsed(_ name: String) throws -> (report: Report, findings: [Finding]) {
        let parsed = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample(name))))
        return (parsed.report, Checker.findings(for: parsed))
    }

    /// A new folder for one test's databases.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The index row of a report as the batch would give it.
    static func file(_ path: String, _ findings: [Finding], input: String = "100:abc") -> ArchiveFile {
        ArchiveFile(path: path, input: input, status: findings.hasErrors ? "errors" : findings.isEmpty ? "ok" : "warnings",
                    errors: findings.errorCount, warnings: findings.warningCount,
                    outputs: [.init(format: "pdf", path: path.replacingOccurrences(of: ".txt", with: ".pdf"), bytes: 1234, crc32: 0xDEAD_BEEF)])
    }

    /// An archive holding every sample, each at `NAME.txt`.
    static func samplesArchive(in folder: URL) throws -> ArchiveDatabase {
        let db = try ArchiveDatabase(path: folder.appendingPathComponent("archive.sqlite").path)
        for name in names {
            let (report, findings) = try parsed(name)
            try db.record(file("\(name).txt", findings), report: report, findings: findings)
        }
        return db
    }

    /// `samplesArchive` with 汉阴 filed again as the year before (2021/hanyin.txt), its
    /// 本年新收 total changed to 7: an agency with two years. Returns the 2021 report.
    @discardableResult
    static func fileHanyinAgainAs2021(in db: ArchiveDatabase) throws -> Report {
        var (report, findings) = try parsed("hanyin-county-2022")
        report.year = 2021
        report[.requests(.new, .total)] = .count(7)
        try db.record(file("2021/hanyin.txt", findings), report: report, findings: findings)
        return report
    }
}
