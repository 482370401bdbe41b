import MeMo
import Testing

/// The benchmark's shape only; its numbers are for `almen digitalpost bench`, never asserted.
@Suite("Benchmark helper")
struct BenchmarkTests {
    @Test("The benchmark gives one figure per size, from a valid message of that size")
    func figures() {
        let figures = MeMoBenchmark.run(messageSizes: [2_000, 5_000], seconds: 0)

        // At most the size, and short of it by less than one group of base64.
        #expect(figures.map { $0.messageBytes / 4 } == [500, 1_250])
        #expect(figures.allSatisfy { $0.messageBytes > $0.documentBytes * 4 / 3 })
        #expect(figures.allSatisfy { $0.writeIterations >= 1 && $0.parseIterations >= 1 })
    }

    @Test("The benchmark's message is valid", arguments: [0, 10_000])
    func sampleIsValid(size: Int) {
        let message = MeMoBenchmark.sampleMessage(documentBytes: size)

        #expect(MeMoValidator.validate(message) == [])
        #expect(message.body?.mainDocument.files[0].content.count == size)
    }

    @Test(
        "A message of a given size is as large as it can be without going over",
        arguments: [2_000, 102_400, 102_401, 102_402, 102_403]
    )
    func sampleOfMessageSize(size: Int) {
        let written = MeMoWriter.write(MeMoBenchmark.sampleMessage(messageBytes: size)).count

        #expect(written <= size && written > size - 4)
    }
}
