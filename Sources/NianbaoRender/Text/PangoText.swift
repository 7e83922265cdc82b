import CPangoCairo
import NianbaoLayout
import NianbaoStyle

/// Builds Pango layouts for text blocks: font description from the role (families in
/// order, fontconfig supplies fallbacks), width, alignment, indent, letter spacing. The same
/// code serves measuring and drawing, so both break lines identically.
enum PangoText {
    /// Font options shared by every context: no hinting, so that line breaks do not depend
    /// on the surface.
    static func configure(_ context: OpaquePointer) {
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
    }

    static func layout(_ block: TextBlock, context: OpaquePointer) -> OpaquePointer {
        let layout = pango_layout_new(context)!
        let description = pango_font_description_new()
        pango_font_description_set_family(description, block.font.families.joined(separator: ","))
        pango_font_description_set_absolute_size(description, Double(CPangoCairo_scale()) * block.font.size)
        pango_font_description_set_weight(description, block.font.weight == .bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        pango_layout_set_width(layout, CPangoCairo_fromPoints(block.width))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_indent(layout, CPangoCairo_fromPoints(block.indent))
        switch block.alignment {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        case .justify:
            // Justified by the writer, line by line (drawnLines): Pango's own
            // justification would change the widths the writer measures.
            pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        }
        let attrs = pango_attr_list_new()
        // Never a hyphen Pango inserts when it breaks a long word or URL: a CJK report has
        // none, and the glyph would have no text of its own.
        pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(0))
        if block.letterSpacing != 0 {
            // The grid's letter spacing is for the ideographs: numbers and Latin words stay
            // whole (2022, not 2 0 2 2), so that they read, and copy, as written (`WordRuns`).
            for range in spacedRanges(block.text) {
                let attr = pango_attr_letter_spacing_new(CPangoCairo_fromPoints(block.letterSpacing))!
                attr.pointee.start_index = guint(range.lowerBound)
                attr.pointee.end_index = guint(range.upperBound)
                pango_attr_list_insert(attrs, attr)
            }
        }
        if let lead = block.lead, lead.bytes > 0 {
            // A run-in heading: its words in the heading's families and weight, at the block's size.
            let description = pango_font_description_new()
            pango_font_description_set_family(description, lead.font.families.joined(separator: ","))
            pango_font_description_set_weight(description, lead.font.weight == .bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
            let attr = pango_attr_font_desc_new(description)!
            pango_font_description_free(description)
            attr.pointee.start_index = 0
            attr.pointee.end_index = guint(min(lead.bytes, block.text.utf8.count))
            pango_attr_list_insert(attrs, attr)
        }
        for range in block.unbreakable where range.upperBound <= block.text.utf8.count {
            // Words kept whole (LineBreaks): Pango breaks between them, or inside one only where
            // it is wider than the line.
            let attr = pango_attr_allow_breaks_new(0)!
            attr.pointee.start_index = guint(range.lowerBound)
            attr.pointee.end_index = guint(range.upperBound)
            pango_attr_list_insert(attrs, attr)
        }
        pango_layout_set_attributes(layout, attrs)
        pango_attr_list_unref(attrs)
        pango_layout_set_text(layout, block.text, -1)
        return layout
    }

    /// UTF-8 byte ranges of `text` outside its numbers and Latin words (`WordRuns`): where
    /// the grid's letter spacing applies.
    static func spacedRanges(_ text: String) -> [Range<Int>] {
        let utf8 = Array(text.utf8)
        var out: [Range<Int>] = []
        var start = 0
        for run in WordRuns.ranges(utf8) {
            if run.lowerBound > start { out.append(start..<run.lowerBound) }
            start = run.upperBound
        }
        if start < utf8.count { out.append(start..<utf8.count) }
        return out
    }
}

/// `TextShaping` through Pango: what layout measures is what the frames carry and every
/// writer draws. Keeps what it shaped (table labels come back report after report). One
/// per thread: a Pango context is not thread-safe.
public final class PangoShaper: TextShaping {
    let shaper: Shaper
    /// `inkMiddle` by block (the page-number dash is asked for once per document), for the
    /// fonts of `inkGeneration`.
    private var inkMiddles: [TextBlock: Double] = [:]
    private var inkGeneration = FontSetup.generation

    public init() { shaper = Shaper() }

    public func shape(_ block: TextBlock) -> ShapedText { shaper.shape(block) }

    public var memo: ShapingMemo? { shaper.memo }

    public func inkMiddle(_ block: TextBlock) -> Double {
        if inkGeneration != FontSetup.generation {
            inkMiddles.removeAll()
            inkGeneration = FontSetup.generation
        }
        if let known = inkMiddles[block] { return known }
        let middle = measureInkMiddle(block)
        inkMiddles[block] = middle
        return middle
    }

    /// The first line's ink, placed as the writers place a line in its band.
    private func measureInkMiddle(_ block: TextBlock) -> Double {
        let layout = PangoText.layout(block, context: shaper.context)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        guard let iter = pango_layout_get_iter(layout) else { return block.lineHeight / 2 }
        defer { pango_layout_iter_free(iter) }
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_iter_get_line_extents(iter, &ink, &logical)
        guard ink.height > 0 else { return block.lineHeight / 2 }
        let baseline = CPangoCairo_toPoints(pango_layout_iter_get_baseline(iter))
        let top = CPangoCairo_toPoints(logical.y), height = CPangoCairo_toPoints(logical.height)
        let inkMiddle = CPangoCairo_toPoints(ink.y) + CPangoCairo_toPoints(ink.height) / 2
        return (block.lineHeight - height) / 2 + (baseline - top) + (inkMiddle - baseline)
    }
}
