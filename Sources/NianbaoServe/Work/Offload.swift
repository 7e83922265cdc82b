import Dispatch

/// Runs CPU-bound library work (reading, parsing, checking) off the server's event loops, so
/// one large PDF does not hold up the page the user is looking at.
enum Offload {
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: body()) }
        }
    }
}
