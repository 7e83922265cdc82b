/// A PDF file being written object by object: numbers are reserved first (so objects can
/// point forward), bodies are appended in any order, and `finish` adds the cross-reference
/// table and trailer.
struct PDFFile {
    private(set) var out = PDFBytes(capacity: 256 * 1024)
    private var offsets: [Int] = []
    private let deflate = Deflate()

    init() {
        out.raw("%PDF-1.7\n%")
        out.bytes.append(contentsOf: [0xE2, 0xE3, 0xCF, 0xD3, 0x0A])
    }

    /// A new object number.
    mutating func reserve() -> Int {
        offsets.append(-1)
        return offsets.count
    }

    /// Writes object `number` whose dictionary (or other value) `body` writes.
    mutating func object(_ number: Int, _ body: (inout PDFBytes) -> Void) {
        begin(number)
        body(&out)
        out.raw("\nendobj\n")
    }

    /// Writes a stream object, compressed; `dictionary` writes extra entries.
    mutating func stream(_ number: Int, _ data: [UInt8], compress: Bool = true, dictionary: (inout PDFBytes) -> Void = { _ in }) {
        let body = compress ? deflate.compress(data) : data
        begin(number)
        out.raw("<<")
        dictionary(&out)
        if compress { out.raw("/Filter/FlateDecode") }
        out.raw("/Length ")
        out.int(body.count)
        out.raw(">>\nstream\n")
        out.bytes.append(contentsOf: body)
        out.raw("\nendstream\nendobj\n")
    }

    private mutating func begin(_ number: Int) {
        offsets[number - 1] = out.bytes.count
        out.int(number)
        out.raw(" 0 obj\n")
    }

    /// The finished file: cross-reference table and trailer naming `root` and `info`.
    mutating func finish(root: Int, info: Int) -> [UInt8] {
        precondition(!offsets.contains(-1), "a reserved PDF object was never written")
        let xref = out.bytes.count
        out.raw("xref\n0 ")
        out.int(offsets.count + 1)
        out.raw("\n0000000000 65535 f \n")
        for offset in offsets {
            let digits = String(offset)
            out.raw(String(repeating: "0", count: max(0, 10 - digits.count)) + digits)
            out.raw(" 00000 n \n")
        }
        out.raw("trailer\n<</Size ")
        out.int(offsets.count + 1)
        out.raw("/Root ")
        out.int(root)
        out.raw(" 0 R/Info ")
        out.int(info)
        out.raw(" 0 R>>\nstartxref\n")
        out.int(xref)
        out.raw("\n%%EOF\n")
        return out.bytes
    }
}

extension PDFBytes {
    /// `n 0 R`
    mutating func ref(_ number: Int) {
        int(number)
        raw(" 0 R")
    }
}
