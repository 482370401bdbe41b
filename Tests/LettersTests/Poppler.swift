import Foundation

/// Runs the poppler-utils command-line tools the rendering tests inspect PDFs with.
///
/// poppler-utils is a declared test dependency (apt: poppler-utils): a missing tool makes the
/// test fail with an explanation instead of being skipped, so a CI machine without it cannot
/// pass by silently checking nothing.
enum Poppler {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `tool` (e.g. "pdftotext") with `arguments` and returns its standard output.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> Data {
        let executable = try locate(tool)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read before waiting: a full pipe would otherwise block the tool forever.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(
                description:
                    "\(tool) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus): \(errorText)"
            )
        }
        return data
    }

    /// Standard output as text.
    static func text(_ tool: String, _ arguments: [String]) throws -> String {
        String(decoding: try run(tool, arguments), as: UTF8.self)
    }

    private static func locate(_ tool: String) throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = ["/usr/bin"] + path.split(separator: ":").map(String.init)
        for directory in directories {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent(tool)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw Failure(
            description:
                "\(tool) was not found (looked in /usr/bin and PATH). The Letters tests need poppler-utils: apt-get install poppler-utils"
        )
    }
}

/// A PDF written to its own temporary directory, for the command-line tools to read.
final class PDFFile {
    let directory: URL
    let url: URL
    var path: String { url.path }

    init(_ data: Data) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("letters-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        url = directory.appendingPathComponent("letter.pdf")
        try data.write(to: url)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// `pdftotext -layout` of the given 1-based pages (all when nil).
    func text(pages: ClosedRange<Int>? = nil) throws -> String {
        var arguments = ["-layout", "-enc", "UTF-8"]
        if let pages { arguments += ["-f", "\(pages.lowerBound)", "-l", "\(pages.upperBound)"] }
        return try Poppler.text("pdftotext", arguments + [path, "-"])
    }

    /// `pdfinfo` as a dictionary of its "Key: value" lines.
    func info() throws -> [String: String] {
        var result: [String: String] = [:]
        for line in try Poppler.text("pdfinfo", ["-enc", "UTF-8", path]).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            result[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    /// Words with their boxes in points (origin top-left), from `pdftotext -bbox`.
    func words(page: Int) throws -> [Word] {
        let html = try Poppler.text(
            "pdftotext",
            ["-bbox", "-enc", "UTF-8", "-f", "\(page)", "-l", "\(page)", path, "-"]
        )
        let pattern = try NSRegularExpression(
            pattern: #"<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>"#
        )
        let range = NSRange(html.startIndex..., in: html)
        return pattern.matches(in: html, range: range).map { match in
            func group(_ index: Int) -> String { String(html[Range(match.range(at: index), in: html)!]) }
            return Word(
                text: group(5),
                xMin: Double(group(1))!,
                yMin: Double(group(2))!,
                xMax: Double(group(3))!,
                yMax: Double(group(4))!
            )
        }
    }

    /// Page 1 rendered by pdftoppm as an 8-bit grey image.
    func grayImage(dpi: Int) throws -> GrayImage {
        let root = directory.appendingPathComponent("page").path
        try Poppler.run("pdftoppm", ["-r", "\(dpi)", "-f", "1", "-l", "1", "-gray", "-singlefile", path, root])
        return try GrayImage(pgm: Data(contentsOf: URL(fileURLWithPath: root + ".pgm")), dpi: dpi)
    }
}

/// A word found by `pdftotext -bbox`.
struct Word {
    let text: String
    let xMin: Double, yMin: Double, xMax: Double, yMax: Double
}

/// A binary PGM (P5) image, addressed in millimetres on the page.
struct GrayImage {
    let width: Int
    let height: Int
    let dpi: Int
    let pixels: [UInt8]

    init(pgm: Data, dpi: Int) throws {
        let bytes = [UInt8](pgm)
        // Header: "P5", width, height, maxval, separated by whitespace, then one byte per pixel.
        var fields: [String] = []
        var index = 0
        while fields.count < 4 {
            while index < bytes.count,
                bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09
            { index += 1 }
            var field = ""
            while index < bytes.count,
                !(bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09)
            {
                field.append(Character(UnicodeScalar(bytes[index])))
                index += 1
            }
            fields.append(field)
        }
        index += 1  // the single whitespace before the pixel data
        guard fields[0] == "P5", let width = Int(fields[1]), let height = Int(fields[2]), fields[3] == "255" else {
            throw Poppler.Failure(description: "unexpected PGM header \(fields)")
        }
        self.width = width
        self.height = height
        self.dpi = dpi
        pixels = Array(bytes[index..<(index + width * height)])
    }

    /// Number of pixels darker than mid-grey in the rectangle given in millimetres.
    func darkPixels(xMM: ClosedRange<Double>, yMM: ClosedRange<Double>) -> Int {
        func pixel(_ mm: Double) -> Int { Int(mm / 25.4 * Double(dpi)) }
        var count = 0
        for y in max(0, pixel(yMM.lowerBound))..<min(height, pixel(yMM.upperBound)) {
            for x in max(0, pixel(xMM.lowerBound))..<min(width, pixel(xMM.upperBound)) where pixels[y * width + x] < 128
            {
                count += 1
            }
        }
        return count
    }
}
