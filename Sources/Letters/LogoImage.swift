import CPangoCairo
import Foundation

/// The sender's logo decoded into a cairo image surface.
///
/// Decoded once per render (once per distinct logo in a batch): cairo then embeds the image
/// only once in the PDF however many letters show it.
final class LogoImage {
    let surface: OpaquePointer
    let pixelWidth: Double
    let pixelHeight: Double

    /// A logo is printed about 3 cm wide; the limits only keep a small file from claiming a huge
    /// image (16 million pixels decode to 64 MB), and leave room for any logo stored before them.
    static let maxSide = 8_000
    static let maxPixels = 16_000_000

    /// Width and height from the PNG's IHDR chunk, which must come first after the signature.
    static func declaredSize(_ png: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](png.prefix(24))
        guard bytes.count == 24, bytes[12...15].elementsEqual(Array("IHDR".utf8)) else { return nil }
        func integer(at offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (integer(at: 16), integer(at: 20))
    }

    init(png: Data) throws(LetterRenderError) {
        // Check the signature first: cairo's own message for a non-PNG is just "out of memory"
        // or "read error", which would be hard to act on.
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard png.count > signature.count, png.prefix(signature.count).elementsEqual(signature) else {
            throw .invalidLogoPNG("the logo data does not start with the PNG signature")
        }
        // The size comes from the header before anything is decoded: a small file can claim a
        // huge image (a decompression bomb: 256 KB of PNG can inflate to gigabytes of pixels).
        guard let size = Self.declaredSize(png) else { throw .invalidLogoPNG("the PNG has no image header") }
        guard size.width <= Self.maxSide, size.height <= Self.maxSide, size.width * size.height <= Self.maxPixels else {
            throw .invalidLogoPNG(
                "the image is \(size.width) × \(size.height) pixels; at most \(Self.maxSide) on a side and \(Self.maxPixels) in all"
            )
        }
        let reader = PNGReader(png)
        let decoded: OpaquePointer? = withExtendedLifetime(reader) {
            cairo_image_surface_create_from_png_stream(
                { closure, destination, length in
                    let reader = Unmanaged<PNGReader>.fromOpaque(closure!).takeUnretainedValue()
                    return reader.read(into: destination!, count: Int(length))
                        ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR
                },
                Unmanaged.passUnretained(reader).toOpaque()
            )
        }
        guard let decoded else { throw .invalidLogoPNG("cairo could not create an image") }
        let status = cairo_surface_status(decoded)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(decoded)
            throw .invalidLogoPNG(String(cString: cairo_status_to_string(status)))
        }
        let width = cairo_image_surface_get_width(decoded)
        let height = cairo_image_surface_get_height(decoded)
        guard width > 0, height > 0 else {
            cairo_surface_destroy(decoded)
            throw .invalidLogoPNG("the image is empty")
        }
        surface = decoded
        pixelWidth = Double(width)
        pixelHeight = Double(height)
    }

    deinit { cairo_surface_destroy(surface) }

    /// The scale that fits the logo into `maxWidth` x `maxHeight` points, keeping its aspect.
    func scale(toFit maxWidth: Double, _ maxHeight: Double) -> Double {
        min(maxWidth / pixelWidth, maxHeight / pixelHeight)
    }
}

/// Feeds PNG bytes to cairo's stream reader (so no temporary file is needed).
private final class PNGReader {
    private let data: Data
    private var offset: Int

    init(_ data: Data) {
        self.data = data
        offset = data.startIndex
    }

    func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
        guard count <= data.endIndex - offset else { return false }
        data.copyBytes(to: destination, from: offset..<(offset + count))
        offset += count
        return true
    }
}
