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
            // Justified by the writer, line by line (PDFWriter.drawJustified): Pango's own
            // justification would change the widths the writer measures.
            pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        }
        if block.letterSpacing != 0 {
            let attrs = pango_attr_list_new()
            pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(CPangoCairo_fromPoints(block.letterSpacing)))
            pango_layout_set_attributes(layout, attrs)
            pango_attr_list_unref(attrs)
        }
        pango_layout_set_text(layout, block.text, -1)
        return layout
    }
}

/// `TextMeasuring` through Pango. Blocks are shaped by the calling thread's `Shaper`, which
/// keeps them for the PDF writer: a block is shaped once for layout and drawing together.
public final class PangoMeasurer: TextMeasuring {
    public init() {}

    public func lineCount(_ block: TextBlock) -> Int { Shaper.current.shape(block).lines.count }
}
