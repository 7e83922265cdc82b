import CPangoCairo
import Foundation
import NianbaoLayout

/// Draws a `PagedDocument` into a PDF with Cairo: the glyphs the frames carry, where
/// `ShapedText.drawnLines` puts them (as the direct writer does; fonts embedded as subsets by Cairo),
/// rules, metadata and the outline. The writer for documents that use a
/// face `DirectPDFWriter` cannot embed (CFF outlines such as the full Noto CJK collections).
enum CairoPDFWriter {
    static func write(_ document: PagedDocument, options: PDFWriter.Options) throws -> Data {
        let surface = try PDFSurface(width: document.width, height: document.height)
        surface.setMetadata(title: document.metadata.title, author: document.metadata.author,
                            subject: document.metadata.subject, creationDate: options.creationDate)
        let cr = try CairoContext(surface)
        let faces = CairoFaces()
        for page in document.pages {
            for (index, item) in page.items.enumerated() {
                draw(item, outlined: page.pagination.contains(index), cr: cr, faces: faces)
            }
            try cr.showPage()
        }
        var parents: [Int: Int32] = [:]
        for entry in document.outline {
            let parent = entry.level == 0 ? Int32(0) : parents[entry.level - 1] ?? 0
            let link = String(format: "page=%d pos=[%.2f %.2f]", entry.page + 1, 0.0, entry.y)
            let id = cairo_pdf_surface_add_outline(surface.pointer, parent, CairoText.accepted(entry.title), link, CAIRO_PDF_OUTLINE_FLAG_OPEN)
            parents[entry.level] = id
        }
        return try surface.finish()
    }

    /// Draws `item`; text that is `outlined` (a page number) is filled as glyph outlines,
    /// as the direct writer does, so that it is no extractable text.
    private static func draw(_ item: FrameItem, outlined: Bool, cr: CairoContext, faces: CairoFaces) {
        switch item {
        case let .rule(x1, y1, x2, y2, width):
            cairo_set_source_rgb(cr.pointer, 0, 0, 0)
            cairo_set_line_width(cr.pointer, width)
            cairo_set_line_cap(cr.pointer, CAIRO_LINE_CAP_SQUARE)
            cairo_move_to(cr.pointer, x1, y1)
            cairo_line_to(cr.pointer, x2, y2)
            cairo_stroke(cr.pointer)
        case let .box(x, y, width, height, gray):
            cairo_set_source_rgb(cr.pointer, gray, gray, gray)
            cairo_rectangle(cr.pointer, x, y, width, height)
            cairo_fill(cr.pointer)
        case let .text(shaped, x, y, lines):
            cairo_set_source_rgb(cr.pointer, 0, 0, 0)
            shaped.drawnLines(x: x, y: y, lines: lines) { show($0, of: shaped, outlined: outlined, cr: cr.pointer, faces: faces) }
        }
    }

    /// One line's glyphs where the shaper and justification put them (the positions the
    /// direct writer uses too), run by run of one face, with the text each glyph shows so
    /// that Cairo's ToUnicode maps it.
    private static func show(_ glyphs: [DrawnGlyph], of shaped: ShapedText, outlined: Bool, cr: OpaquePointer, faces: CairoFaces) {
        var start = 0
        while start < glyphs.count {
            let face = glyphs[start].glyph.face
            var end = start + 1
            while end < glyphs.count, glyphs[end].glyph.face == face { end += 1 }
            defer { start = end }
            guard let location = shaped.faces[face], let fontFace = faces.face(location) else { continue }
            cairo_set_font_face(cr, fontFace)
            cairo_set_font_size(cr, shaped.block.font.size)
            var utf8: [CChar] = []
            var cairoGlyphs: [cairo_glyph_t] = []
            var clusters: [cairo_text_cluster_t] = []
            for drawn in glyphs[start..<end] {
                cairoGlyphs.append(cairo_glyph_t(index: UInt(drawn.glyph.glyph), x: drawn.x, y: drawn.baseline))
                let text = CairoText.accepted(shaped.utf8[drawn.glyph.text])
                if text.isEmpty, !clusters.isEmpty {
                    clusters[clusters.count - 1].num_glyphs += 1
                } else {
                    utf8.append(contentsOf: text.map { CChar(bitPattern: $0) })
                    clusters.append(cairo_text_cluster_t(num_bytes: Int32(text.count), num_glyphs: 1))
                }
            }
            if outlined {
                cairo_glyph_path(cr, cairoGlyphs, Int32(cairoGlyphs.count))
                cairo_fill(cr)
                continue
            }
            cairo_show_text_glyphs(cr, utf8, Int32(utf8.count), cairoGlyphs, Int32(cairoGlyphs.count),
                                   clusters, Int32(clusters.count), cairo_text_cluster_flags_t(rawValue: 0))
        }
    }
}

/// The Cairo faces of one document, by where they live; destroyed with it.
private final class CairoFaces {
    private var faces: [FaceLocation: OpaquePointer] = [:]

    func face(_ location: FaceLocation) -> OpaquePointer? {
        if let known = faces[location] { return known }
        guard let face = CPangoCairo_faceAt(location.file, Int32(location.index), location.embolden ? 1 : 0) else { return nil }
        guard cairo_font_face_status(face) == CAIRO_STATUS_SUCCESS else {
            cairo_font_face_destroy(face)
            return nil
        }
        faces[location] = face
        return face
    }

    deinit { for face in faces.values { cairo_font_face_destroy(face) } }
}
