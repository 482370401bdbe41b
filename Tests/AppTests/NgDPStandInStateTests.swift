import Foundation
import Testing

@testable import Sandbox

/// The stand-in records a delivery in one step with the check for a repeat, so two sends of one
/// messageUUID at once deliver once (the fault tests count on it to see a letter sent twice).
@Suite struct NgDPStandInStateTests {
    static func delivered(_ uuid: String) -> NgDPStandInState.Delivered {
        let receipt = NgDPStandInState.Receipt(
            transmissionId: UUID().uuidString,
            messageUUID: uuid,
            messageId: nil,
            errorCode: nil,
            errorMessage: nil,
            timeStamp: "2026-12-04T10:00:00Z",
            receiptStatus: "COMPLETED"
        )
        return .init(
            messageUUID: uuid,
            label: "Indkaldelse",
            senderID: "12345678",
            senderLabel: "Boligselskabet",
            at: Date(),
            xml: Data("<xml/>".utf8),
            receipt: receipt
        )
    }

    @Test(arguments: [
        (NgDPFaults.RepeatedUUID.deduplicate, 1), (.conflict, 1), (.acceptAgain, 3),
    ])
    func aRepeatedMessageUUIDIsDeliveredOnceUnlessRepeatsAreAccepted(
        mode: NgDPFaults.RepeatedUUID,
        deliveries: Int
    ) async {
        let state = NgDPStandInState(keepsMessages: false)
        await state.setFaults(NgDPFaults(repeatedUUID: mode))
        let uuid = UUID().uuidString.lowercased()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<3 { group.addTask { await state.deliver(Self.delivered(uuid), to: "0101901234") } }
        }
        #expect(await state.deliveries == deliveries)
        #expect(await state.mailbox("0101901234").count == deliveries)
        // Without the messages kept, a mailbox holds what proves each arrived, not its XML.
        #expect(await state.mailbox("0101901234").allSatisfy { $0.xml.isEmpty })
    }
}
