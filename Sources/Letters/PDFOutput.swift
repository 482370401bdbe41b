import CPangoCairo
import Foundation

/// A cairo PDF surface that writes into memory, with its drawing context.
///
/// Cairo streams the PDF through a C callback; the bytes are appended to a `Data` buffer,
/// so no temporary files are involved.
final class PDFOutput {
    /// Receives the PDF bytes from cairo's write callback.
    ///
    /// Cairo writes in many small pieces (one per operator), so this is a plain malloc'd
    /// buffer: appending is a memcpy, and the finished buffer becomes the `Data` without a copy.
    private final class Sink {
        private(set) var bytes: UnsafeMutableRawPointer
        private(set) var count = 0
        private var capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            bytes = malloc(capacity)!
        }

        deinit { free(bytes) }

        func append(_ source: UnsafeRawPointer, count length: Int) {
            if count + length > capacity {
                capacity = max(capacity * 2, count + length)
                bytes = realloc(bytes, capacity)!
            }
            (bytes + count).copyMemory(from: source, byteCount: length)
            count += length
        }

        /// Hands the buffer over to a `Data`, which frees it.
        func take() -> Data {
            let data = Data(bytesNoCopy: bytes, count: count, deallocator: .free)
            capacity = 64
            count = 0
            bytes = malloc(capacity)!
            return data
        }
    }

    // A one-page letter is 15-25 kB; starting there avoids most regrowth.
    private let sink = Sink(capacity: 32 * 1024)
    private let surface: OpaquePointer
    let cairo: OpaquePointer
    private var finished = false

    init(title: String, author: String) throws(LetterRenderError) {
        let surface = cairo_pdf_surface_create_for_stream(
            { closure, bytes, length in
                let sink = Unmanaged<Sink>.fromOpaque(closure!).takeUnretainedValue()
                if let bytes { sink.append(bytes, count: Int(length)) }
                return CAIRO_STATUS_SUCCESS
            },
            // The sink is retained by `self`, which outlives the surface (destroyed in deinit).
            Unmanaged.passUnretained(sink).toOpaque(),
            PageGeometry.width,
            PageGeometry.height
        )!
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw .cairo(String(cString: cairo_status_to_string(status)))
        }
        self.surface = surface
        cairo = cairo_create(surface)!
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Almen")
    }

    deinit {
        cairo_destroy(cairo)
        if !finished { cairo_surface_finish(surface) }
        cairo_surface_destroy(surface)
    }

    /// Ends the current page and starts a new one.
    func showPage() {
        cairo_show_page(cairo)
    }

    /// Adds a bookmark (PDF outline entry) pointing at a 1-based page.
    func addOutline(_ title: String, page: Int) {
        _ = cairo_pdf_surface_add_outline(
            surface,
            CAIRO_PDF_OUTLINE_ROOT,
            title,
            "page=\(page)",
            cairo_pdf_outline_flags_t(rawValue: 0)
        )
    }

    /// Throws if cairo has recorded an error so far (cairo errors are sticky).
    func checkStatus() throws(LetterRenderError) {
        let status = cairo_status(cairo)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .cairo(String(cString: cairo_status_to_string(status)))
        }
    }

    /// Writes the trailer (fonts are subset and embedded here) and returns the PDF.
    func finish() throws(LetterRenderError) -> Data {
        try checkStatus()
        cairo_surface_finish(surface)
        finished = true
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .cairo(String(cString: cairo_status_to_string(status)))
        }
        return sink.take()
    }
}
