import CPangoCairo
import Foundation
import NianbaoLayout

/// Shapes text blocks with Pango into `ShapedText` and remembers the result, so a block
/// measured several times by layout, or repeated from report to report (table labels), is
/// shaped once. Owned by a `PangoShaper`; used by one thread at a time (Pango contexts are
/// not thread-safe).
///
/// Short texts (labels, column heads, numbers) and long ones (paragraphs) are kept apart:
/// paragraphs rarely come back after their document, and when they filled the one cache
/// its clearing took every table label with it, to be shaped again in the next report.
final class Shaper {
    let context: OpaquePointer
    private var short = Cache(capacity: 30_000)
    private var long = Cache(capacity: 30_000)
    /// Texts of at most this many UTF-8 bytes (a table label: ~30 characters) go in `short`.
    static let shortText = 96
    /// Where each Pango font's face lives (nil: not a fontconfig font); the fonts are held
    /// so that a pointer cannot be freed and reused for another font.
    private var faceOfFont: [UnsafeMutableRawPointer: FaceLocation?] = [:]
    private var fontGeneration = FontSetup.generation

    /// Shaped blocks up to `capacity` glyphs (~64 bytes each); past that it starts over. A
    /// report has ~5,000, most of them in paragraphs that never come back; table labels do,
    /// report after report.
    private struct Cache {
        let capacity: Int
        var blocks: [Key: ShapedText] = [:]
        var glyphs = 0

        init(capacity: Int) { self.capacity = capacity }

        mutating func add(_ shaped: ShapedText, for key: Key) {
            let count = shaped.lines.reduce(0) { $0 + $1.glyphs.count }
            if glyphs + count > capacity {
                blocks.removeAll(keepingCapacity: true)
                glyphs = 0
            }
            blocks[key] = shaped
            glyphs += count
        }

        mutating func removeAll() {
            blocks.removeAll()
            glyphs = 0
        }
    }

    /// A block as a cache key: hashed by its text's bytes, equal only when the blocks are.
    typealias Key = TextBlock.Key

    init() {
        let map = pango_cairo_font_map_get_default()!
        context = pango_font_map_create_context(map)!
        PangoText.configure(context)
    }

    deinit {
        for font in faceOfFont.keys { g_object_unref(font) }
        g_object_unref(UnsafeMutableRawPointer(context))
    }

    /// What layout derived from this shaper's answers (`ShapingMemo`): emptied with the caches.
    var memo: ShapingMemo {
        checkFonts()
        return derived
    }
    private let derived = ShapingMemo()

    /// Fonts added since (FontSetup.register): Pango may now choose other faces.
    private func checkFonts() {
        let generation = FontSetup.generation
        if generation != fontGeneration {
            forget()
            fontGeneration = generation
        }
    }

    func shape(_ block: TextBlock) -> ShapedText {
        checkFonts()
        let key = Key(block)
        let isShort = block.text.utf8.count <= Self.shortText
        if let known = isShort ? short.blocks[key] : long.blocks[key] { return known }
        let layout = PangoText.layout(block, context: context)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        var faces: [FaceLocation?] = []
        let lines = lines(of: layout, faces: &faces)
        let shaped = ShapedText(block: block, faces: faces, lines: lines)
        if isShort { short.add(shaped, for: key) } else { long.add(shaped, for: key) }
        return shaped
    }

    /// Drops every shaped block, e.g. when fonts were added and Pango may choose others.
    func forget() {
        short.removeAll()
        long.removeAll()
        derived.removeAll()
    }

