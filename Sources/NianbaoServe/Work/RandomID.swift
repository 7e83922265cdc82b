/// Random identifiers for sessions, tokens and uploads: hex, from the system's generator.
enum RandomID {
    /// `bytes` random bytes as lowercase hex (16 → 32 characters).
    static func make(bytes: Int = 16) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in
            let b = UInt8.random(in: 0...255, using: &generator)
            return String(b, radix: 16).count == 1 ? "0" + String(b, radix: 16) : String(b, radix: 16)
        }.joined()
    }
}
