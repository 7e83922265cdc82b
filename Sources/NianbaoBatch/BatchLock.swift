#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One run per output folder (and shard): a second `batch` into the same folder would clear
/// the first one's files in flight. The lock is an flock on `<out>/.nianbao/lock[-K-of-N]`,
/// held for the life of the process (the kernel drops it when the process ends, even by
/// `kill -9`), with the holder's pid inside for the message.
public final class BatchLock {
    private let fd: Int32

    /// Takes the lock, or throws a message naming the run that holds it.
    public init(outputDir: String, shard: (k: Int, n: Int)?) throws {
        let dir = outputDir + "/.nianbao"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/lock" + (shard.map { "-\($0.k)-of-\($0.n)" } ?? "")
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BatchError("cannot lock \(outputDir): \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 32)
            let n = pread(fd, &buffer, buffer.count, 0)
            let pid = String(decoding: buffer.prefix(max(0, n)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            close(fd)
            throw BatchError("another nianbao batch\(pid.isEmpty ? "" : " (pid \(pid))") is writing into \(outputDir)\(shard.map { " as shard \($0.k) of \($0.n)" } ?? ""); wait for it to end, or choose another --output-dir")
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit { close(fd) }
}
