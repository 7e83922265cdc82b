import Foundation
import NianbaoFuzz

/// The worker side: cases arrive on stdin (a 32-bit little-endian length, then the bytes),
/// each answer is one line on the driver's pipe: `R` refused, `P pages` rendered, `W reason`
/// a writer refused what was read. Anything the libraries print goes to stderr (the log).
enum Worker {
    static func run(_ options: FuzzOptions) throws -> Never {
        let answers = dup(1)
        dup2(2, 1)
        let pipeline = try FuzzPipeline(fontsDirectory: options.fonts)
        while let bytes = readCase() {
            if options.mode == .selfTest { SelfTest.misbehave(bytes) }
            let line: String
            switch pipeline.run(bytes) {
            case .refused: line = "R\n"
            case .rendered(let pages): line = "P \(pages)\n"
            case .writerFailed(let reason): line = "W " + reason.replacingOccurrences(of: "\n", with: " ") + "\n"
            }
            guard writeAll(answers, Array(line.utf8)) else { exit(0) }
        }
        exit(0)
    }

    private static func readCase() -> [UInt8]? {
        guard let header = readExactly(4) else { return nil }
        let length = Int(header[0]) | Int(header[1]) << 8 | Int(header[2]) << 16 | Int(header[3]) << 24
        return readExactly(length)
    }

    private static func readExactly(_ count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { read(0, $0.baseAddress! + done, count - done) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return nil }
            done += n
        }
        return bytes
    }
}

/// Writes every byte (a pipe takes them in pieces); false when the other end is gone.
func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
        if n < 0, errno == EINTR { continue }
        if n <= 0 { return false }
        done += n
    }
    return true
}

/// Replays files in this process, with Swift's backtracer on: how a saved crasher is told
/// apart from state a long-running worker had gathered, and where it fails.
enum Replay {
    static func run(_ options: FuzzOptions) throws -> Never {
        let pipeline = try FuzzPipeline(fontsDirectory: options.fonts)
        for path in options.paths {
            guard let data = FileManager.default.contents(atPath: path) else { throw FuzzError.unreadable(path: path, reason: "cannot be read") }
            let start = Date()
            let outcome = pipeline.run([UInt8](data))
            print("\(path): \(outcome) in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
        }
        exit(0)
    }
}
