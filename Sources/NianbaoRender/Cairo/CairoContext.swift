import CPangoCairo

/// A Cairo drawing context on a surface.
public final class CairoContext {
    let pointer: OpaquePointer

    public init(_ surface: PDFSurface) throws {
        pointer = cairo_create(surface.pointer)
        try check("cairo_create")
    }

    deinit { cairo_destroy(pointer) }

    func check(_ operation: String) throws {
        let status = cairo_status(pointer)
        if status != CAIRO_STATUS_SUCCESS {
            throw RenderError(operation: operation, status: String(cString: cairo_status_to_string(status)))
        }
    }

    public func moveTo(_ x: Double, _ y: Double) { cairo_move_to(pointer, x, y) }
    public func lineTo(_ x: Double, _ y: Double) { cairo_line_to(pointer, x, y) }
    public func setLineWidth(_ w: Double) { cairo_set_line_width(pointer, w) }
    public func setGray(_ g: Double) { cairo_set_source_rgb(pointer, g, g, g) }
    public func stroke() { cairo_stroke(pointer) }

    /// Ends the page and starts a new one.
    public func showPage() throws {
        cairo_show_page(pointer)
        try check("cairo_show_page")
    }
}
