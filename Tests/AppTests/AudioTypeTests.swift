import Foundation
import Testing

@testable import App

/// A complaint's sound recordings are stored only when their bytes are audio: a container's
/// signature, or two MPEG/AAC frames in a row; not text, not a video, whatever the name says.
@Suite("Sound recordings, told by their content")
struct AudioTypeTests {
    static func bytes(_ values: [UInt8], padTo length: Int = 0) -> Data {
        Data(values) + Data(repeating: 0, count: max(0, length - values.count))
    }

    /// An MPEG 1 Layer III frame at 128 kbit/s, 44.1 kHz: 417 bytes.
    static let mp3Frame = bytes([0xFF, 0xFB, 0x90, 0x00], padTo: 417)

    /// An ADTS (AAC) frame of 100 bytes.
    static let aacFrame: Data = {
        let length = 100
        let high = UInt8(0x80) | UInt8((length >> 11) & 0x03)
        let middle = UInt8((length >> 3) & 0xFF)
        let low = UInt8((length & 0x07) << 5) | 0x1F
        return bytes([0xFF, 0xF1, 0x50, high, middle, low, 0xFC], padTo: length)
    }()

    static let mp4Head = bytes([0, 0, 0, 0x20]) + Data("ftyp".utf8)

    static let samples: [(name: String, data: Data, type: String?)] = {
        let video: Data =
            mp4Head + Data("isom".utf8) + Data("moovtrakhdlr".utf8) + bytes([], padTo: 8) + Data("vide".utf8)
        let wav: Data = Data("RIFF".utf8) + bytes([0x24, 0, 0, 0]) + Data("WAVEfmt ".utf8)
        let utf16: Data = Data([0xFF, 0xFE]) + "Hej med dig".data(using: .utf16LittleEndian)!
        var samples: [(String, Data, String?)] = []
        samples.append(("ID3 tag", Data("ID3".utf8) + bytes([4, 0, 0], padTo: 20), "audio/mpeg"))
        samples.append(("two MP3 frames", mp3Frame + mp3Frame, "audio/mpeg"))
        samples.append(("one MP3 frame header and nothing after it", mp3Frame + bytes([], padTo: 10), nil))
        samples.append(("two AAC frames", aacFrame + aacFrame, "audio/aac"))
        samples.append(("a voice memo", mp4Head + Data("M4A ".utf8) + bytes([], padTo: 40), "audio/mp4"))
        samples.append(("an MP4 with a video track", video, nil))
        samples.append(("an MP4 of another brand", mp4Head + Data("qt  ".utf8) + bytes([], padTo: 40), nil))
        samples.append(("WAV", wav, "audio/wav"))
        samples.append(("Ogg", Data("OggS".utf8) + bytes([0], padTo: 20), "audio/ogg"))
        samples.append(("AMR", Data("#!AMR\n".utf8) + bytes([], padTo: 20), "audio/amr"))
        samples.append(("UTF-16 text", utf16, nil))
        samples.append(("a PDF", Data("%PDF-1.7".utf8) + bytes([], padTo: 40), nil))
        samples.append(("nothing", Data(), nil))
        return samples
    }()

    @Test("Each format a phone records, and what only looks like one", arguments: samples.indices)
    func detected(_ index: Int) {
        let (name, data, expected) = Self.samples[index]
        #expect(AudioType.of(data) == expected, "\(name)")
    }
}
