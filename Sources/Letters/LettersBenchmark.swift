import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Measures rendering throughput with a realistic one-page letter (a rent reminder, "påkrav").
///
/// Lives in the module so the figure can be reproduced on a production machine, e.g. from an
/// admin command, without test tooling.
public struct LettersBenchmark {
    /// Renders `count` letters, split over `threads` threads, one PDF per letter.
    public static func run(count: Int, threads: Int) throws -> LettersBenchmarkResult {
        let threads = max(1, threads)
        let renderer = LetterRenderer()
        let letters = (0..<max(count, 0)).map { sampleLetter(number: $0) }
        // One render outside the clock: the first one on a thread loads fonts into its font map.
        _ = try renderer.render(sampleLetter(number: 0))

        let tally = Tally()
        let cpuStart = processCPUSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            var pages = 0
            var bytes = 0
            do {
                for index in stride(from: worker, to: letters.count, by: threads) {
                    let rendered = try renderer.render(letters[index])
                    pages += rendered.pageCount
                    bytes += rendered.pdf.count
                }
                tally.add(pages: pages, bytes: bytes)
            } catch {
                tally.fail(error)
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpuSeconds = processCPUSeconds() - cpuStart
        let totals = try tally.result()
        return LettersBenchmarkResult(
            letters: letters.count,
            pages: totals.pages,
            threads: threads,
            seconds: seconds,
            cpuSeconds: cpuSeconds,
            megabytes: Double(totals.bytes) / 1_000_000
        )
    }

    /// User + system CPU time of the whole process: on a shared machine the wall clock also
    /// counts time other processes took, CPU time measures only the work done here.
    private static func processCPUSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// A typical påkrav: address, sender, subject, three paragraphs and a four-row payment
    /// table with total. `number` varies the recipient and amounts as a real run would.
    public static func sampleLetter(number: Int) -> LetterDocument {
        let rent = 5_432 + (number % 97)
        // Recipients differ as in a real run, so no cache sees the same letter twice.
        let firstNames = ["Søren", "Mette", "Ahmad", "Åse", "Jens", "Birthe", "Ole", "Fatima", "Lars", "Ærø"]
        let lastNames = [
            "Østergaard", "Hansen", "Nielsen", "Jørgensen", "Al-Khatib", "Poulsen", "Møller", "Kristensen",
        ]
        let name = "\(firstNames[number % firstNames.count]) \(lastNames[(number / 10) % lastNames.count]) \(number)"
        let money = { (value: Int) in "\(value / 1000).\(String(format: "%03d", value % 1000)),00 kr." }
        return LetterDocument(
            language: .danish,
            sender: LetterSender(
                name: "Boligselskabet Almen",
                addressLines: ["Åboulevarden 12", "8000 Aarhus C"],
                contactLines: ["Tlf. 86 12 34 56", "post@almen.dk", "CVR 12 34 56 78"]
            ),
            recipient: PostalAddress(
                name: name,
                lines: ["Grønnegade \(number % 120 + 1), 2. th.", "8000 Aarhus C"]
            ),
            dateText: "23. november 2026",
            reference: "Lejemål 1234-\(String(format: "%03d", number % 1000))",
            subject: "Påkrav om betaling af husleje",
            body: [
                .paragraph([.text("Kære \(name)")]),
                .paragraph([
                    .text(
                        "Vi har ikke modtaget betaling af din husleje for november 2026. Vi skal derfor bede dig betale det skyldige beløb på "
                    ),
                    .bold(money(rent + 575)),
                    .text(" senest "), .bold("den 3. december 2026"),
                    .text(". Betaler du ikke rettidigt, kan vi hæve lejemålet, jf. lejelovens § 327, stk. 1, nr. 1."),
                ]),
                .table(
                    LetterTable(
                        columns: [
                            .init(title: "Post"), .init(title: "Forfald"), .init(title: "Beløb", alignment: .trailing),
                        ],
                        rows: [
                            ["Husleje november 2026", "01-11-2026", money(rent)],
                            ["Vand og varme, aconto", "01-11-2026", "425,00 kr."],
                            ["Antenneforening", "01-11-2026", "125,00 kr."],
                            ["Påkravsgebyr", "23-11-2026", "25,00 kr."],
                        ],
                        totalRow: ["I alt", "", money(rent + 575)]
                    )
                ),
                .paragraph([
                    .text(
                        "Beløbet kan indbetales på reg.nr. 1234 konto 0012345678 med lejemålsnummeret som tekst. Har du allerede betalt, kan du se bort fra dette brev."
                    )
                ]),
                .paragraph([
                    .text(
                        "Har du spørgsmål, eller har du svært ved at betale, er du velkommen til at kontakte os. Vi kan ofte hjælpe med en afdragsordning."
                    )
                ]),
                .paragraph([.text("Med venlig hilsen\nBoligselskabet Almen")]),
            ]
        )
    }

    /// Collects the per-thread counts.
    private final class Tally: @unchecked Sendable {
        // Guarded by `lock`; touched once per worker, so contention is irrelevant.
        private let lock = NSLock()
        private var pages = 0
        private var bytes = 0
        private var error: (any Error)?

        func add(pages: Int, bytes: Int) {
            lock.withLock {
                self.pages += pages
                self.bytes += bytes
            }
        }

        func fail(_ error: any Error) {
            lock.withLock { self.error = error }
        }

        func result() throws -> (pages: Int, bytes: Int) {
            try lock.withLock {
                if let error { throw error }
                return (pages, bytes)
            }
        }
    }
}
