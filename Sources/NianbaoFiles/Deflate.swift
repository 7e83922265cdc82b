import CLibDeflate
import Foundation  // ContiguousBytes

/// Bounded inflation and CRC-32 through libdeflate, for every zip nianbao reads (a DOCX's
/// entries, an archive of reports in `batch`): one call, no loop that could spin on a
/// truncated stream, no output past the size the zip's directory declares.
public enum Deflate {
    /// Why raw deflate data did not unpack to its declared size.
    public enum Problem: Error, Equatable {
        case outOfMemory
        case wrongSize(actual: Int, declared: Int)
        case tooLarge(declared: Int)
        case corrupt

        /// As the zip readers say it of an entry.
        public var reason: String {
            switch self {
            case .outOfMemory: return "out of memory"
            case .wrongSize(let actual, let declared): return "it unpacks to \(actual) bytes, not the \(declared) its directory declares"
            case .tooLarge(let declared): return "it unpacks to more than the \(declared) bytes its directory declares"
            case .corrupt: return "its compressed data is corrupt or cut short"
            }
        }
    }

    /// Raw deflate data to exactly `size` bytes.
    public static func inflate<C: ContiguousBytes>(_ compressed: C, size: Int) throws(Problem) -> [UInt8] {
        guard let decompressor = libdeflate_alloc_decompressor() else { throw .outOfMemory }
        defer { libdeflate_free_decompressor(decompressor) }
        var out = [UInt8](repeating: 0, count: max(size, 1))
        var actual = 0
        let result = compressed.withUnsafeBytes { input in
            out.withUnsafeMutableBytes { output in
                libdeflate_deflate_decompress(decompressor, input.baseAddress, input.count, output.baseAddress, size, &actual)
            }
        }
        switch result {
        case LIBDEFLATE_SUCCESS where actual == size:
            out.removeLast(out.count - size)
            return out
        case LIBDEFLATE_SUCCESS: throw .wrongSize(actual: actual, declared: size)
        case LIBDEFLATE_INSUFFICIENT_SPACE: throw .tooLarge(declared: size)
        default: throw .corrupt
        }
    }

    /// CRC-32 (the zip and gzip one) of `bytes`, continuing from `crc`.
    public static func crc32<C: ContiguousBytes>(_ bytes: C, continuing crc: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { UInt32(libdeflate_crc32(crc, $0.baseAddress, $0.count)) }
    }
}
