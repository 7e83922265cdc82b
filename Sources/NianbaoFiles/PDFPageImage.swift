import CPoppler
import NianbaoDocument

/// Pages of a PDF drawn as PNG images by poppler (with cairo), for a preview of what
/// nianbao printed: the web page shows its official PDF's pages this way, since a browser
/// without a PDF viewer (a headless one, or an office machine's) shows nothing in a frame.
public enum PDFPageImage {
    /// The number of pages of `pdf`.
    public static func pageCount(_ pdf: [UInt8]) throws(IngestError) -> Int {
        try PDFReader.withDocument(pdf) { Int(poppler_document_get_n_pages($0)) }
    }

    /// Page `number` (from 1) of `pdf` as PNG bytes, `width` pixels wide (the height as the
    /// page's proportions make it), on white; nil when there is no such page. Width is
    /// clamped to 100…2000 px so a request cannot ask for an enormous image.
    public static func png(_ pdf: [UInt8], page number: Int, width: Int) throws(IngestError) -> [UInt8]? {
        try PDFReader.withDocument(pdf) { document -> [UInt8]? in
            guard number >= 1, number <= Int(poppler_document_get_n_pages(document)),
                  let page = poppler_document_get_page(document, Int32(number - 1)) else { return nil }
            defer { g_object_unref(UnsafeMutableRawPointer(page)) }
            var w = 0.0, h = 0.0
            poppler_page_get_size(page, &w, &h)
            guard w > 0, h > 0 else { return nil }
            let pixels = Double(min(max(width, 100), 2000))
            let scale = pixels / w
            guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(pixels), Int32((h * scale).rounded())) else { return nil }
            defer { cairo_surface_destroy(surface) }
            guard let cairo = cairo_create(surface) else { return nil }
            cairo_set_source_rgb(cairo, 1, 1, 1)
            cairo_paint(cairo)
            cairo_scale(cairo, scale, scale)
            poppler_page_render(page, cairo)
            cairo_destroy(cairo)
            var out = PNGSink()
            let status = withUnsafeMutablePointer(to: &out) { sink in
                cairo_surface_write_to_png_stream(surface, { closure, data, length in
                    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                    closure.assumingMemoryBound(to: PNGSink.self).pointee.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                    return CAIRO_STATUS_SUCCESS
                }, sink)
            }
            return status == CAIRO_STATUS_SUCCESS ? out.bytes : nil
        }
    }

    private struct PNGSink { var bytes: [UInt8] = [] }

}
