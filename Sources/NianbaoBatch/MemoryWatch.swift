#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Keeps a worker under its `--memory-limit` by looking at its resident memory, not by making
/// allocations fail.
///
/// A failed allocation is handled well only by some of the code in a worker: Swift and GLib
/// stop with a named error, but fontconfig (run by Pango on a thread of its own) and other C
/// libraries use the null pointer and crash. So the worker watches itself: a thread reads the
/// resident size every few milliseconds and ends the process with `exitStatus` once it passes
/// the limit, so the coordinator learns the cause from the status, never from stderr's words.
/// An address-space limit well above stays as the backstop for an allocation faster than the
/// watch (`backstopMegabytes`).
public enum MemoryWatch {
    /// The worker's exit status when it passed its memory limit.
    public static let exitStatus: Int32 = 86

    /// How often the resident size is read. Layout grows by about 100 MB/s at most, so the
    /// limit is passed by well under a megabyte before the watch sees it.
    static let interval: useconds_t = 5_000

    /// The address-space limit for a resident limit of `megabytes`. Address space runs ahead of
    /// resident memory by what is reserved and never touched (malloc's arenas, thread stacks,
    /// mapped fonts: about 250 MB in a worker), so the backstop sits far above the limit.
    public static func backstopMegabytes(_ megabytes: Int) -> Int { megabytes * 2 + 1024 }

    /// Resident memory of this process now, bytes (0 when /proc cannot be read).
    public static func residentBytes() -> Int {
        let fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        return residentBytes(fd)
    }

    /// Starts the watch (once per process) and sets the backstop.
    public static func start(megabytes: Int) {
        guard megabytes > 0 else { return }
        let backstop = rlim_t(backstopMegabytes(megabytes)) << 20
        var limit = rlimit(rlim_cur: backstop, rlim_max: backstop)
        setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
        let fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }  // no /proc: the backstop alone
        let bytes = megabytes << 20
        // Everything the thread needs is made before it starts (the page size too, read once
        // here): at the limit it allocates nothing.
        _ = residentBytes(fd)
        let message = Array("nianbao batch-worker: out of memory: more than \(megabytes) MB resident (--memory-limit)\n".utf8)
        let thread = Thread {
            while true {
                if residentBytes(fd) > bytes {
                    message.withUnsafeBytes { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
                    _exit(exitStatus)
                }
                usleep(interval)
            }
        }
        thread.name = "nianbao memory watch"
        thread.stackSize = 1 << 16
        thread.start()
    }

    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// The second field of statm (resident pages) times the page size.
    private static func residentBytes(_ fd: Int32) -> Int {
        var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &buffer) { raw -> Int in
            let n = pread(fd, raw.baseAddress, raw.count, 0)
            guard n > 0 else { return 0 }
            var field = 0, value = 0
            for byte in raw.prefix(n) {
                if byte == UInt8(ascii: " ") {
                    field += 1
                    if field == 2 { break }
                    continue
                }
                if field == 1, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                    value = value &* 10 &+ Int(byte - UInt8(ascii: "0"))
                }
            }
            return value &* pageSize
        }
    }
}
