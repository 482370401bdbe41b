import Foundation
import ZIPFoundation

/// A ZIP built in memory, for downloads of a few MB to a few dozen (a resident's copy of their
/// data, a complaint's evidence with its originals).
struct InMemoryZip {
    private let archive: Archive
    private let modified: Date

    init(modified: Date) throws {
        self.archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
        self.modified = modified
    }

    func add(_ path: String, _ data: Data) throws {
        try archive.addEntry(
            with: path,
            type: .file,
            uncompressedSize: Int64(data.count),
            modificationDate: modified,
            compressionMethod: .deflate,
            provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        )
    }

    /// The archive's bytes.
    func data() throws -> Data {
        guard let data = archive.data else { throw InMemoryZipError.notWritten }
        return data
    }
}

enum InMemoryZipError: Error {
    case notWritten
}
