import ArgumentParser
import DigitalPost
import Foundation

/// `almen bench ...`: benchmarks that print their figures (never run as timed unit tests).
/// Build in release mode for figures worth quoting: `swift build -c release`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks; they print their figures.", subcommands: [Memo.self]
    )

    /// MeMo write and parse(+validate) throughput for 10 KB, 100 KB and 1 MB messages.
    struct Memo: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "MeMo write and parse throughput.")
        @Option(help: "Seconds per measurement.") var seconds = 2.0
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() throws {
            let figures = MeMoBenchmark.run(seconds: seconds)
            if json {
                try CommandOutput.json(figures, to: .standardOutput)
                return
            }
            print("MeMo benchmark on \(Machine.description) (\(Machine.buildMode) build), one thread")
            print("document   message    write/s      write MB/s   parse+validate/s   parse MB/s")
            for figure in figures {
                print(String(
                    format: "%8d  %8d  %10.0f  %12.1f  %17.0f  %11.1f",
                    figure.documentBytes, figure.messageBytes, figure.writesPerSecond, figure.writeMegabytesPerSecond,
                    figure.parsesPerSecond, figure.parseMegabytesPerSecond
                ))
            }
        }
    }
}

/// What the figures were measured on.
enum Machine {
    static var description: String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
        let model = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        return "\(model), \(cores) cores, \(String(format: "%.0f", memory)) GiB"
    }

    static var buildMode: String {
        #if DEBUG
        "debug"
        #else
        "release"
        #endif
    }
}
