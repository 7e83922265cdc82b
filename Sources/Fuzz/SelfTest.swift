import Foundation
import NianbaoFuzz

/// `nianbao-fuzz --self-test`: the watchdog itself under test. Workers started for it crash,
/// hang or blow up on cases that say so; the driver must catch each one (and pass the
/// ordinary report), else the run fails — so a fuzz run that finds nothing means something.
enum SelfTest {
    static let crash = "NIANBAO-FUZZ-SELF-TEST-CRASH", hang = "NIANBAO-FUZZ-SELF-TEST-HANG", blowUp = "NIANBAO-FUZZ-SELF-TEST-MEMORY"

    /// In a self-test worker only: does what the case asks.
    static func misbehave(_ bytes: [UInt8]) {
        switch String(decoding: bytes, as: UTF8.self) {
        case crash: fatalError("self-test crash, as asked")
        case hang: while true { sleep(1) }
        case blowUp:
            var hoard: [[UInt8]] = []
            while true { hoard.append([UInt8](repeating: 1, count: 16 << 20)); usleep(1000) }
        default: return
        }
    }

    static func run(_ options: FuzzOptions) throws -> Int32 {
        var options = options
        options.timeout = 3
        options.memoryMB = 512
        options.jobs = 2
        let directory = options.crashes + "/.self-test"
        try? FileManager.default.removeItem(atPath: directory)
        options.crashes = directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let report = "某县人民政府2022年政府信息公开工作年度报告\n一、总体情况\n本机关依法公开政府信息。\n"
        let cases = [report, crash, hang, blowUp].map { Mutator.Case(bytes: Array($0.utf8), recipe: [$0.count > 40 ? "a short report" : $0]) }
        let driver = try Driver(options, cases: cases)
        let status = try driver.run()
        let caught = Set(driver.found.keys.map { String($0.prefix { $0 != ":" }) })
        guard status == 1, caught == ["crash", "hang", "memory"], driver.counts["crash"] == 1, driver.counts["hang"] == 1, driver.counts["memory"] == 1 else {
            say("nianbao-fuzz self-test FAILED: exit \(status), caught \(caught.sorted()), counts \(driver.counts)")
            return 1
        }
        try? FileManager.default.removeItem(atPath: directory)
        say("nianbao-fuzz self-test: the crash, the hang and the blow-up were each caught and saved; the report ran through")
        return 0
    }
}
