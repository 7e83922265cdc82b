import CPangoCairo

/// A Cairo drawing context on a surface (the Cairo writer draws through `pointer`).
final class CairoContext {
    let pointer: OpaquePointer

    init(_ surface: PDFSurface) throws {
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

    /// Ends the page and starts a new one.
    func showPage() throws {
        cairo_show_page(pointer)
        try check("cairo_show_page")
    }
}
