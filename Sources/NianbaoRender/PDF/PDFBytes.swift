import CLibDeflate

/// Bytes of PDF syntax: operators, names, numbers printed without `printf` (which dominated
/// Cairo's time), and UTF-16 text strings.
struct PDFBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func int(_ value: Int) {
        if value < 0 { bytes.append(0x2D) }
        var magnitude = value.magnitude
        var divisor: UInt = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        repeat {
            bytes.append(UInt8(0x30 + magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        } while divisor > 0
    }

    /// A number with at most `decimals` decimals, trailing zeros dropped (`12.5`, `-3`, `0.75`).
    mutating func number(_ value: Double, decimals: Int = 2) {
        let scale = decimals == 3 ? 1000 : decimals == 1 ? 10 : decimals == 0 ? 1 : 100
        var scaled = Int((value * Double(scale)).rounded())
        if scaled < 0 { bytes.append(0x2D); scaled = -scaled }
        int(scaled / scale)
        var fraction = scaled % scale
        guard fraction != 0 else { return }
        bytes.append(0x2E)
        var divisor = scale / 10
        while fraction != 0 {
            bytes.append(UInt8(0x30 + fraction / divisor))
            fraction %= divisor
            divisor /= 10
        }
    }

    /// Numbers separated by spaces, each followed by a space.
    mutating func numbers(_ values: Double...) {
        for v in values { number(v); bytes.append(0x20) }
    }

    private static let hex: [UInt8] = Array("0123456789ABCDEF".utf8)

    mutating func hex16(_ value: Int) {
        let v = UInt16(truncatingIfNeeded: value)
        bytes.append(Self.hex[Int(v >> 12)]); bytes.append(Self.hex[Int((v >> 8) & 0xF)])
        bytes.append(Self.hex[Int((v >> 4) & 0xF)]); bytes.append(Self.hex[Int(v & 0xF)])
    }

    /// A text string as UTF-16BE with its byte-order mark, in hex: `<FEFF…>`.
    mutating func textString(_ text: String) {
        raw("<FEFF")
        for unit in text.utf16 { hex16(Int(unit)) }
        raw(">")
    }

    /// The UTF-16BE hex of `text` without brackets or mark (ToUnicode targets).
    mutating func utf16Hex(_ text: String) {
        for unit in text.utf16 { hex16(Int(unit)) }
    }
}

/// zlib-format (RFC 1950) compression, which PDF's FlateDecode reads, by libdeflate: font
/// programs are most of a PDF's bytes and of its writing time. On a report's body face
/// (119 KB) libdeflate at level 1 takes 0.8 ms for 82 KB, zlib at its default level 3.6 ms
/// for 79 KB. One compressor per document (it is not thread-safe).
final class Deflate {
    private let compressor: OpaquePointer

    init(level: Int32 = 1) { compressor = libdeflate_alloc_compressor(level)! }

    deinit { libdeflate_free_compressor(compressor) }

    func compress(_ input: [UInt8]) -> [UInt8] {
        let bound = libdeflate_zlib_compress_bound(compressor, input.count)
        var output = [UInt8](repeating: 0, count: bound)
        let size = input.withUnsafeBytes { src in
            output.withUnsafeMutableBytes { dst in
                libdeflate_zlib_compress(compressor, src.baseAddress, input.count, dst.baseAddress, bound)
            }
        }
        precondition(size > 0, "libdeflate: the bound it gave was too small")
        output.removeLast(output.count - size)
        return output
    }
}
