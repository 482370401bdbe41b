import Letters
import NIOPosix

/// The PDF renderer as the app uses it: injected (tests and benchmarks may count or fail it) and
/// always off the event loop, because typesetting is CPU work (system.md, "Known pitfalls").
public protocol LetterTypesetting: Sendable {
    func render(_ document: LetterDocument) async throws -> RenderedLetter
    func renderBatch(_ documents: [LetterDocument], duplex: Bool) async throws -> RenderedBatch
}

/// Typesets on the application's thread pool with pango and cairo.
public struct ThreadPoolTypesetter: LetterTypesetting {
    let pool: NIOThreadPool
    let renderer = LetterRenderer()

    public init(pool: NIOThreadPool) {
        self.pool = pool
    }

    public func render(_ document: LetterDocument) async throws -> RenderedLetter {
        try await pool.runIfActive { [renderer] in try renderer.render(document) }
    }

    public func renderBatch(_ documents: [LetterDocument], duplex: Bool) async throws -> RenderedBatch {
        try await pool.runIfActive { [renderer] in try renderer.renderBatch(documents, duplex: duplex) }
    }
}
