import Foundation
import Testing

@testable import App

@Suite("Base64url")
struct Base64URLTests {
    /// The byte-by-byte encoder writes what Foundation's base64 with the URL alphabet and no
    /// padding writes, for every length of a block of three and past it, and for the bytes that
    /// differ between the two alphabets.
    @Test func itWritesWhatFoundationsBase64WithTheURLAlphabetWrites() {
        var generator = SystemRandomNumberGenerator()
        let samples: [Data] =
            (0..<40).map { length in Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }) }
            + [Data([0xFB, 0xFF, 0xBF]), Data([0xFF]), Data([0xFF, 0xFF]), Data(repeating: 0, count: 5)]
        for data in samples {
            let expected = data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(data.base64URL == expected, "\(Array(data))")
            // A slice whose indices do not start at zero.
            let framed = Data([7]) + data + Data([9])
            #expect(framed.dropFirst().dropLast().base64URL == expected)
        }
        #expect(Data([0xFB, 0xFF, 0xBF]).base64URL == "-_-_")
    }
}
