/// Terminal column width of text: East Asian wide and full-width characters take two
/// columns, so that CJK tables line up in a terminal.
public enum DisplayWidth {
    public static func of(_ s: some StringProtocol) -> Int {
        var width = 0
        for scalar in s.unicodeScalars { width += columns(scalar) }
        return width
    }

    @inline(__always)
    static func columns(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x1100 { return 1 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        if s.properties.generalCategory == .nonspacingMark || v == 0x200B { return 0 }
        return 1
    }

    /// `s` padded with spaces to `width` columns, on the right (`alignRight` false) or left.
    public static func pad(_ s: String, to width: Int, alignRight: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - of(s)))
        return alignRight ? fill + s : s + fill
    }
}
