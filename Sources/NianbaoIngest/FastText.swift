/// Byte-level string helpers for the parser's hot paths. Foundation's `contains` goes
/// through CFString and was most of the parse time; these work on UTF-8 bytes, which is
/// exact for the ideographs and punctuation reports are made of.
enum FastText {
    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var h = haystack, n = needle
        return h.withUTF8 { hb in
            n.withUTF8 { nb in
                if nb.isEmpty { return true }
                if nb.count > hb.count { return false }
                let first = nb[0], last = hb.count - nb.count
                var i = 0
                while i <= last {
                    if hb[i] == first {
                        var j = 1
                        while j < nb.count && hb[i + j] == nb[j] { j += 1 }
                        if j == nb.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
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

    /// `s` without the white space reports use (ASCII blanks, tab, CR, FF, NBSP, U+2002,
    /// U+2003, U+200B, U+3000, BOM).
    static func squeeze(_ s: Substring) -> String {
        let utf8 = s.utf8
        // Fast path: nothing to remove.
        if !utf8.contains(where: { $0 <= 0x20 || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xE3 || $0 == 0xEF }) { return String(s) }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var it = utf8.makeIterator()
        var pending: [UInt8] = []
        while let b = it.next() {
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0C { continue }
            if b == 0xC2 || b == 0xE2 || b == 0xE3 || b == 0xEF {
                pending = [b]
                let extra = b == 0xC2 ? 1 : 2
                for _ in 0..<extra { if let c = it.next() { pending.append(c) } }
                if pending == [0xC2, 0xA0] || pending == [0xE3, 0x80, 0x80] || pending == [0xEF, 0xBB, 0xBF]
                    || pending == [0xE2, 0x80, 0x82] || pending == [0xE2, 0x80, 0x83] || pending == [0xE2, 0x80, 0x8B] {
                    continue
                }
                out += pending
                continue
            }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
