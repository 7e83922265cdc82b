#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the bytes of a report into a String: UTF-8 (with or without BOM), UTF-16 with a
/// BOM, and GB18030 (a superset of GBK and GB2312, common in files saved on Chinese
/// Windows). Decoding is strict: bytes that fit none of these are an error, never
/// replacement characters that would hide a wrong number.
public enum TextDecoding {
    public static func decode(_ bytes: [UInt8]) throws(IngestError) -> String {
        if bytes.isEmpty { throw .empty }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C }) { throw .blank }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let s = strictUTF8(bytes[3...]) else { throw .undecodable }
            return try checked(s)
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return try checked(utf16(bytes.dropFirst(2), littleEndian: true)) }
        if bytes.starts(with: [0xFE, 0xFF]) { return try checked(utf16(bytes.dropFirst(2), littleEndian: false)) }
        if looksUTF16(bytes) { throw .utf16WithoutBOM }
        if looksBinary(bytes) { throw .binary }
        if let s = strictUTF8(bytes[...]) { return try checked(s) }
        // Valid UTF-8 up to an incomplete last character: a file cut short, not GB18030.
        if let cut = incompleteUTF8Tail(bytes), strictUTF8(bytes[..<cut]) != nil { throw .truncated }
        if let s = iconvDecode(bytes, from: "GB18030") {
            // Big5 often decodes as GB18030 too, as nonsense: then say it is Big5.
            if !["报告", "政府", "信息", "公开", "申请"].contains(where: { s.contains($0) }), readsAsBig5(bytes) { throw .big5 }
            return try checked(s)
        }
        if readsAsBig5(bytes) { throw .big5 }
        throw .undecodable
    }

    /// Bytes as GB18030 (a superset of GBK), or nil when they are not: for file names that
    /// Chinese Windows wrote.
    public static func decodeGB18030(_ bytes: [UInt8]) -> String? {
        iconvDecode(bytes, from: "GB18030")
    }

    private static func checked(_ s: String?) throws(IngestError) -> String {
        guard let s else { throw .undecodable }
        if s.unicodeScalars.allSatisfy({ $0.properties.isWhitespace || $0 == "\u{FEFF}" }) { throw .blank }
        // Bytes below 0x20 are those scalars and nothing else in UTF-8: counted on the bytes.
        var copy = s
        let controls = copy.withUTF8 { b in
            var controls = 0
            for c in b where c < 0x20 && c != 0x0A && c != 0x0D && c != 0x09 && c != 0x0C { controls += 1 }
            return controls
        }
        if controls > 0 && controls * 50 > s.unicodeScalars.count { throw .binary }
        return s
    }

    /// Where an incomplete multi-byte sequence at the very end starts, if there is one.
    private static func incompleteUTF8Tail(_ bytes: [UInt8]) -> Int? {
        var i = bytes.count - 1
        var continuation = 0
        while i >= 0, bytes[i] & 0xC0 == 0x80, continuation < 3 { i -= 1; continuation += 1 }
        guard i >= 0 else { return nil }
        let lead = bytes[i]
        let needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0
        return needed > continuation ? i : nil
    }

    /// UTF-16 without a BOM: NUL bytes on every other position (ASCII characters, line breaks)
    /// and nowhere else, or text that decodes as UTF-16 to mostly CJK.
    private static func looksUTF16(_ bytes: [UInt8]) -> Bool {
        let head = Array(bytes.prefix(4096))
        guard head.count >= 8, head.count % 2 == 0 else { return false }
        var zerosEven = 0, zerosOdd = 0
        for (i, b) in head.enumerated() where b == 0 { if i % 2 == 0 { zerosEven += 1 } else { zerosOdd += 1 } }
        let pairs = head.count / 2
        // ASCII (digits, spaces, line breaks) puts its NUL on one side; CJK rarely has a NUL byte.
        return (zerosEven > pairs / 16 && zerosOdd * 4 < zerosEven) || (zerosOdd > pairs / 16 && zerosEven * 4 < zerosOdd)
    }

    /// Big5 text (traditional Chinese) often also passes as GB18030, as nonsense: when the
    /// GB18030 reading has none of a report's words and the Big5 reading has them.
    static func readsAsBig5(_ bytes: [UInt8]) -> Bool {
        guard let text = iconvDecode(bytes, from: "BIG5") else { return false }
        return ["報告", "政府", "資訊", "公開", "申請"].contains { text.contains($0) }
    }

    /// NUL bytes do not occur in UTF-8 or GB18030 text.
    private static func looksBinary(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in b.isEmpty ? false : memchr(b.baseAddress!, 0, min(b.count, 65536)) != nil }
    }

    private static func strictUTF8(_ bytes: ArraySlice<UInt8>) -> String? {
        String(validating: bytes, as: UTF8.self)
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> String? {
        guard bytes.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        var decoder = UTF16()
        var iterator = units.makeIterator()
        var out = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): out.append(s)
            case .emptyInput: return String(out)
            case .error: return nil
            }
        }
    }

    /// Converts with the C library's iconv, which knows GB18030 on every glibc.
    private static func iconvDecode(_ bytes: [UInt8], from encoding: String) -> String? {
        let cd = iconv_open("UTF-8", encoding)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 16)
        let ok: Bool = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                var outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if r == -1 || inLeft != 0 { return false }
                outBuf[outBuf.count - outLeft] = 0
                return true
            }
        }
        guard ok else { return nil }
        return output.withUnsafeBufferPointer { buf in
            String(validatingCString: buf.baseAddress!)
        }
    }
}
