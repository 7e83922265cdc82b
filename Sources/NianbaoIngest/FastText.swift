#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level string helpers for the parser's hot paths. Foundation's `contains` goes
/// through CFString and was most of the parse time; these work on UTF-8 bytes, which is
/// exact for the ideographs and punctuation reports are made of.
enum FastText {
    /// Whether `needle` occurs in `haystack`: the C library's `memchr` and `memcmp` over the
    /// UTF-8 bytes (a byte loop in Swift, bounds-checked, was the parse's largest single cost;
    /// Glibc's module does not offer `memmem`).
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var h = haystack, n = needle
        return h.withUTF8 { hb in n.withUTF8 { nb in contains(hb, nb) } }
    }

    static func contains(_ haystack: Substring, _ needle: String) -> Bool {
        var h = haystack, n = needle
        return h.withUTF8 { hb in n.withUTF8 { nb in contains(hb, nb) } }
    }

    /// Whether `needle` occurs in the bytes `haystack`.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: String) -> Bool {
        var n = needle
        return n.withUTF8 { nb in contains(haystack, nb) }
    }

    /// Whether any of `needles` occurs in the bytes `haystack`.
    static func containsAny(_ haystack: UnsafeBufferPointer<UInt8>, _ needles: [String]) -> Bool {
        needles.contains { contains(haystack, $0) }
    }

    /// Whether the bytes `b` begin with `prefix`'s.
    static func startsWith(_ b: UnsafeBufferPointer<UInt8>, _ prefix: String) -> Bool {
        var p = prefix
        return p.withUTF8 { p in p.count <= b.count && (p.isEmpty || memcmp(b.baseAddress!, p.baseAddress!, p.count) == 0) }
    }

    /// Whether any of `needles` occurs in `haystack` (its bytes taken once for all).
    static func containsAny(_ haystack: Substring, _ needles: [String]) -> Bool {
        var h = haystack
        return h.withUTF8 { containsAny($0, needles) }
    }

    /// The needle's last byte is looked for with `memchr` (vectorised), the rest compared with
    /// `memcmp`: a CJK needle's last byte is a continuation byte, rarer than its lead byte.
    private static func contains(_ hb: UnsafeBufferPointer<UInt8>, _ nb: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = nb.count
        if n == 0 { return true }
        if n > hb.count { return false }
        let h = hb.baseAddress!, needle = nb.baseAddress!, last = Int32(nb[n - 1])
        // Candidate ends from n - 1 on.
        var from = n - 1
        while from < hb.count {
            guard let hit = memchr(h + from, last, hb.count - from) else { return false }
            let end = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - h
            if memcmp(h + end - (n - 1), needle, n - 1) == 0 { return true }
            from = end + 1
        }
        return false
    }

    /// Whether `s` has at most `n` characters (`s.count <= n`), walking at most `n + 1` of
    /// them: `count` breaks a whole paragraph into graphemes to compare it with 30.
    static func hasAtMost(_ n: Int, charactersIn s: some StringProtocol) -> Bool {
        if s.utf8.count <= n { return true }  // a character is at least a byte
        return s.index(s.startIndex, offsetBy: n + 1, limitedBy: s.endIndex) == nil
    }

    /// Whether `s`'s UTF-8 bytes begin with `prefix`'s. Where no character decomposes into one
    /// of `prefix`'s characters (none does into 注, 说明, 附件, 第, full-width colons …; U+037E
    /// does into `;`), `s.hasPrefix(prefix)` cannot hold unless this does: asked first, it spares
    /// most lines the character-by-character comparison.
    static func startsWithBytes(_ s: some StringProtocol, _ prefix: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { startsWith($0, prefix) } ?? s.utf8.starts(with: prefix.utf8)
    }

    /// `s.hasPrefix(prefix)`, the bytes compared first (see `startsWithBytes`: only for prefixes
    /// no character decomposes into).
    static func hasPrefix(_ s: Substring, _ prefix: String) -> Bool {
        startsWithBytes(s, prefix) && s.hasPrefix(prefix)
    }

    /// `s` with every occurrence of `needle` removed.
    static func removing(_ needle: String, from s: String) -> String {
        guard contains(s, needle) else { return s }
        var out: [UInt8] = []
        let h = Array(s.utf8), n = Array(needle.utf8)
        var i = 0
        while i < h.count {
            if i + n.count <= h.count && h[i..<(i + n.count)].elementsEqual(n) {
                i += n.count
            } else {
                out.append(h[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The length of the white space reports use (ASCII blanks, tab, CR, FF, NBSP, U+2002,
    /// U+2003, U+200B, U+3000, BOM) that starts at `b[i]`, or 0 when none does. On UTF-8 the
    /// lead byte and its continuation bytes say it all.
    @inline(__always)
    static func blankLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        switch b[i] {
        case 0x20, 0x09, 0x0D, 0x0C: return 1
        case 0xC2: return i + 1 < b.count && b[i + 1] == 0xA0 ? 2 : 0
        case 0xE3: return i + 2 < b.count && b[i + 1] == 0x80 && b[i + 2] == 0x80 ? 3 : 0
        case 0xEF: return i + 2 < b.count && b[i + 1] == 0xBB && b[i + 2] == 0xBF ? 3 : 0
        case 0xE2: return i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0x82 || b[i + 2] == 0x83 || b[i + 2] == 0x8B) ? 3 : 0
        default: return 0
        }
    }

    /// `s` without the white space reports use (see `blankLength`).
    static func squeeze(_ s: Substring) -> String {
        let squeezed = s.utf8.withContiguousStorageIfAvailable(squeezed) ?? Array(s.utf8).withUnsafeBufferPointer(squeezed)
        return squeezed ?? String(s)
    }

    /// The bytes without white space, or nil when they have none.
    private static func squeezed(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        var i = 0
        while i < b.count, blankLength(b, at: i) == 0 { i += 1 }
        if i == b.count { return nil }
        return String(unsafeUninitializedCapacity: b.count) { squeeze(b, into: $0) }
    }

    /// Copies `b` without its white space into `out` (room for `b.count` bytes at the least);
    /// the number of bytes written.
    static func squeeze(_ b: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var n = 0, i = 0
        while i < b.count {
            let blank = blankLength(b, at: i)
            if blank == 0 { out[n] = b[i]; n += 1; i += 1 } else { i += blank }
        }
        return n
    }
}