    /// The layout's lines; `faces` collects the faces their glyphs index.
    private func lines(of layout: OpaquePointer, faces: inout [FaceLocation?]) -> [ShapedLine] {
        guard let iter = pango_layout_get_iter(layout) else { return [] }
        defer { pango_layout_iter_free(iter) }
        let text = pango_layout_get_text(layout)!
        var result: [ShapedLine] = []
        repeat {
            guard let line = pango_layout_iter_get_line_readonly(iter) else { continue }
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, nil, &logical)
            let baseline = pango_layout_iter_get_baseline(iter)
            // Room for the line's glyphs at once, not grown run by run (a paragraph's line has ~30).
            var capacity = 0, runCount = 0
            var counting = line.pointee.runs
            while let node = counting {
                capacity += Int(node.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self).pointee.glyphs?.pointee.num_glyphs ?? 0)
                runCount += 1
                counting = node.pointee.next
            }
            var glyphs: [ShapedGlyph] = []
            glyphs.reserveCapacity(capacity)
            var pen = 0  // Pango units; Int, as a long line's pen passes Int32
            var runs = line.pointee.runs
            var fonts: [(start: Int, font: UnsafeMutablePointer<PangoFont>?)] = []
            fonts.reserveCapacity(runCount)
            while let node = runs {
                if let run = node.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self).pointee {
                    fonts.append((glyphs.count, run.item?.pointee.analysis.font))
                    pen = place(run, from: pen, text: text, faces: &faces, into: &glyphs)
                }
                runs = node.pointee.next
            }
            measureInk(ofLineEnd: &glyphs, fonts: fonts)
            result.append(ShapedLine(glyphs: glyphs, logicalX: CPangoCairo_toPoints(logical.x),
                                     height: CPangoCairo_toPoints(logical.height), baseline: CPangoCairo_toPoints(baseline - logical.y)))
        } while pango_layout_iter_next_line(iter) != 0
        return result
    }

    /// Appends a run's glyphs, starting at `pen` (Pango units from the line start); returns
    /// the pen after the run.
    private func place(_ run: PangoGlyphItem, from start: Int, text: UnsafePointer<CChar>, faces: inout [FaceLocation?], into glyphs: inout [ShapedGlyph]) -> Int {
        guard let item = run.item?.pointee, let string = run.glyphs?.pointee, let infos = string.glyphs else { return start }
        let location = self.location(item.analysis.font)
        let face = faces.firstIndex(of: location) ?? { faces.append(location); return faces.count - 1 }()
        let count = Int(string.num_glyphs)
        let itemStart = Int(item.offset), itemEnd = Int(item.offset + item.length)
        var pen = start
        let empty = CPangoCairo_glyphEmpty(), unknown = CPangoCairo_glyphUnknownFlag()
        for i in 0..<count {
            let info = infos[i]
            defer { pen += Int(info.geometry.width) }
            guard info.glyph != empty else { continue }
            let cluster = itemStart + Int(string.log_clusters[i])
            let isFirst = i == 0 || string.log_clusters[i - 1] != string.log_clusters[i]
            var end = itemEnd
            if isFirst {
                var j = i + 1
                while j < count, string.log_clusters[j] == string.log_clusters[i] { j += 1 }
                if j < count { end = itemStart + Int(string.log_clusters[j]) }
            }
            let byte = UInt8(bitPattern: text[cluster])
            glyphs.append(ShapedGlyph(face: face, glyph: info.glyph & unknown != 0 ? 0 : Int(info.glyph),
                                      x: Double(pen + Int(info.geometry.x_offset)) / Double(CPangoCairo_scale()),
                                      y: CPangoCairo_toPoints(info.geometry.y_offset),
                                      text: isFirst ? cluster..<max(cluster, end) : cluster..<cluster,
                                      isSpace: byte == 0x20 || byte == 0x0A,
                                      fontAdvance: CPangoCairo_toPoints(info.geometry.width)))
        }
        return pen
    }

    /// Sets the face's own advance of the glyphs at a line's end, up to its last non-space:
    /// only there does justification need where the ink ends, and asking the font for every
    /// glyph cost more than the shaping itself.
    private func measureInk(ofLineEnd glyphs: inout [ShapedGlyph], fonts: [(start: Int, font: UnsafeMutablePointer<PangoFont>?)]) {
        var run = fonts.count - 1
        var i = glyphs.count - 1
        while i >= 0, run >= 0 {
            while run > 0, fonts[run].start > i { run -= 1 }
            if glyphs[i].glyph != 0, let font = fonts[run].font {
                var extents = PangoRectangle()
                pango_font_get_glyph_extents(font, PangoGlyph(glyphs[i].glyph), nil, &extents)
                glyphs[i].fontAdvance = CPangoCairo_toPoints(extents.width)
            }
            if !glyphs[i].isSpace { return }
            i -= 1
        }
    }

    /// Where `font`'s face lives, from its fontconfig pattern.
    private func location(_ font: UnsafeMutablePointer<PangoFont>?) -> FaceLocation? {
        guard let font else { return nil }
        let key = UnsafeMutableRawPointer(font)
        if let known = faceOfFont[key] { return known }
        var location: FaceLocation?
        if let pattern = CPangoCairo_fontPattern(font) {
            var file: UnsafeMutablePointer<FcChar8>?
            var index: Int32 = 0
            if FcPatternGetString(pattern, "file", 0, &file) == FcResultMatch, let file {
                _ = FcPatternGetInteger(pattern, "index", 0, &index)
                var embolden: FcBool = 0
                _ = FcPatternGetBool(pattern, "embolden", 0, &embolden)
                location = FaceLocation(file: String(cString: file), index: Int(index), embolden: embolden != 0)
            }
        }
        g_object_ref(key)
        faceOfFont[key] = location
        return location
    }
}
