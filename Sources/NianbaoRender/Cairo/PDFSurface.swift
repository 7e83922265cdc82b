import CPangoCairo
import Foundation

/// A Cairo PDF surface that writes into memory. Writers return `Data`; only the CLI and
/// batch touch paths.
final class PDFSurface {
    /// Accumulates the bytes Cairo streams out.
    private final class Sink { var data = Data() }

    let pointer: OpaquePointer
    private let sink: Sink
    private let sinkRef: Unmanaged<Sink>
    private var finished = false

    /// A PDF surface whose first page is `width` × `height` points.
    init(width: Double, height: Double) throws {
        sink = Sink()
        sinkRef = Unmanaged.passRetained(sink)
        let write: cairo_write_func_t = { closure, bytes, length in
            guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
            return CAIRO_STATUS_SUCCESS
        }
        // Checked before `pointer` is stored: a throw after full initialisation would run
        // deinit and release both a second time.
        let surface = cairo_pdf_surface_create_for_stream(write, sinkRef.toOpaque(), width, height)!
        let status = cairo_surface_status(surface)
        if status != CAIRO_STATUS_SUCCESS {
            cairo_surface_destroy(surface)
            sinkRef.release()
            throw RenderError(operation: "cairo_pdf_surface_create_for_stream", status: String(cString: cairo_status_to_string(status)))
        }
        pointer = surface
    }

    deinit {
        cairo_surface_destroy(pointer)
        sinkRef.release()
    }

    /// Document metadata: title, author, subject, creation date (`YYYY-MM-DDTHH:MM:SS`).
    func setMetadata(title: String? = nil, author: String? = nil, subject: String? = nil, creationDate: String? = nil) {
        if let title { cairo_pdf_surface_set_metadata(pointer, CAIRO_PDF_METADATA_TITLE, CairoText.accepted(title)) }
        if let author { cairo_pdf_surface_set_metadata(pointer, CAIRO_PDF_METADATA_AUTHOR, CairoText.accepted(author)) }
        if let subject { cairo_pdf_surface_set_metadata(pointer, CAIRO_PDF_METADATA_SUBJECT, CairoText.accepted(subject)) }
        if let creationDate {
            cairo_pdf_surface_set_metadata(pointer, CAIRO_PDF_METADATA_CREATE_DATE, creationDate)
            cairo_pdf_surface_set_metadata(pointer, CAIRO_PDF_METADATA_MOD_DATE, creationDate)
        }
    }

    /// Finishes the document and returns its bytes.
    func finish() throws -> Data {
        if !finished {
            cairo_surface_finish(pointer)
            finished = true
        }
        let status = cairo_surface_status(pointer)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError(operation: "cairo_surface_finish", status: String(cString: cairo_status_to_string(status)))
        }
        return sink.data
    }
}
