import Foundation

/// Measures how fast messages are written, and read and checked, for `almen digitalpost bench`.
/// Library code so the numbers come from an optimised build; printing them is the caller's job.
public enum MeMoBenchmark {
    /// The throughput for messages of `messageBytes` bytes of XML.
    public struct Figure: Hashable, Sendable, Encodable {
        /// The size of the written XML.
        public var messageBytes: Int
        /// The size of its one file, whose base64 is most of the message.
        public var documentBytes: Int
        public var writeIterations: Int
        public var writesPerSecond: Double
        public var writeMegabytesPerSecond: Double
        public var parseIterations: Int
        /// Parsing and validating together.
        public var parsesPerSecond: Double
        public var parseMegabytesPerSecond: Double
        /// Parsing and validating without keeping file contents, as the receiving system does.
        public var countingParsesPerSecond: Double
    }

    /// The sizes the issue names: messages of 10 KB, 100 KB and 1 MB (binary, so a little more).
    public static let messageSizes = [10 * 1024, 100 * 1024, 1024 * 1024]

    /// For each message size, writes for about `seconds` and then parses and validates for about
    /// `seconds`, at least once each. Megabytes are of XML, decimal.
    public static func run(messageSizes: [Int] = messageSizes, seconds: Double) -> [Figure] {
        messageSizes.map { size in
            let message = sampleMessage(messageBytes: size)
            let xml = MeMoWriter.write(message)
            let writing = repeatFor(seconds) { _ = MeMoWriter.write(message) }
            let parser = MeMoParser()
            let reading = repeatFor(seconds) {
                guard let parsed = try? parser.parse(xml), MeMoValidator.validate(parsed).isEmpty else {
                    preconditionFailure("The benchmark message must read back valid")
                }
            }
            let counting = MeMoParser(keepsFileContents: false)
            let counted = repeatFor(seconds) {
                guard let parsed = try? counting.parse(xml), MeMoValidator.validate(parsed).isEmpty else {
                    preconditionFailure("The benchmark message must read back valid")
                }
            }
            let megabytes = Double(xml.count) / 1_000_000
            return Figure(
                messageBytes: xml.count,
                documentBytes: message.body?.mainDocument.files[0].content.count ?? 0,
                writeIterations: writing.iterations,
                writesPerSecond: writing.perSecond,
                writeMegabytesPerSecond: writing.perSecond * megabytes,
                parseIterations: reading.iterations,
                parsesPerSecond: reading.perSecond,
                parseMegabytesPerSecond: reading.perSecond * megabytes,
                countingParsesPerSecond: counted.perSecond
            )
        }
    }

    private static func repeatFor(_ seconds: Double, _ work: () -> Void) -> (iterations: Int, perSecond: Double) {
        let clock = ContinuousClock()
        let budget = Duration.nanoseconds(Int64(max(0, seconds) * 1_000_000_000))
        let start = clock.now
        var iterations = 0
        repeat {
            work()
            iterations += 1
        } while clock.now - start < budget
        let elapsed = clock.now - start
        let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (iterations, elapsedSeconds > 0 ? Double(iterations) / elapsedSeconds : 0)
    }

    /// The largest `sampleMessage` whose XML has at most `messageBytes` bytes.
    public static func sampleMessage(messageBytes: Int) -> MeMoMessage {
        // Three bytes of document are four of base64; everything else is the same whatever the size.
        let overhead = MeMoWriter.write(sampleMessage(documentBytes: 3)).count - 4
        return sampleMessage(documentBytes: max(0, messageBytes - overhead) / 4 * 3)
    }

    /// A valid letter whose main document is `documentBytes` of pseudo-random bytes, so base64 and
    /// copying are measured on realistic, incompressible content.
    public static func sampleMessage(documentBytes: Int) -> MeMoMessage {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var bytes = [UInt8](repeating: 0, count: documentBytes)
        for index in bytes.indices {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes[index] = UInt8(truncatingIfNeeded: state >> 33)
        }
        let header = MessageHeader(
            messageUUID: "0f8fad5b-d9cb-469f-a165-70867728950e",
            messageID: "BENCH-1",
            label: "Opkrævning af husleje",
            notification: "Du har fået post fra din boligorganisation.",
            mandatory: false,
            legalNotification: false,
            postType: "MYNDIGHEDSPOST",
            sender: MeMoSender(senderID: "12345678", label: "Boligselskabet Æblehaven"),
            recipient: MeMoRecipient(recipientID: "0101901234", idType: .cpr, label: "Beboer")
        )
        let body = MessageBody(
            createdDateTime: MeMoDateTime("2025-01-02T03:04:05Z")!,
            mainDocument: MeMoMainDocument(
                label: "Brev",
                files: [MeMoFile(encodingFormat: "application/pdf", filename: "brev.pdf", content: Data(bytes))]
            )
        )
        return MeMoMessage(header: header, body: body)
    }
}
