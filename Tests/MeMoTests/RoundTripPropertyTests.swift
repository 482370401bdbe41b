import Foundation
import MeMo
import Testing

/// parse(write(m)) == m for many generated messages. Seeds are fixed, so a failure repeats; the
/// seed is in the test case's name.
@Suite("Round trip of generated messages")
struct RoundTripPropertyTests {
    @Test("A generated message is valid and reads back as itself", arguments: 0..<300)
    func roundTrip(seed: UInt64) throws {
        var generator = MessageGenerator(seed: seed)
        let message = generator.message()

        let errors = MeMoValidator.validate(message)
        let reread = try MeMoParser().parse(MeMoWriter.write(message))

        #expect(errors == [])
        #expect(reread == message)
    }

    @Test("The generator covers both versions, NemSMS and every optional part")
    func coverage() {
        var messages: [MeMoMessage] = []
        for seed in UInt64(0)..<300 {
            var generator = MessageGenerator(seed: seed)
            messages.append(generator.message())
        }

        #expect(Set(messages.map(\.version)) == [.v1_1, .v1_2])
        #expect(Set(messages.map(\.header.messageType)) == [.digitalPost, .nemSMS])
        #expect(messages.contains { $0.header.sender.representative != nil })
        #expect(messages.contains { $0.header.forwardData?.originalRepresentative != nil })
        #expect(messages.contains { $0.header.contentData?.additionalContentData.count == 10 })
        #expect(messages.contains { $0.header.label.contains("\r") && $0.header.label.contains("👩‍👩‍👧") })
        #expect(messages.contains { $0.body?.technicalDocuments.isEmpty == false })
        #expect(messages.contains { $0.body?.allFiles.contains { $0.content.isEmpty } == true })
        #expect(messages.contains { $0.header.replyByDateTime?.fraction.isEmpty == false })
    }
}
