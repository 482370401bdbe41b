import Foundation

/// Removes what a photo says besides its picture: a phone's JPEG carries the place it was taken
/// (EXIF GPS) and the device in its APP1 segments, a PNG may carry the same in `eXIf` and text
/// chunks. A resident's photo of a fault is kept without them.
enum ImageMetadata {
    /// The JPEG without its APP1 (EXIF, XMP) and APP13 (IPTC) segments; nil when the data is not
    /// a well-formed JPEG up to its image data.
    static func strippedJPEG(_ data: Data) -> Data? {
        let bytes = [UInt8](data)
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var out: [UInt8] = [0xFF, 0xD8]
        var index = 2
        while index + 4 <= bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            // Start of scan: the rest is image data up to the end marker, kept as it is.
            if marker == 0xDA {
                out += bytes[index...]
                return Data(out)
            }
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            guard length >= 2, index + 2 + length <= bytes.count else { return nil }
            let segment = bytes[index..<(index + 2 + length)]
            if marker != 0xE1 && marker != 0xED { out += segment }
            index += 2 + length
        }
        return nil
    }

    /// The PNG without its `eXIf`, `tEXt`, `iTXt`, `zTXt` and `tIME` chunks; nil when the data is
    /// not a well-formed PNG.
    static func strippedPNG(_ data: Data) -> Data? {
        let bytes = [UInt8](data)
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count > 8, Array(bytes[0..<8]) == signature else { return nil }
        let dropped: Set<String> = ["eXIf", "tEXt", "iTXt", "zTXt", "tIME"]
        var out = signature
        var index = 8
        while index + 12 <= bytes.count {
            let length =
                Int(bytes[index]) << 24 | Int(bytes[index + 1]) << 16 | Int(bytes[index + 2]) << 8
                | Int(bytes[index + 3])
            let end = index + 12 + length
            guard length >= 0, end <= bytes.count else { return nil }
            let type = String(decoding: bytes[(index + 4)..<(index + 8)], as: UTF8.self)
            if !dropped.contains(type) { out += bytes[index..<end] }
            index = end
            if type == "IEND" { return Data(out) }
        }
        return nil
    }

    /// The photo without its metadata and its type, or nil for anything that is not a JPEG or PNG.
    static func cleanPhoto(_ data: Data) -> (Data, String)? {
        switch AttachmentType.of(data) {
        case "image/jpeg": strippedJPEG(data).map { ($0, "image/jpeg") }
        case "image/png": strippedPNG(data).map { ($0, "image/png") }
        default: nil
        }
    }
}
