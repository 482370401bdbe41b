import DigitalPost
import Testing

/// The benchmark's shape only; its numbers are for `almen digitalpost bench`, never asserted.
@Suite("Benchmark helper")
struct BenchmarkTests {
    @Test("The benchmark gives one figure per size, from a valid message of about that size")
    func figures() {
        let figures = MeMoBenchmark.run(sizes: [1_000, 3_000], seconds: 0)

        #expect(figures.map(\.documentBytes) == [1_000, 3_000])
        #expect(
            figures.allSatisfy {
                $0.messageBytes > $0.documentBytes * 4 / 3 && $0.messageBytes < $0.documentBytes * 4 / 3 + 2_000
            }
        )
        #expect(figures.allSatisfy { $0.writeIterations >= 1 && $0.parseIterations >= 1 })
    }

    @Test("The benchmark's message is valid", arguments: [0, 10_000])
    func sampleIsValid(size: Int) {
        let message = MeMoBenchmark.sampleMessage(documentBytes: size)

        #expect(MeMoValidator.validate(message) == [])
        #expect(message.body?.mainDocument.files[0].content.count == size)
    }
}
