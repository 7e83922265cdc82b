import CISAL
import CLibDeflate
import Foundation
import Synchronization

/// Bytes of PDF syntax: operators, names, numbers printed without `printf` (which dominated
/// Cairo's time), and UTF-16 text strings.
///
/// One growing buffer of its own, written through a pointer: an `[UInt8]` checked its
/// uniqueness and capacity and called `memmove` for every literal and number (a fifth of the
/// writer's own time). Not copyable, so that two values never share the buffer; the file's
/// bytes become the PDF's `Data` without a copy (`takeData`).
struct PDFBytes: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 0) {
        self.capacity = max(capacity, 256)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written, as an array (a copy).
    var bytes: [UInt8] { [UInt8](UnsafeBufferPointer(start: base, count: count)) }

    /// The bytes written, read in place.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The bytes written as `Data` that takes over the buffer (no copy); this is then empty.
    mutating func takeData() -> Data {
        let data = Data(bytesNoCopy: base, count: count, deallocator: .custom { pointer, _ in
            pointer.assumingMemoryBound(to: UInt8.self).deallocate()
        })
        capacity = 256
        base = .allocate(capacity: capacity)
        count = 0
        return data
    }

    /// Forgets the bytes written, keeping the buffer.
    mutating func removeAll() { count = 0 }

    /// Where the next `n` bytes go, the buffer grown when they do not fit; the caller writes
    /// them and adds `n` to `count`.
    @inline(__always)
    private mutating func space(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if capacity - count < n { grow(count + n) }
        return base + count
    }

    @inline(never)
    private mutating func grow(_ needed: Int) {
        let larger = max(needed, 2 * capacity)
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        new.moveInitialize(from: base, count: count)
        base.deallocate()
        base = new
        capacity = larger
    }

