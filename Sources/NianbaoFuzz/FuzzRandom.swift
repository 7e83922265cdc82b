/// SplitMix64: a seeded generator, so that a run (and the recipe of each case) is replayed
/// from its seed alone; `SystemRandomNumberGenerator` cannot be seeded.
public struct FuzzRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An integer in `0..<bound` (0 when `bound` is not positive).
    public mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }

    /// Small numbers more often than large ones: up to `limit`, log-uniform.
    public mutating func size(upTo limit: Int) -> Int {
        let bits = below(Int.bitWidth - limit.leadingZeroBitCount + 1)
        return min(limit, below(1 << bits) + 1)
    }

    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
