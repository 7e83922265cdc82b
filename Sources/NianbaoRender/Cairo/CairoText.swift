/// Text as Cairo takes it. Cairo validates the UTF-8 it is given (cluster text, metadata,
/// outline titles) with glib's rule, which refuses noncharacters (U+FDD0–U+FDEF and every
/// U+xFFFE / U+xFFFF) and stops at NUL, though they are valid Unicode scalars a report may
/// hold: one of them failed the whole document («input string not valid UTF-8») and nothing
/// was written. Such a scalar becomes U+FFFD, one for one; the glyphs drawn are unchanged.
enum CairoText {
    static func isAccepted(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value != 0 && !(0xFDD0...0xFDEF).contains(value) && value & 0xFFFE != 0xFFFE
    }

    /// `text` with every scalar Cairo refuses replaced by U+FFFD.
    static func accepted(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy(isAccepted) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(isAccepted(scalar) ? scalar : "\u{FFFD}") }
        return String(out)
    }

    /// UTF-8 `bytes` (a glyph cluster's text) made acceptable; bytes that are not UTF-8 become
    /// U+FFFD as well.
    static func accepted(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        // ASCII other than NUL needs no look.
        if bytes.allSatisfy({ $0 != 0 && $0 < 0x80 }) { return Array(bytes) }
        return Array(accepted(String(decoding: bytes, as: UTF8.self)).utf8)
    }
}
