import Letters
import Testing

@Suite struct LettersBenchmarkTests {
    @Test func benchmarkLetterIsOnePageAndTheReportAddsUp() throws {
        #expect(try LetterRenderer().render(LettersBenchmark.sampleLetter(number: 42)).pageCount == 1)

        let result = try LettersBenchmark.run(count: 12, threads: 2)
        #expect(result.letters == 12)
        #expect(result.pages == 12)
        #expect(result.threads == 2)
        #expect(result.seconds > 0)
        #expect(result.megabytes > 0)
        #expect(result.pagesPerSecond > 0)
        #expect(result.lines.count == 5)
        #expect(result.description.contains("pages/s"))
    }
}
