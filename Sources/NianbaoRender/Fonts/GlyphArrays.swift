import Synchronization

/// Arrays over a face's glyphs (a CJK face has ~22,000), all zero, handed back once a
/// document is written and reused by the next. Made fresh, the six or so a font needs were
/// ~0.8 MB a document to zero, and, freed at its end, the heap gave them back to the system
/// and faulted them in again for the next one (a hundred page faults a report).
///
/// Whoever gives an array back names the entries it wrote, which are set to zero again; arrays are values, so one still held elsewhere is copied, never shared, when
/// the next document writes to it.
final class GlyphArrays<Element: Equatable & Sendable>: Sendable {
    private let zero: Element
    private let free = Mutex<[Int: [[Element]]]>([:])
    /// Arrays kept per length: a document's fonts, for a few threads.
    private static var kept: Int { 16 }

    init(zero: Element) { self.zero = zero }

    /// An array of `count` zeros.
    func take(_ count: Int) -> [Element] {
        if let reused = free.withLock({ $0[count]?.popLast() }) { return reused }
        return [Element](repeating: zero, count: count)
    }

    /// Keeps `array` for reuse once its entries at `written` (all that were set) are zero again.
    func give(_ array: consuming [Element], zeroing written: some Sequence<Int>) {
        for i in written where i >= 0 && i < array.count { array[i] = zero }
        give(array)
    }

    /// Keeps `array` for reuse; every entry must be zero again.
    private func give(_ array: [Element]) {
        assert(!array.contains { $0 != zero }, "an array given back is not all zero")
        free.withLock { free in
            if free[array.count, default: []].count < Self.kept { free[array.count, default: []].append(array) }
        }
    }
}

enum GlyphArraysPool {
    static let int32 = GlyphArrays<Int32>(zero: 0)
    static let bool = GlyphArrays<Bool>(zero: false)
}
