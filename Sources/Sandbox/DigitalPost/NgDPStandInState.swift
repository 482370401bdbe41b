import Foundation

/// What the stand-in holds: the citizens' mailboxes, the receipts, the mail citizens sent to the
/// organisation, and the faults switched on. In memory: a sandbox starts empty.
actor NgDPStandInState {
    struct Delivered: Sendable {
        let messageUUID: String
        let label: String
        let senderID: String
        let senderLabel: String
        let at: Date
        let xml: Data
        let receipt: Receipt
    }

    struct Receipt: Codable, Sendable, Equatable {
        let transmissionId: String
        let messageUUID: String
        let messageId: String?
        let errorCode: String?
        let errorMessage: String?
        let timeStamp: String
        let receiptStatus: String
    }

    var faults = NgDPFaults()
    /// Whether a delivered message's XML is kept (for the mailbox pages and tests that look
    /// inside). A benchmark of many letters keeps only what proves each arrived.
    let keepsMessages: Bool
    /// Every delivery, a second one of the same messageUUID included (`RepeatedUUID.acceptAgain`).
    private(set) var deliveries = 0
    private(set) var mailboxes: [String: [Delivered]] = [:]
    private var receiptsByUUID: [String: Receipt] = [:]
    /// Later receipts waiting to be pulled (`GET receipts/`), by receipt id, in arrival order.
    private(set) var pendingReceipts: [(id: String, receipt: Receipt)] = []
    /// Citizens' mail to the organisation, in arrival order.
    /// Pushed messages are not offered for pull, but take their business receipt like the rest.
    private(set) var incoming: [(uuid: String, xml: Data, acknowledged: String?, pushed: Bool)] = []
    /// How many sends each messageUUID has seen (tests read it to prove "same UUID on retries").
    private(set) var attemptsByUUID: [String: Int] = [:]

    init(keepsMessages: Bool = true) {
        self.keepsMessages = keepsMessages
    }

    func setFaults(_ faults: NgDPFaults) {
        self.faults = faults
    }

    /// Takes one unit of a counted fault, if any is left.
    func take(_ keyPath: WritableKeyPath<NgDPFaults, Int>) -> Bool {
        guard faults[keyPath: keyPath] > 0 else { return false }
        faults[keyPath: keyPath] -= 1
        return true
    }

    func countAttempt(_ uuid: String) {
        attemptsByUUID[uuid, default: 0] += 1
    }

    func existingReceipt(_ uuid: String) -> Receipt? {
        receiptsByUUID[uuid]
    }

    /// Delivers a message; `final` is the receipt that becomes available later (the same as
    /// the answer unless receipts come later). Returns nil, or, without delivering, the receipt of
    /// the same messageUUID received before (unless repeats are accepted again).
    @discardableResult
    func deliver(_ delivered: Delivered, to cpr: String?, final: Receipt? = nil) -> Receipt? {
        if faults.repeatedUUID != .acceptAgain, let existing = receiptsByUUID[delivered.messageUUID] { return existing }
        receiptsByUUID[delivered.messageUUID] = delivered.receipt
        deliveries += 1
        if let cpr {
            mailboxes[cpr, default: []].append(
                keepsMessages
                    ? delivered
                    : Delivered(
                        messageUUID: delivered.messageUUID,
                        label: delivered.label,
                        senderID: delivered.senderID,
                        senderLabel: delivered.senderLabel,
                        at: delivered.at,
                        xml: Data(),
                        receipt: delivered.receipt
                    )
            )
        }
        pendingReceipts.append((UUID().uuidString.lowercased(), final ?? delivered.receipt))
        return nil
    }

    func pendingReceipt(_ id: String) -> Receipt? {
        pendingReceipts.first { $0.id == id }?.receipt
    }

    func deleteReceipt(_ id: String) -> Bool {
        guard let index = pendingReceipts.firstIndex(where: { $0.id == id }) else { return false }
        pendingReceipts.remove(at: index)
        return true
    }

    func mailbox(_ cpr: String) -> [Delivered] {
        mailboxes[cpr] ?? []
    }

    /// The CPR numbers (ten digits) whose mailboxes hold mail, the latest delivered first.
    func citizensWithMail() -> [String] {
        mailboxes.filter { $0.key.count == 10 && !$0.value.isEmpty }
            .sorted { ($0.value.last?.at ?? .distantPast) > ($1.value.last?.at ?? .distantPast) }.map(\.key)
    }

    /// The mailboxes of CVR numbers (eight digits; a CPR number has ten), by number.
    func businessMailboxes() -> [(cvr: String, letters: [Delivered])] {
        mailboxes.filter { $0.key.count == 8 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    func allDelivered() -> [Delivered] {
        mailboxes.values.flatMap { $0 }
    }

    func takeReceipts() -> [Receipt] {
        defer { pendingReceipts = [] }
        return pendingReceipts.map(\.receipt)
    }

    func inject(uuid: String, xml: Data, pushed: Bool = false) {
        incoming.append((uuid, xml, nil, pushed))
    }

    func forgetAcknowledgement(_ uuid: String) {
        guard let index = incoming.firstIndex(where: { $0.uuid.lowercased() == uuid.lowercased() }) else { return }
        incoming[index].acknowledged = nil
    }

    func acknowledge(_ uuid: String, status: String) -> Bool {
        guard let index = incoming.firstIndex(where: { $0.uuid.lowercased() == uuid.lowercased() }) else {
            return false
        }
        incoming[index].acknowledged = status
        return true
    }

    func delete(_ uuid: String) -> Bool {
        let before = incoming.count
        incoming.removeAll { $0.uuid.lowercased() == uuid.lowercased() }
        return incoming.count < before
    }
}
