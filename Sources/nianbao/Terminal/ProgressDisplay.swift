import Foundation
import NianbaoBatch
import Synchronization

/// Batch progress: a bar with count, rate and time left on a terminal; a plain line every
/// few seconds otherwise (logs, CI); nothing with --quiet.
final class ProgressDisplay: Sendable {
    let quiet: Bool
    let tty = isatty(STDERR_FILENO) != 0
    let skipped: Int
    /// When the bar was last drawn, and whether anything was.
    private let drawn = Mutex<(at: Date, any: Bool)>((.distantPast, false))

    init(quiet: Bool, skipped: Int) {
        self.quiet = quiet
        self.skipped = skipped
    }

    func update(_ p: BatchRunner.Progress) {
        guard !quiet else { return }
        let now = Date()
        let interval = tty ? 0.1 : 5
        let due = drawn.withLock { drawn in
            guard now.timeIntervalSince(drawn.at) >= interval || p.done == p.total else { return false }
            drawn = (now, true)
            return true
        }
        guard due else { return }
        let rate = p.elapsed > 0 ? Double(p.done) / p.elapsed : 0
        let left = rate > 0 ? Double(p.total - p.done) / rate : 0
        let eta = String(format: "%d:%02d", Int(left) / 60, Int(left) % 60)
        let failed = p.failed > 0 ? ", \(p.failed) failed" : ""
        if tty {
            let width = 30
            let filled = p.total > 0 ? width * p.done / p.total : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data(String(format: "\r%@ %d/%d  %.1f/s  %@ left%@   ", bar, p.done, p.total, rate, eta, failed).utf8))
        } else {
            FileHandle.standardError.write(Data(String(format: "%d/%d done, %.1f/s, %@ left%@\n", p.done, p.total, rate, eta, failed).utf8))
        }
    }

    func finish() {
        if tty && !quiet && drawn.withLock({ $0.any }) { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
