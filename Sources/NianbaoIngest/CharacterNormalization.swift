import Foundation

/// Character clean-up of text copied out of PDFs (FORMAT.md §5).
///
/// PDF extraction emits Kangxi radicals (U+2F00–U+2FD5) and CJK Radicals Supplement forms
/// (U+2E80–U+2EFF) where the document had ordinary ideographs. These are mapped to the
/// unified ideographs a reader of simplified Chinese expects. NFKC is deliberately not
/// applied to the whole text: it would turn full-width punctuation （），： into ASCII.
public enum CharacterNormalization {
    /// Maps radical forms to ideographs; every other character is kept.
    public static func normalize(_ line: Substring) -> String {
        // Fast path: most lines have nothing to map.
        if !line.unicodeScalars.contains(where: { needsMapping($0) }) { return String(line) }
        // On the UTF-8 bytes (a scalar view appended to scalar by scalar, with a dictionary
        // look-up each, was a tenth of a parse for a PDF's text full of radicals): every scalar
        // the map holds is U+00A0 (C2 A0) or a three-byte one of U+2E80–U+2FDF (E2 BA–BF).
        return line.utf8.withContiguousStorageIfAvailable(mapped) ?? Array(line.utf8).withUnsafeBufferPointer(mapped)
    }

    private static func mapped(_ b: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            let c = b[i]
            var value: UInt32?, length = 1
            if c == 0xC2, i + 1 < b.count, b[i + 1] == 0xA0 {
                (value, length) = (0xA0, 2)
            } else if c == 0xE2, i + 2 < b.count, (0xBA...0xBF).contains(b[i + 1]) {
                (value, length) = (0x2000 | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F), 3)
            }
            if let value, let mapped = radicalMap[value] {
                out.append(contentsOf: UTF8.encode(mapped)!)
                i += length
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    static func needsMapping(_ s: Unicode.Scalar) -> Bool {
        (0x2E80...0x2FDF).contains(s.value) || s.value == 0xA0
    }

    /// Radical → ideograph. Kangxi radicals come from their NFKC mapping; where that gives a
    /// traditional form a simplified text would not use, and for the supplement block
    /// (which NFKC mostly leaves alone), the entries are written out.
    static let radicalMap: [UInt32: Unicode.Scalar] = {
        var map: [UInt32: Unicode.Scalar] = [:]
        for value in UInt32(0x2F00)...0x2FD5 {
            let s = String(Unicode.Scalar(value)!).precomposedStringWithCompatibilityMapping
            if let first = s.unicodeScalars.first, s.unicodeScalars.count == 1, first.value != value {
                map[value] = first
            }
        }
        let explicit: [UInt32: Character] = [
            // Kangxi radicals whose NFKC form is traditional; simplified text means these.
            0x2F3E: "户", 0x2F92: "见", 0x2F99: "贝", 0x2F9E: "车", 0x2FA7: "长", 0x2FA8: "门",
            0x2FB1: "韦", 0x2FB4: "页", 0x2FB5: "风", 0x2FB6: "飞", 0x2FBA: "马", 0x2FC2: "鱼",
            0x2FC3: "鸟", 0x2FC6: "麦", 0x2FC8: "黄", 0x2FD1: "齐", 0x2FD2: "齿", 0x2FD3: "龙",
            0x2FD4: "龟",
            // CJK Radicals Supplement: simplified component forms.
            0x2E8C: "小", 0x2E8D: "小", 0x2E95: "彐", 0x2E97: "心", 0x2E9D: "月", 0x2E9F: "母",
            0x2EA0: "民", 0x2EA7: "牛", 0x2EAE: "竹", 0x2EB6: "羊", 0x2EBB: "聿", 0x2EC1: "虎",
            0x2EC4: "西", 0x2EC5: "见", 0x2EC6: "角", 0x2EC8: "讠", 0x2EC9: "贝", 0x2ECB: "车",
            0x2ECC: "辶", 0x2ECD: "辶", 0x2ED1: "长", 0x2ED3: "长", 0x2ED4: "门", 0x2ED6: "阝",
            0x2ED7: "雨", 0x2ED8: "青", 0x2EDA: "页", 0x2EDB: "风", 0x2EDC: "飞", 0x2EDD: "食",
            0x2EE0: "饣", 0x2EE2: "马", 0x2EE3: "骨", 0x2EE4: "鬼", 0x2EE5: "鱼", 0x2EE6: "鸟",
            0x2EE8: "麦", 0x2EE9: "黄", 0x2EEB: "斉", 0x2EEC: "齐", 0x2EEE: "齿", 0x2EF0: "龙",
            0x2EF3: "龟",
        ]
        for (k, v) in explicit { map[k] = v.unicodeScalars.first! }
        map[0xA0] = " "
        return map
    }()

    /// Full-width digits and separators inside a number cell become ASCII.
    public static func asciiDigits(_ s: Substring) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: out.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0xFF0C: out.append(",")
            case 0xFF0E: out.append(".")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether `s` is white space as reports use it: ASCII blanks, tabs, NBSP, U+3000.
    @inline(__always)
    public static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\u{3000}" || s == "\u{00A0}" || s == "\r" || s == "\u{0C}" || s == "\u{FEFF}"
            || s == "\u{2002}" || s == "\u{2003}" || s == "\u{200B}"
    }

    /// `s` without leading and trailing report white space.
    public static func trim(_ s: Substring) -> Substring {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return s[s.endIndex...] }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return Substring(scalars[first...last])
    }

    /// `s` with every white space removed (for matching labels whatever their spacing).
    public static func squeeze(_ s: some StringProtocol) -> String {
        FastText.squeeze(Substring(s))
    }
}
