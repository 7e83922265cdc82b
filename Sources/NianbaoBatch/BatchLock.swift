#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NianbaoOutput

/// One run per output folder: a second `batch` into the same folder would clear the first
/// one's files in flight, or write the same outputs at once. Only the shards of one sharding
/// (`--shard K/N`, one N) share a folder, each K once: they divide the inputs between them.
///
/// The locks are flocks under `<out>/.nianbao/`, held for the life of the process (the kernel
/// drops them when the process ends, even by `kill -9`), with the holder's pid inside for the
/// message: `lock`, exclusive for an unsharded run and shared by shards; `lock-K-of-N`,
/// exclusive, for shard K of N. They are taken under `gate`, held only while locking, so that
/// two runs starting at once (an unsharded one and a shard, or shards of different N) cannot
/// both see the other absent.
public final class BatchLock {
    private var fds: [Int32] = []

    /// Takes the folder's locks, or throws a message naming the run that holds them.
    public init(outputDir: String, shard: (k: Int, n: Int)?) throws(BatchError) {
        let dir = OutputPlan.join(outputDir, ".nianbao")
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        func openLock(_ name: String) throws(BatchError) -> Int32 {
            let fd = open(dir + "/" + name, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw BatchError("cannot lock \(outputDir): \(String(cString: strerror(errno)))") }
            return fd
        }
        let gate = try openLock("gate")
        defer { close(gate) }  // closing drops the gate's flock
        // The gate is held for microseconds; a run stopped (SIGSTOP) while holding it is waited for a while, then named.
        let deadline = Date().addingTimeInterval(10)
        while flock(gate, LOCK_EX | LOCK_NB) != 0 {
            guard Date() < deadline else { throw BatchError("cannot lock \(outputDir): another nianbao batch has been taking its lock for 10 s (\(dir)/gate)") }
            usleep(10_000)
        }
        func refuse(_ holder: (pid: String, shard: (k: Int, n: Int)?)?, _ why: String = "") -> BatchError {
            let pid = holder.map { $0.pid.isEmpty ? "" : " (pid \($0.pid))" } ?? ""
            let as_ = holder?.shard.map { " as shard \($0.k) of \($0.n)" } ?? ""
            return BatchError("another nianbao batch\(pid) is writing into \(outputDir)\(as_)\(why); wait for it to end, or choose another --output-dir")
        }
        let folder = try openLock("lock")
        fds.append(folder)
        guard let shard else {
            guard flock(folder, LOCK_EX | LOCK_NB) == 0 else {
                // Held shared: shards are running, and one of them is named; held exclusively: the pid inside.
                throw refuse(Self.heldShards(in: dir).first ?? (Self.pid(folder), nil))
            }
            Self.write(pid: folder)
            return
        }
        guard flock(folder, LOCK_SH | LOCK_NB) == 0 else { throw refuse((Self.pid(folder), nil)) }
        if let other = Self.heldShards(in: dir).first(where: { $0.shard?.n != shard.n }), let theirs = other.shard {
            throw refuse(other, ", sharded in \(theirs.n), not \(shard.n): shards of different N would render the same inputs")
        }
        let mine = try openLock("lock-\(shard.k)-of-\(shard.n)")
        fds.append(mine)
        guard flock(mine, LOCK_EX | LOCK_NB) == 0 else { throw refuse((Self.pid(mine), shard)) }
        Self.write(pid: mine)
    }

    deinit { fds.forEach { close($0) } }

    /// The shard locks under `dir` that a running shard holds, with their pids. Called under
    /// the gate, so probing a lock (taking it for an instant) cannot stop a shard from starting.
    private static func heldShards(in dir: String) -> [(pid: String, shard: (k: Int, n: Int)?)] {
        var out: [(pid: String, shard: (k: Int, n: Int)?)] = []
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() where name.hasPrefix("lock-") {
            let parts = name.dropFirst(5).split(separator: "-")
            guard parts.count == 3, parts[1] == "of", let k = Int(parts[0]), let n = Int(parts[2]) else { continue }
            let fd = open(dir + "/" + name, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            if flock(fd, LOCK_SH | LOCK_NB) != 0 { out.append((pid(fd), (k, n))) }
        }
        return out
    }

    private static func pid(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = pread(fd, &buffer, buffer.count, 0)
        return String(decoding: buffer.prefix(max(0, n)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func write(pid fd: Int32) {
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
    }
}
