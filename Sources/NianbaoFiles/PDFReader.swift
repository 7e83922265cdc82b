import CPoppler
import NianbaoDocument

/// Reads a published PDF through poppler: every character with its box, rebuilt into lines by
/// baseline and split into pieces where the gap is wider than a space (FORMAT.md §7). The text
/// flow poppler would give is not used: tables come out column by column in some PDFs, and
/// the positions are what the table reader places numbers by.
public enum PDFReader {
    private struct Glyph {
        let scalar: Unicode.Scalar
        let x0, y0, x1, y1: Double
        /// The PDF's text had a space right before this character (not a line break).
        var spaceBefore = false
        var yc: Double { (y0 + y1) / 2 }
        var height: Double { y1 - y0 }
    }

    /// `body` with `bytes` opened by poppler (the reader's and the page images' one way in);
    /// a file poppler cannot open is `.damaged`, with poppler's reason.
    static func withDocument<T>(_ bytes: [UInt8], _ body: (OpaquePointer) throws(IngestError) -> T) throws(IngestError) -> T {
        let gbytes = bytes.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
        defer { g_bytes_unref(gbytes) }
        var error: UnsafeMutablePointer<GError>?
        guard let document = poppler_document_new_from_bytes(gbytes, nil, &error) else {
            let reason = error.map { String(cString: $0.pointee.message) } ?? "poppler could not open it"
            if let error { g_error_free(error) }
            throw .damaged(format: "PDF", reason: reason)
        }
        defer { g_object_unref(UnsafeMutableRawPointer(document)) }
        return try body(document)
    }

    public static func read(_ bytes: [UInt8]) throws(IngestError) -> ExtractedDocument {
        try withDocument(bytes) { document throws(IngestError) in try read(document: document) }
    }

    private static func read(document: OpaquePointer) throws(IngestError) -> ExtractedDocument {
        var pages: [[PlacedLine]] = []
        var glyphCount = 0
        let pageCount = Int(poppler_document_get_n_pages(document))
        for index in 0..<pageCount {
            guard let page = poppler_document_get_page(document, Int32(index)) else { continue }
            defer { g_object_unref(UnsafeMutableRawPointer(page)) }
            let glyphs = Self.glyphs(page)
            glyphCount += glyphs.count
            pages.append(Self.lines(glyphs, page: index + 1))
        }
        if glyphCount == 0 { throw .scannedPDF(pages: pageCount) }
        // The text column's left edge, for the whole document: the leftmost start of the longer
        // lines (a page may hold only a paragraph's indented first line and its short last one).
        let long = pages.joined().filter { $0.segments.count == 1 && $0.segments[0].x1 - $0.segments[0].x0 > $0.height * 12 }
        let documentLeft = long.map { $0.segments[0].x0 }.min()
        var blocks: [ExtractedDocument.Block] = []
        for lines in pages {
            let left = documentLeft ?? lines.map { $0.segments[0].x0 }.min() ?? 0
            for (i, line) in lines.enumerated() {
                blocks.append(.placed(line, SourceLocation(page: line.page, line: i + 1), indented: line.segments[0].x0 - left > line.height * 1.2))
            }
        }
        return ExtractedDocument(format: "PDF", blocks: blocks)
    }

    /// The page's characters with their boxes (top-left origin), white space left out: gaps
    /// are measured, not taken from the text.
    private static func glyphs(_ page: OpaquePointer) -> [Glyph] {
        guard let cText = poppler_page_get_text(page) else { return [] }
        defer { g_free(cText) }
        var rects: UnsafeMutablePointer<PopplerRectangle>?
        var count: guint = 0
        guard poppler_page_get_text_layout(page, &rects, &count) != 0, let rects else { return [] }
        defer { g_free(rects) }
        var out: [Glyph] = []
        var i = 0
        var space = false
        for scalar in String(cString: cText).unicodeScalars {
            defer { i += 1 }
            guard i < Int(count) else { break }
            if scalar == "\n" || scalar == "\r" { space = false; continue }
            if scalar.properties.isWhitespace || scalar == "\u{FEFF}" { space = true; continue }
            let r = rects[i]
            guard r.x2 > r.x1, r.y2 > r.y1 else { continue }
            out.append(Glyph(scalar: scalar, x0: r.x1, y0: r.y1, x1: r.x2, y1: r.y2, spaceBefore: space))
            space = false
        }
        return out
    }

    /// Characters into lines (by vertical centre), lines into pieces (by gaps).
    private static func lines(_ glyphs: [Glyph], page: Int) -> [PlacedLine] {
        var rows: [[Glyph]] = []
        var centre = 0.0, height = 0.0
        for g in glyphs.sorted(by: { $0.yc < $1.yc }) {
            if !rows.isEmpty, abs(g.yc - centre) <= max(height, g.height) * 0.35 {
                rows[rows.count - 1].append(g)
                let n = Double(rows[rows.count - 1].count)
                centre += (g.yc - centre) / n
                height = max(height, g.height)
            } else {
                rows.append([g])
                centre = g.yc
                height = g.height
            }
        }
        let placed: [PlacedLine] = rows.map { row in
            let sorted = row.sorted { $0.x0 < $1.x0 }
            let h = median(sorted.map(\.height))
            var segments: [PlacedLine.Segment] = []
            var text = "", x0 = sorted[0].x0, x1 = sorted[0].x1
            var previous: Glyph?
            for g in sorted {
                if let p = previous {
                    let gap = g.x0 - p.x1
                    if gap > h * 0.45 {
                        segments.append(.init(text: text, x0: x0, x1: x1))
                        text = ""
                        x0 = g.x0
                    } else if gap > h * 0.2, isWordCharacter(p.scalar), isWordCharacter(g.scalar) {
                        text += " "  // Latin words and numbers keep their spaces
                    } else if gap > h * 0.2, g.spaceBefore {
                        text += " "  // a space the text has between other characters (首创之区 涧西)
                    }
                }
                text.unicodeScalars.append(g.scalar)
                x1 = max(x1, g.x1)
                previous = g
            }
            segments.append(.init(text: text, x0: x0, x1: x1))
            return PlacedLine(page: page, y: sorted.map(\.yc).reduce(0, +) / Double(sorted.count), height: h, segments: segments)
        }
        return placed
    }

    private static func isWordCharacter(_ s: Unicode.Scalar) -> Bool {
        s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s))
    }

    private static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        return s[s.count / 2]
    }
}
