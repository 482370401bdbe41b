import Foundation
import NIOPosix
import ZIPFoundation

/// A ZIP built in memory, for downloads of a few MB to a few dozen (a resident's copy of their
/// data, a complaint's evidence with its originals).
///
/// Built on a thread pool (`build`): deflating tens of megabytes takes seconds, and requests and
/// jobs run on NIO's event loops, which must never block (docs/architecture.md).
struct InMemoryZip {
    /// A file of the archive; `deflate` false for what is compressed already (photos, sound),
    /// which deflating would only slow down.
    struct Entry: Sendable {
        let path: String
        let data: Data
        var deflate = true
    }

    /// The archive of `entries`, in their order, built on `pool`.
    static func build(_ entries: [Entry], modified: Date, on pool: NIOThreadPool) async throws -> Data {
        try await pool.runIfActive {
            let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
            for entry in entries {
                let data = entry.data
                try archive.addEntry(
                    with: entry.path,
                    type: .file,
                    uncompressedSize: Int64(data.count),
                    modificationDate: modified,
                    compressionMethod: entry.deflate ? .deflate : .none,
                    provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
                )
            }
            guard let data = archive.data else { throw InMemoryZipError.notWritten }
            return data
        }
    }
}

enum InMemoryZipError: Error {
    case notWritten
}
