/// The outcome of `LettersBenchmark.run`.
public struct LettersBenchmarkResult: Sendable, CustomStringConvertible {
    public let letters: Int
    public let pages: Int
    public let threads: Int
    /// Wall-clock time for all letters.
    public let seconds: Double
    /// CPU time (all threads) for all letters.
    public let cpuSeconds: Double
    /// Total size of all PDFs in megabytes (10^6 bytes).
    public let megabytes: Double

    public var pagesPerSecond: Double { seconds > 0 ? Double(pages) / seconds : 0 }
    public var lettersPerSecond: Double { seconds > 0 ? Double(letters) / seconds : 0 }
    /// Pages per second of CPU time: the throughput of one fully used core.
    public var pagesPerCPUSecond: Double { cpuSeconds > 0 ? Double(pages) / cpuSeconds : 0 }

    /// Human-readable report lines for a console or a log.
    public var lines: [String] {
        [
            "letters: \(letters) (\(pages) pages) on \(threads) thread(s)",
            "time: \(Self.format(seconds, digits: 3)) s wall, \(Self.format(cpuSeconds, digits: 3)) s CPU",
            "throughput: \(Self.format(lettersPerSecond, digits: 1)) letters/s, \(Self.format(pagesPerSecond, digits: 1)) pages/s",
            "per core: \(Self.format(pagesPerCPUSecond, digits: 1)) pages per CPU second",
            "output: \(Self.format(megabytes, digits: 2)) MB, \(Self.format(letters > 0 ? megabytes * 1000 / Double(letters) : 0, digits: 1)) kB per letter",
        ]
    }

    public var description: String { lines.joined(separator: "\n") }

    private static func format(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        return "\(rounded)"
    }
}
