import CPangoCairo
import Foundation
import NianbaoLayout

/// A glyph on a shaped line, positioned from the line's start, in points.
struct PlacedGlyph {
    /// Index into `Shaper.faces`.
    var face: Int
    /// Glyph index in that face (0, .notdef, for a character no font has).
    var glyph: Int
    var x: Double
    /// Offset below the baseline (usually 0).
    var y: Double
    /// The UTF-8 bytes of the block text this glyph shows (the first glyph of a cluster
    /// carries the cluster; the others an empty range).
    var text: Range<Int>
    /// A space or line break, which justification trims at a line's end.
    var isSpace: Bool
    /// The face's own advance, without letter spacing: where the glyph's ink ends. Measured
    /// only for the glyphs at a line's end (what justification needs); elsewhere Pango's advance.
    var fontAdvance: Double
}

/// One line of a shaped block: its glyphs and where Pango put it.
struct ShapedLine {
    var glyphs: [PlacedGlyph]
    /// Left edge of the line inside the block (indent or alignment offset included).
    var logicalX: Double
    /// Height of the line and its baseline from its top.
    var height: Double
    var baseline: Double
}

/// A text block broken into lines and shaped: what both the measurer (line count) and the
/// PDF writer (glyphs) need, computed once.
final class ShapedBlock {
    let utf8: [UInt8]
    let lines: [ShapedLine]
    init(utf8: [UInt8], lines: [ShapedLine]) {
        self.utf8 = utf8
        self.lines = lines
    }
}

/// Where a face Pango chose lives: its file and index in a collection.
struct FaceLocation: Hashable {
    var file: String
    var index: Int
    /// fontconfig asked for synthetic bold: the role wants bold and the family has one weight
    /// (方正小标宋简体 as offices own it). Writers embolden such glyphs as FreeType does.
    var embolden = false
}

/// Shapes text blocks with Pango and remembers the result, so a block laid out and then
/// drawn, or repeated from report to report (table labels), is shaped once. Owned by a
/// `PangoMeasurer`; used by one thread at a time (Pango contexts are not thread-safe).
final class Shaper {
    let context: OpaquePointer
    private var cache: [TextBlock: ShapedBlock] = [:]
    /// Faces seen so far; `PlacedGlyph.face` indexes this (nil: not a fontconfig font).
    private(set) var faces: [FaceLocation?] = []
    private var faceIDs: [UnsafeMutableRawPointer: Int] = [:]
    /// A font of each face (the first seen), for the Cairo writer to draw with.
    private var fontOfFace: [Int: UnsafeMutablePointer<PangoFont>] = [:]
    private var cachedGlyphs = 0
    private var fontGeneration = FontSetup.generation
    /// Glyphs kept (~64 bytes each); past this the cache starts over. A report has ~5,000,
    /// most of them in paragraphs that never come back; table labels do, report after report.
    static let capacity = 60_000

    init() {
        let map = pango_cairo_font_map_get_default()!
        context = pango_font_map_create_context(map)!
        PangoText.configure(context)
    }

    deinit {
        for font in faceIDs.keys { g_object_unref(font) }
        g_object_unref(UnsafeMutableRawPointer(context))
    }

    func shape(_ block: TextBlock) -> ShapedBlock {
        // Fonts added since (FontSetup.register): Pango may now choose other faces.
        let generation = FontSetup.generation
        if generation != fontGeneration {
            forget()
            fontGeneration = generation
        }
        if let known = cache[block] { return known }
        let layout = PangoText.layout(block, context: context)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let shaped = ShapedBlock(utf8: Array(block.text.utf8), lines: lines(of: layout))
        let glyphs = shaped.lines.reduce(0) { $0 + $1.glyphs.count }
        if cachedGlyphs + glyphs > Self.capacity {
            cache.removeAll(keepingCapacity: true)
            cachedGlyphs = 0
        }
        cache[block] = shaped
        cachedGlyphs += glyphs
        return shaped
    }

    /// Drops every shaped block, e.g. when fonts were added and Pango may choose others.
    func forget() {
        cache.removeAll()
        cachedGlyphs = 0
    }

    private func lines(of layout: OpaquePointer) -> [ShapedLine] {
        guard let iter = pango_layout_get_iter(layout) else { return [] }
        defer { pango_layout_iter_free(iter) }
        let text = pango_layout_get_text(layout)!
        var result: [ShapedLine] = []
        repeat {
            guard let line = pango_layout_iter_get_line_readonly(iter) else { continue }
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, nil, &logical)
            let baseline = pango_layout_iter_get_baseline(iter)
            var glyphs: [PlacedGlyph] = []
            var pen = 0  // Pango units; Int, as a long line's pen passes Int32
            var runs = line.pointee.runs
            var fonts: [(start: Int, font: UnsafeMutablePointer<PangoFont>?)] = []
            while let node = runs {
                if let run = node.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self).pointee {
                    fonts.append((glyphs.count, run.item?.pointee.analysis.font))
                    pen = place(run, from: pen, text: text, into: &glyphs)
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
    private func place(_ run: PangoGlyphItem, from start: Int, text: UnsafePointer<CChar>, into glyphs: inout [PlacedGlyph]) -> Int {
        guard let item = run.item?.pointee, let string = run.glyphs?.pointee, let infos = string.glyphs else { return start }
        let face = faceID(item.analysis.font)
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
            glyphs.append(PlacedGlyph(face: face, glyph: info.glyph & unknown != 0 ? 0 : Int(info.glyph),
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
    private func measureInk(ofLineEnd glyphs: inout [PlacedGlyph], fonts: [(start: Int, font: UnsafeMutablePointer<PangoFont>?)]) {
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

    private func faceID(_ font: UnsafeMutablePointer<PangoFont>?) -> Int {
        guard let font else { return faceID(for: nil) }
        let key = UnsafeMutableRawPointer(font)
        if let id = faceIDs[key] { return id }
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
        // Held so the pointer cannot be freed and reused for another font.
        g_object_ref(key)
        let id = faceID(for: location)
        faceIDs[key] = id
        if fontOfFace[id] == nil { fontOfFace[id] = font }
        return id
    }

    /// The Cairo font face of `face` (a `PlacedGlyph.face`), to draw its glyphs at any size.
    func cairoFace(_ face: Int) -> OpaquePointer? {
        fontOfFace[face].flatMap { CPangoCairo_fontFace($0) }
    }

    private func faceID(for location: FaceLocation?) -> Int {
        if let existing = faces.firstIndex(of: location) { return existing }
        faces.append(location)
        return faces.count - 1
    }
}
