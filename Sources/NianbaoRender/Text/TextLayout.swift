import CPangoCairo

/// A paragraph of text shaped by Pango for a Cairo context: font, width, wrapping.
public final class TextLayout {
    let pointer: OpaquePointer
    private let context: CairoContext

    /// A layout for `context` with the font `font` (a Pango description such as
    /// `"Noto Serif CJK SC 16px"`).
    public init(context: CairoContext, font: String) {
        self.context = context
        pointer = pango_cairo_create_layout(context.pointer)
        let description = pango_font_description_from_string(font)
        pango_layout_set_font_description(pointer, description)
        pango_font_description_free(description)
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(pointer)) }

    public var text: String {
        get { String(cString: pango_layout_get_text(pointer)) }
        set { pango_layout_set_text(pointer, newValue, -1) }
    }

    /// Wrap width in points (nil: no wrapping).
    public func setWidth(_ points: Double?) {
        pango_layout_set_width(pointer, points.map { CPangoCairo_fromPoints($0) } ?? -1)
    }

    /// Logical size in points.
    public var size: (width: Double, height: Double) {
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(pointer, &w, &h)
        return (CPangoCairo_toPoints(w), CPangoCairo_toPoints(h))
    }

    /// Number of lines after wrapping.
    public var lineCount: Int { Int(pango_layout_get_line_count(pointer)) }

    /// Draws the layout with its top-left corner at (`x`, `y`).
    public func draw(atX x: Double, y: Double) {
        context.moveTo(x, y)
        pango_cairo_show_layout(context.pointer, pointer)
    }
}
