import Foundation
import Testing

/// The text of a PDF as a reader extracts it (poppler's `pdftotext`, a declared test dependency:
/// scripts/ensure-deps.sh installs poppler-utils). Missing tools fail the test, never skip it.
enum PDFText {
    static func extract(_ pdf: Data, layout: Bool = false) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("almen-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("letter.pdf")
        try pdf.write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = (layout ? ["-layout"] : []) + [input.path, "-"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PDFTextError(message: "pdftotext exited with \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct PDFTextError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
