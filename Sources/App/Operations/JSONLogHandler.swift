import Foundation
import Logging
import NIOConcurrencyHelpers

/// One JSON object per line on standard error (`ALMEN_LOG_FORMAT=json`), for a log collector:
/// `{"time":"2026-12-04T19:47:32.123Z","level":"info","label":"codes.vapor.application",
/// "message":"Worker started","source":"App","metadata":{"letter":"…"}}`. Keys are sorted, so
/// lines compare well; metadata is what the code logged, which never holds a CPR number.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let label: String
    let write: @Sendable (String) -> Void

    public init(label: String, level: Logger.Level = .info, write: @escaping @Sendable (String) -> Void = Self.stderr) {
        self.label = label
        self.logLevel = level
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let explicit = event.metadata { merged.merge(explicit) { $1 } }
        var object: [String: Any] = [
            "time": Self.timestamp(Date()),
            "level": event.level.rawValue,
            "label": label,
            "message": event.message.description,
            "source": event.source,
        ]
        if !merged.isEmpty { object["metadata"] = merged.mapValues(Self.plain) }
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object,
                options: [.sortedKeys, .withoutEscapingSlashes]
            ),
            let text = String(data: data, encoding: .utf8)
        else { return }
        write(text + "\n")
    }

    /// A metadata value as JSON: strings, arrays and objects as themselves.
    static func plain(_ value: Logger.MetadataValue) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let value): value.description
        case .array(let values): values.map(plain)
        case .dictionary(let values): values.mapValues(plain)
        }
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    private static let lock = NIOLock()

    /// Whole lines to standard error, one writer at a time so lines never interleave.
    public static let stderr: @Sendable (String) -> Void = { line in
        lock.withLock { writeStandardError(line) }
    }
}

/// Writes all of `line` to file descriptor 2, or as much as a closed or full descriptor takes.
private func writeStandardError(_ line: String) {
    var bytes = Array(line.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        if written < 0, errno == EINTR { continue }
        guard written > 0 else { return }
        bytes = bytes.dropFirst(written)
    }
}
