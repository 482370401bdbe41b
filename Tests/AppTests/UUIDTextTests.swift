import Foundation
import Testing

@testable import App

@Suite("An id as text")
struct UUIDTextTests {
    /// The table writes what Foundation's `uuidString.lowercased()` writes: for every byte value
    /// in every position (id `n` holds the bytes n, n + 17, n + 34, … modulo 256, so each
    /// position takes every value over the 256 ids), for the nil id and the all-ones id.
    @Test func itWritesWhatFoundationWritesLowercased() {
        let ids =
            (0..<256).map { start -> UUID in
                var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                withUnsafeMutableBytes(of: &bytes) { raw in
                    for index in 0..<16 { raw[index] = UInt8(truncatingIfNeeded: start + index * 17) }
                }
                return UUID(uuid: bytes)
            } + [
                UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                UUID(uuidString: "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF")!,
                UUID(uuidString: "0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0")!,
            ]
        for id in ids {
            #expect(id.lowercasedString == id.uuidString.lowercased())
            #expect(UUID(uuidString: id.lowercasedString) == id)
        }
        #expect(
            UUID(uuidString: "0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0")!.lowercasedString
                == "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
        )
    }
}