    @inline(__always)
    mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let source = buffer.baseAddress, buffer.count > 0 else { return }
        space(buffer.count).update(from: source, count: buffer.count)
        count += buffer.count
    }

    @inline(__always)
    mutating func append(_ buffer: UnsafeRawBufferPointer) {
        guard let source = buffer.baseAddress, buffer.count > 0 else { return }
        UnsafeMutableRawPointer(space(buffer.count)).copyMemory(from: source, byteCount: buffer.count)
        count += buffer.count
    }

    mutating func append(_ array: [UInt8]) {
        array.withUnsafeBufferPointer { append($0) }
    }

    /// Literal syntax. (With a `raw(String)` beside it, every literal chose the String one,
    /// Swift's default literal type, and was appended through `String.UTF8View`: ~5 % of the
    /// writer's own time. Strings made at run time go through `string`.)
    @inline(__always)
    mutating func raw(_ text: StaticString) {
        // (A one-character literal may be stored as a scalar, not as bytes: this handles both.)
        text.withUTF8Buffer { append($0) }
    }

    /// Text made at run time (names, dates), as UTF-8.
    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        space(1).pointee = b
        count += 1
    }

    /// Digits written backwards into a small buffer, divided by the constant 10 (which the
    /// compiler makes a multiplication), then appended at once.
    mutating func int(_ value: Int) {
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { raw in
            var at = raw.count
            var magnitude = value.magnitude
            repeat {
                at -= 1
                raw[at] = UInt8(truncatingIfNeeded: 0x30 &+ magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { at -= 1; raw[at] = 0x2D }
            append(UnsafeRawBufferPointer(rebasing: raw[at...]))
        }
    }

    /// A number with at most `decimals` decimals, trailing zeros dropped (`12.5`, `-3`, `0.75`).
    mutating func number(_ value: Double, decimals: Int = 2) {
        switch decimals {
        case 3: scaledNumber(value, scale: 1000)
        case 1: scaledNumber(value, scale: 10)
        case 0: scaledNumber(value, scale: 1)
        default: scaledNumber(value, scale: 100)
        }
    }

    /// `number` for one scale, inlined into each case so that its divisions are by constants.
    @inline(__always)
    private mutating func scaledNumber(_ value: Double, scale: Int) {
        var scaled = Int(Self.rounded(value * Double(scale)))
        if scaled < 0 { byte(0x2D); scaled = -scaled }
        int(scaled / scale)
        var fraction = scaled % scale
        guard fraction != 0 else { return }
        byte(0x2E)
        var divisor = scale / 10
        while fraction != 0 {
            byte(UInt8(0x30 + fraction / divisor))
            fraction %= divisor
            divisor /= 10
        }
    }

    /// `x.rounded()` (to nearest, halves away from zero), the same value and sign of zero,
    /// without a call to libm's `round` (the baseline x86-64 build has no rounding
    /// instruction): truncated through `Int`, exact below 2^52, then moved by the remainder,
    /// which the subtraction gives exactly.
    @inline(__always)
    static func rounded(_ x: Double) -> Double {
        guard x.magnitude < 0x1p52 else { return x.rounded() }  // and NaN
        let truncated = Double(Int(x))
        let remainder = x - truncated
        let result = remainder >= 0.5 ? truncated + 1 : remainder <= -0.5 ? truncated - 1 : truncated
        return result == 0 ? (x.sign == .minus ? -0.0 : 0.0) : result
    }

    /// Numbers separated by spaces, each followed by a space.
    mutating func numbers(_ values: Double...) {
        for v in values { number(v); byte(0x20) }
    }

    mutating func hex16(_ value: Int) {
        let v = UInt32(UInt16(truncatingIfNeeded: value))
        @inline(__always) func digit(_ d: UInt32) -> UInt32 { d < 10 ? 0x30 + d : 0x37 + d }
        // Four digits as one little-endian word: appended at once, not byte by byte.
        var word = (digit(v >> 12) | digit((v >> 8) & 0xF) << 8 | digit((v >> 4) & 0xF) << 16 | digit(v & 0xF) << 24).littleEndian
        withUnsafeBytes(of: &word) { append($0) }
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

/// zlib-format (RFC 1950) compression, which PDF's FlateDecode reads, by ISA-L's igzip at level
/// 2: font programs are most of a PDF's bytes and were a fifth of its rendering time. On a
/// report's four font programs (185 KB) libdeflate's fastest level took 1.31 ms for 128.3 KB,
/// igzip level 2 takes 0.66 ms for 130.0 KB (level 1: 131.3 KB, level 3: 0.76 ms, 129.1 KB).
/// libdeflate stays as the fallback for what igzip refuses. One compressor per document (not
/// thread-safe); its work buffers outlive it in a small pool, because fresh ones for every
/// document cost page faults.
final class Deflate {
    private static let level: Int32 = 2
    private var buffers: DeflateBuffers
    private var fallback: OpaquePointer?

    init() { buffers = DeflateBuffers.take(level: Self.level) }

    deinit {
        DeflateBuffers.give(back: buffers)
        if let fallback { libdeflate_free_compressor(fallback) }
    }

    /// Compresses `input` and hands the compressed bytes to `body` (valid only inside it).
    func compress<R>(_ input: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        // Stored blocks need 5 bytes a 64 KiB block, plus the zlib header and checksum; a
        // sixteenth more leaves igzip room for its own headers on data that does not shrink.
        let room = input.count + input.count / 16 + 1024
        buffers.reserveOutput(room)
        let source = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        let size = nianbao_isal_zlib(source, input.count, buffers.output, room, Self.level, buffers.work, buffers.workSize)
        if size >= 0 { return body(UnsafeRawBufferPointer(start: buffers.output, count: size)) }
        let compressor = fallback ?? libdeflate_alloc_compressor(1)!
        fallback = compressor
        let bound = libdeflate_zlib_compress_bound(compressor, input.count)
        buffers.reserveOutput(bound)
        let written = libdeflate_zlib_compress(compressor, input.baseAddress, input.count, buffers.output, bound)
        precondition(written > 0, "libdeflate: the bound it gave was too small")
        return body(UnsafeRawBufferPointer(start: buffers.output, count: written))
    }

    /// `compress` into a new array (tests, and callers that keep the bytes).
    func compress(_ input: [UInt8]) -> [UInt8] { input.withUnsafeBytes { compress($0) { Array($0) } } }
}

/// igzip's work buffer and an output buffer, kept for the next document once one is done.
private final class DeflateBuffers: @unchecked Sendable {
    let work: UnsafeMutablePointer<UInt8>
    let workSize: Int
    private(set) var output: UnsafeMutablePointer<UInt8>
    private var outputSize: Int

    private init(level: Int32) {
        workSize = nianbao_isal_level_buffer_size(level)
        work = .allocate(capacity: workSize)
        outputSize = 256 * 1024
        output = .allocate(capacity: outputSize)
    }

    deinit {
        work.deallocate()
        output.deallocate()
    }

    func reserveOutput(_ size: Int) {
        guard size > outputSize else { return }
        output.deallocate()
        outputSize = max(size, outputSize * 2)
        output = .allocate(capacity: outputSize)
    }

    /// At most this many sets wait in the pool (as many as threads that write PDFs at once).
    private static let poolLimit = 8
    private static let pool = Mutex<[DeflateBuffers]>([])

    static func take(level: Int32) -> DeflateBuffers {
        pool.withLock { $0.popLast() } ?? DeflateBuffers(level: level)
    }

    static func give(back buffers: DeflateBuffers) {
        // Above the limit the set is simply released (freed with its last reference).
        pool.withLock { if $0.count < poolLimit { $0.append(buffers) } }
    }
}
