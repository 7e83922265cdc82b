import CPangoCairo
import Foundation
import NianbaoLayout

/// Draws a `PagedDocument` into a PDF with Cairo: text through Pango (fonts embedded as
/// subsets by Cairo), rules, metadata and the outline. The writer for documents that use a
/// face `DirectPDFWriter` cannot embed (CFF outlines such as the full Noto CJK collections).
enum CairoPDFWriter {
    static func write(_ document: PagedDocument, options: PDFWriter.Options) throws -> Data {
        let surface = try PDFSurface(width: document.width, height: document.height)
        surface.setMetadata(title: document.metadata.title, author: document.metadata.author,
                            subject: document.metadata.subject, creationDate: options.creationDate)
        let cr = try CairoContext(surface)
        let pango = pango_cairo_create_context(cr.pointer)!
        PangoText.configure(pango)
        defer { g_object_unref(UnsafeMutableRawPointer(pango)) }
        for page in document.pages {
            for item in page.items { draw(item, cr: cr, pango: pango) }
            try cr.showPage()
        }
        var parents: [Int: Int32] = [:]
        for entry in document.outline {
            let parent = entry.level == 0 ? Int32(0) : parents[entry.level - 1] ?? 0
            let link = String(format: "page=%d pos=[%.2f %.2f]", entry.page + 1, 0.0, entry.y)
            let id = cairo_pdf_surface_add_outline(surface.pointer, parent, entry.title, link, CAIRO_PDF_OUTLINE_FLAG_OPEN)
            parents[entry.level] = id
        }
        return try surface.finish()
    }

    private static func draw(_ item: FrameItem, cr: CairoContext, pango: OpaquePointer) {
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
        case let .text(block, x, y, lines):
            cairo_set_source_rgb(cr.pointer, 0, 0, 0)
            let layout = PangoText.layout(block, context: pango)
            defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
            drawLines(layout, block: block, lines: lines, x: x, y: y, cr: cr.pointer, pango: pango)
        }
    }

    /// Each line sits centred in its band of `lineHeight`, so that every line of a block
    /// takes the same pitch whatever its glyphs, and a block can be cut at any line.
    /// Justified lines are spread to the full width by letter spacing: Pango stretches only
    /// spaces, and Chinese has none.
    private static func drawLines(_ layout: OpaquePointer, block: TextBlock, lines: Range<Int>, x: Double, y: Double, cr: OpaquePointer, pango: OpaquePointer) {
        guard let iter = pango_layout_get_iter(layout) else { return }
        defer { pango_layout_iter_free(iter) }
        let lineCount = Int(pango_layout_get_line_count(layout))
        let utf8 = Array(block.text.utf8)
        var index = 0
        repeat {
            if lines.contains(index), let line = pango_layout_iter_get_line_readonly(iter) {
                var logical = PangoRectangle()
                pango_layout_iter_get_line_extents(iter, nil, &logical)
                let baseline = CPangoCairo_toPoints(pango_layout_iter_get_baseline(iter))
                let top = CPangoCairo_toPoints(logical.y), height = CPangoCairo_toPoints(logical.height)
                let band = y + Double(index - lines.lowerBound) * block.lineHeight
                let baselineY = band + (block.lineHeight - height) / 2 + (baseline - top)
                let indent = index == 0 ? block.indent : 0
                var own = PangoRectangle()
                pango_layout_line_get_extents(line, nil, &own)  // the text alone, without indent
                let natural = CPangoCairo_toPoints(own.width)
                let available = block.width - indent
                let start = Int(line.pointee.start_index), length = Int(line.pointee.length)
                let lastLine = index == lineCount - 1
                if block.alignment == .justify, !lastLine, natural < available, available - natural < available * 0.2,
                   start + length <= utf8.count,
                   let text = String(validating: utf8[start..<(start + length)], as: UTF8.self) {
                    drawJustified(text, block: block, natural: natural, available: available, x: x + indent, baseline: baselineY, cr: cr, pango: pango)
                } else {
                    let lineX: Double
                    switch block.alignment {
                    case .left, .justify: lineX = x + indent
                    case .center, .right: lineX = x + CPangoCairo_toPoints(logical.x)
                    }
                    cairo_move_to(cr, lineX, baselineY)
                    pango_cairo_show_layout_line(cr, line)
                }
            }
            index += 1
        } while index < lines.upperBound && pango_layout_iter_next_line(iter) != 0
    }

    /// One line laid out again with the letter spacing that makes it exactly `available` wide.
    private static func drawJustified(_ text: String, block: TextBlock, natural: Double, available: Double, x: Double, baseline: Double, cr: OpaquePointer, pango: OpaquePointer) {
        let trimmed = String(text.reversed().drop { $0 == " " || $0 == "\n" }.reversed())
        let gaps = max(Justification.gaps(trimmed), 1)
        var single = block
        single.text = trimmed
        single.width = available * 2
        single.alignment = .left
        single.indent = 0
        single.letterSpacing = block.letterSpacing + (available - natural) / Double(gaps)
        let layout = PangoText.layout(single, context: pango)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        guard let line = pango_layout_get_line_readonly(layout, 0) else { return }
        cairo_move_to(cr, x, baseline)
        pango_cairo_show_layout_line(cr, line)
    }
}
