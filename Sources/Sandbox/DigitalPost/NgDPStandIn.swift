import DigitalPost
import Foundation
import MeMo
import Vapor

/// The local stand-in for Næste generation Digital Post (digital-post.md): the same HTTP
/// contract on loopback, a citizen register, mailboxes a person can open in the browser,
/// receipts, citizens' mail to the organisation, and switchable faults. It validates incoming
/// MeMo as the real service would and answers 400 with field errors.
public final class NgDPStandIn: Sendable {
    let register: any NgDPCitizenRegister
    let systemToken: String
    let now: @Sendable () -> Date
    /// Where the organisation's receiving system accepts pushed mail, and the token NgDP sends.
    let push: PushTarget?
    let state: NgDPStandInState
    static let mountPath: [PathComponent] = ["sandbox", "ngdp"]

    /// The receiving system's push endpoint.
    public struct PushTarget: Sendable {
        public let url: String
        public let token: String
        /// Where later receipts are pushed, if anywhere.
        public let receiptURL: String?

        public init(url: String, token: String, receiptURL: String? = nil) {
            self.url = url
            self.token = token
            self.receiptURL = receiptURL
        }
    }

    public init(
        register: any NgDPCitizenRegister,
        systemToken: String,
        now: @escaping @Sendable () -> Date,
        push: (url: String, token: String)? = nil,
        receiptPushURL: String? = nil,
        keepsMessages: Bool = true
    ) {
        self.state = NgDPStandInState(keepsMessages: keepsMessages)
        self.register = register
        self.systemToken = systemToken
        self.now = now
        self.push = push.map { PushTarget(url: $0.url, token: $0.token, receiptURL: receiptPushURL) }
    }

    /// Registers the API under `/sandbox/ngdp/apis/v1/`, the browser mailboxes under
    /// `/sandbox/ngdp/postkasse`, and the test controls under `/sandbox/ngdp/_control`.
    public func register(on routes: any RoutesBuilder) {
        let base = routes.grouped(Self.mountPath)
        let api = base.grouped("apis", "v1")
        api.on(.POST, "memos", body: .collect(maxSize: "140mb")) { [self] req in try await send(req) }
        api.get("contacts") { [self] req in try await contacts(req) }
        api.get("receipts-bulk") { [self] req in try await receiptsBulk(req) }
        api.get("receipts") { [self] req in try await listReceipts(req) }
        api.get("receipts", ":id") { [self] req in try await fetchReceipt(req) }
        api.delete("receipts", ":id") { [self] req in try await deleteReceipt(req) }
        api.get("memos") { [self] req in try await listIncoming(req) }
        api.get("memos", ":uuid") { [self] req in try await fetchIncoming(req) }
        api.post("memos", ":uuid", "receipt") { [self] req in try await acknowledgeIncoming(req) }
        api.delete("memos", ":uuid") { [self] req in try await deleteIncoming(req) }
        let control = base.grouped("_control")
        control.post("faults") { [self] req in
            await state.setFaults(try req.content.decode(NgDPFaults.self))
            return HTTPStatus.noContent
        }
        control.get("attempts") { [self] _ in
            try JSONEncoder.sorted.encode(await state.attemptsByUUID).asJSONResponse()
        }
        control.get("faults") { [self] _ in try JSONEncoder.sorted.encode(await state.faults).asJSONResponse() }
        control.get("delivered") { [self] _ in
            try JSONEncoder.sorted.encode(await deliveredSummary()).asJSONResponse()
        }
        control.post("inject") { [self] req in try await inject(req) }
        control.post("push-receipts") { [self] req in try await pushReceipts(req) }
        base.get("postkasse") { [self] _ in try await mailboxIndex() }
        base.get("postkasse", ":owner") { [self] req in try await mailbox(req) }
    }

    // MARK: - The API

    private func authorised(_ req: Request) async throws {
        if let latency = Optional(await state.faults.latencyMilliseconds), latency > 0 {
            try await Task.sleep(for: .milliseconds(latency))
        }
        guard req.headers.first(name: .authorization) == "Basic \(systemToken)" else { throw Abort(.unauthorized) }
    }

    func send(_ req: Request) async throws -> Response {
        try await authorised(req)
        guard let uuid = req.query[String.self, at: "memo-message-uuid"] else {
            return try Self.errorMessage(.badRequest, "MISSING_PARAMETER", "memo-message-uuid is required.", fields: [])
        }
        await state.countAttempt(uuid.lowercased())
        if await state.take(\.unavailableNext) {
            let response = Response(status: .serviceUnavailable)
            response.headers.replaceOrAdd(name: .retryAfter, value: "1")
            return response
        }
        guard let body = req.body.data else {
            return try Self.errorMessage(.badRequest, "EMPTY_BODY", "The body must be one MeMo message.", fields: [])
        }
        let bytes = Data(buffer: body)
        let message: MeMoMessage
        switch MeMoInspection.inspect(data: bytes, context: .outgoingPublicSender) {
        case .failure(let problems):
            return try Self.errorMessage(
                .badRequest,
                "INVALID_MEMO",
                "The message is not valid MeMo.",
                fields: problems.fieldErrors.map {
                    .init(resource: "memo", field: $0.field, code: $0.code, message: $0.message)
                }
            )
        case .success:
            message = try MeMoParser().parse(bytes)
        }
        guard message.header.messageUUID == uuid else {
            return try Self.errorMessage(
                .badRequest,
                "UUID_MISMATCH",
                "memo-message-uuid must equal the message's messageUUID.",
                fields: [
                    .init(
                        resource: "memo",
                        field: "MessageHeader.messageUUID",
                        code: "MISMATCH",
                        message: "Differs from memo-message-uuid."
                    )
                ]
            )
        }
        if await state.faults.repeatedUUID != .acceptAgain,
            let existing = await state.existingReceipt(uuid.lowercased())
        {
            return try await repeated(existing, req: req)
        }
        let cpr = message.header.recipient.idType == .cpr ? message.header.recipient.recipientID : nil
        let registration = try await cpr.asyncMap { try await register.registration(cpr: $0) } ?? nil
        // A company or an authority (a CVR number) must receive Digital Post: every eight-digit
        // number has a mailbox here.
        let cvr = message.header.recipient.idType == .cvr ? message.header.recipient.recipientID : nil
        let allowed =
            cvr.map { $0.count == 8 && $0.allSatisfy { $0.isASCII && $0.isNumber } }
            ?? (registration?.publicStatus == "REGISTERED")
        let transmission = UUID().uuidString.lowercased()
        let final = NgDPStandInState.Receipt(
            transmissionId: transmission,
            messageUUID: uuid.lowercased(),
            messageId: message.header.messageID,
            errorCode: allowed ? nil : "RECIPIENT_NOT_REGISTERED",
            errorMessage: allowed ? nil : "The recipient cannot receive Digital Post.",
            timeStamp: ISO8601DateFormatter().string(from: now()),
            receiptStatus: allowed ? "COMPLETED" : "NOT_ALLOWED"
        )
        let later = await state.faults.receiptsLater
        let receipt =
            later
            ? NgDPStandInState.Receipt(
                transmissionId: transmission,
                messageUUID: uuid.lowercased(),
                messageId: message.header.messageID,
                errorCode: nil,
                errorMessage: nil,
                timeStamp: final.timeStamp,
                receiptStatus: "RECEIVED"
            )
            : final
        // Checked again where it is recorded, in one step: two sends of one messageUUID at once
        // (the first still looking up the register) deliver once.
        if let existing = await state.deliver(
            .init(
                messageUUID: uuid.lowercased(),
                label: message.header.label,
                senderID: message.header.sender.senderID,
                senderLabel: message.header.sender.label,
                at: now(),
                xml: bytes,
                receipt: receipt
            ),
            to: allowed ? cpr ?? cvr : nil,
            final: final
        ) {
            return try await repeated(existing, req: req)
        }
        if await state.take(\.resetAfterDeliveryNext) {
            // Delivered, but the answer never arrives whole: the sender must retry with the same UUID.
            return Response(
                status: .created,
                body: .init(asyncStream: { writer in
                    try await writer.write(.buffer(ByteBuffer(string: #"{"transmissionId":"#)))
                    // An error instead of .end makes the server drop the connection mid-body.
                    try await writer.write(
                        .error(Abort(.internalServerError, reason: "connection reset (fault injected)"))
                    )
                })
            )
        }
        if await state.take(\.garbledReceiptNext) {
            return Response(
                status: .created,
                headers: ["Content-Type": "application/json"],
                body: .init(string: #"{"receipt":"#)
            )
        }
        return try await answer(receipt, req: req)
    }

    /// A messageUUID received before: what `NgDPFaults.repeatedUUID` says (never called for
    /// `acceptAgain`, which delivers again).
    private func repeated(_ existing: NgDPStandInState.Receipt, req: Request) async throws -> Response {
        switch await state.faults.repeatedUUID {
        case .conflict:
            return try Self.errorMessage(
                .conflict,
                "DUPLICATE_MESSAGE_UUID",
                "A message with this messageUUID was received before.",
                fields: []
            )
        case .deduplicate, .acceptAgain:
            return try await answer(existing, req: req)
        }
    }

    private func answer(_ receipt: NgDPStandInState.Receipt, req: Request) async throws -> Response {
        let data = try JSONEncoder.sorted.encode(receipt)
        if await state.take(\.slowNext) {
            let pause = await state.faults.slowMilliseconds
            let response = Response(
                status: .created,
                body: .init(asyncStream: { writer in
                    for chunk in data.chunked(into: max(1, data.count / 4)) {
                        try await Task.sleep(for: .milliseconds(max(1, pause / 4)))
                        try await writer.write(.buffer(ByteBuffer(data: chunk)))
                    }
                    try await writer.write(.end)
                })
            )
            response.headers.contentType = .json
            return response
        }
        let response = try data.asJSONResponse()
        response.status = .created
        return response
    }

    struct ContactSearchResult: Content {
        struct Contact: Content {
            struct Subscription: Content {
                let publicRegistrationStatus: String
                let registrationStatus: String
            }

            let mailboxSubscription: Subscription
        }

        let contacts: [Contact]
    }

    func contacts(_ req: Request) async throws -> Response {
        try await authorised(req)
        guard let cpr = req.query[String.self, at: "cprNumber"], cpr.count == 10, cpr.allSatisfy(\.isNumber) else {
            return try Self.errorMessage(.badRequest, "INVALID_CPR", "cprNumber must be 10 digits.", fields: [])
        }
        let found = try await register.registration(cpr: cpr)
        let result = ContactSearchResult(contacts: [
            .init(
                mailboxSubscription: .init(
                    publicRegistrationStatus: found?.publicStatus ?? "UNKNOWN",
                    registrationStatus: found?.detail ?? "UNKNOWN"
                )
            )
        ])
        return try JSONEncoder.sorted.encode(result).asJSONResponse()
    }

    /// `GET receipts/?page&size`: the ids of receipts waiting to be pulled.
    func listReceipts(_ req: Request) async throws -> Response {
        try await authorised(req)
        let page = max(0, req.query[Int.self, at: "page"] ?? 0)
        let size = min(max(1, req.query[Int.self, at: "size"] ?? 50), 500)
        let ids = await state.pendingReceipts.map(\.id)
        let slice = Array(ids.dropFirst(page * size).prefix(size))
        return try JSONEncoder.sorted.encode(
            ReceiptPage(
                content: slice,
                number: page,
                size: size,
                totalElements: ids.count,
                totalPages: (ids.count + size - 1) / size
            )
        ).asJSONResponse()
    }

    struct ReceiptPage: Content {
        let content: [String]
        let number: Int
        let size: Int
        let totalElements: Int
        let totalPages: Int
    }

    /// `GET receipts/{id}?delete=true|false`.
    func fetchReceipt(_ req: Request) async throws -> Response {
        try await authorised(req)
        let id = req.parameters.get("id") ?? ""
        guard let receipt = await state.pendingReceipt(id) else { throw Abort(.notFound) }
        if req.query[Bool.self, at: "delete"] == true { _ = await state.deleteReceipt(id) }
        return try JSONEncoder.sorted.encode(receipt).asJSONResponse()
    }

    /// `DELETE receipts/{id}`.
    func deleteReceipt(_ req: Request) async throws -> HTTPStatus {
        try await authorised(req)
        guard await state.deleteReceipt(req.parameters.get("id") ?? "") else { throw Abort(.notFound) }
        return .noContent
    }

    /// Test access: the ids of receipts not yet pulled.
    public func receiptsWaiting() async -> Int {
        await state.pendingReceipts.count
    }

    /// Pushes every waiting receipt to the receiving system's receipt endpoint, as NgDP does for
    /// a sender that asked for push (test control); a receipt the endpoint took (200) is no
    /// longer offered for pull. Answers how many were pushed.
    func pushReceipts(_ req: Request) async throws -> Response {
        guard let push, let url = push.receiptURL else {
            throw Abort(.badRequest, reason: "No receipt push endpoint is configured.")
        }
        var pushed = 0
        for id in await state.pendingReceipts.map(\.id) {
            guard let receipt = await state.pendingReceipt(id) else { continue }
            let response = try await req.client.post(URI(string: url)) { outgoing in
                outgoing.headers.replaceOrAdd(name: .authorization, value: "Basic \(push.token)")
                outgoing.headers.contentType = .json
                outgoing.body = ByteBuffer(data: try JSONEncoder.sorted.encode(receipt))
            }
            guard response.status == .ok else { continue }
            _ = await state.deleteReceipt(id)
            pushed += 1
        }
        return try JSONEncoder.sorted.encode(["pushed": pushed]).asJSONResponse()
    }

    func receiptsBulk(_ req: Request) async throws -> Response {
        try await authorised(req)
        return try JSONEncoder.sorted.encode(await state.takeReceipts()).asJSONResponse()
    }

    // MARK: - Receiving (citizen -> organisation)

    struct IncomingPage: Content {
        let content: [String]
        let number: Int
        let size: Int
        let totalElements: Int
        let totalPages: Int
    }

    func listIncoming(_ req: Request) async throws -> Response {
        try await authorised(req)
        let page = max(0, req.query[Int.self, at: "page"] ?? 0)
        let size = min(max(1, req.query[Int.self, at: "size"] ?? 20), 100)
        let waiting = await state.incoming.filter { !$0.pushed }.map(\.uuid)
        let slice = waiting.dropFirst(page * size).prefix(size)
        return try JSONEncoder.sorted.encode(
            IncomingPage(
                content: Array(slice),
                number: page,
                size: size,
                totalElements: waiting.count,
                totalPages: (waiting.count + size - 1) / size
            )
        ).asJSONResponse()
    }

    func fetchIncoming(_ req: Request) async throws -> Response {
        try await authorised(req)
        let uuid = req.parameters.get("uuid") ?? ""
        guard let message = await state.incoming.first(where: { $0.uuid.lowercased() == uuid.lowercased() }) else {
            throw Abort(.notFound)
        }
        let response = Response(status: .ok, body: .init(data: message.xml))
        response.headers.contentType = .xml
        return response
    }

    struct BusinessReceipt: Content {
        let messageUUID: String
        let transmissionId: String
        let timeStamp: String
        let receiptStatus: String
    }

    func acknowledgeIncoming(_ req: Request) async throws -> Response {
        try await authorised(req)
        if await state.take(\.unavailableAcknowledgementsNext) {
            return try Self.errorMessage(
                .serviceUnavailable,
                "UNAVAILABLE",
                "Try again later (fault injected).",
                fields: []
            )
        }
        let receipt = try req.content.decode(BusinessReceipt.self)
        guard ["COMPLETED", "INVALID"].contains(receipt.receiptStatus),
            await state.acknowledge(req.parameters.get("uuid") ?? "", status: receipt.receiptStatus)
        else { throw Abort(.notFound) }
        return Response(status: .ok)
    }

    func deleteIncoming(_ req: Request) async throws -> Response {
        try await authorised(req)
        guard await state.delete(req.parameters.get("uuid") ?? "") else { throw Abort(.notFound) }
        return Response(status: .noContent)
    }

    /// A citizen writes to the organisation (test control): builds the MeMo the citizen's
    /// mailbox would send, optionally as a reply to one of our letters.
    struct Injection: Content {
        let fromCPR: String
        let toCVR: String
        let label: String
        let text: String
        let replyTo: String?
        let rawXML: String?
        /// Push to the receiving system instead of waiting to be pulled.
        let push: Bool?
        /// Send under this messageUUID (e.g. to repeat a message).
        let messageUUID: String?
        /// Address it to one of the organisation's contact points (kontaktpunkt).
        let contactPoint: String?
        /// The contact point's name, as a sender's MeMo gives it.
        let contactPointLabel: String?
    }

    struct PushForm: Content {
        var file: File
    }

    func inject(_ req: Request) async throws -> Response {
        let injection = try req.content.decode(Injection.self)
        let uuid = (injection.messageUUID ?? UUID().uuidString).lowercased()
        let xml: Data
        if let raw = injection.rawXML {
            xml = Data(raw.utf8)
        } else {
            let message = MeMoMessage(
                header: MessageHeader(
                    messageUUID: uuid,
                    label: injection.label,
                    mandatory: false,
                    legalNotification: false,
                    sender: MeMoSender(senderID: injection.fromCPR, idType: .cpr, label: "Borger"),
                    recipient: MeMoRecipient(
                        recipientID: injection.toCVR,
                        idType: .cvr,
                        contactPoint: injection.contactPoint.map {
                            MeMoContactPoint(contactPointID: $0, label: injection.contactPointLabel)
                        }
                    ),
                    replyData: injection.replyTo.map { [MeMoReplyData(messageUUID: $0)] } ?? []
                ),
                body: MessageBody(
                    createdDateTime: MeMoDateTime(now()),
                    mainDocument: MeMoMainDocument(files: [
                        MeMoFile(
                            encodingFormat: "text/plain",
                            filename: "besked.txt",
                            content: Data(injection.text.utf8)
                        )
                    ])
                )
            )
            xml = MeMoWriter.write(message)
        }
        if injection.push == true {
            guard let push else { throw Abort(.badRequest, reason: "No push endpoint is configured.") }
            await state.inject(uuid: uuid, xml: xml, pushed: true)
            let response = try await req.client.post(URI(string: push.url)) { outgoing in
                outgoing.headers.replaceOrAdd(name: .authorization, value: "Basic \(push.token)")
                try outgoing.content.encode(
                    PushForm(file: File(data: ByteBuffer(data: xml), filename: uuid)),
                    as: .formData
                )
            }
            guard response.status == .ok else {
                throw Abort(.badGateway, reason: "The receiving system answered \(response.status.code).")
            }
        } else {
            await state.inject(uuid: uuid, xml: xml)
        }
        return try JSONEncoder.sorted.encode(["messageUUID": uuid]).asJSONResponse()
    }

    // MARK: - Mailboxes in the browser

    func mailboxIndex() async throws -> Response {
        // Whoever got mail first, the latest first: a letter just sent is at the top.
        let owners = try await register.mailboxOwners(withMail: await state.citizensWithMail())
        var rows: [String] = []
        for owner in owners {
            let count = await state.mailbox(owner.cpr).count
            rows.append(
                #"<li><a href="/sandbox/ngdp/postkasse/\#(SandboxPages.escape(owner.id))">\#(SandboxPages.escape(owner.name))</a> <span class="meta">\#(count) \#(count == 1 ? "brev" : "breve")</span></li>"#
            )
        }
        // Companies and authorities (CVR numbers) that got mail, each with its letters.
        let businesses = await state.businessMailboxes().map { cvr, letters in
            let items = letters.reversed().map { letter in
                "<li>\(SandboxPages.escape(letter.label)) <span class=\"meta\">fra \(SandboxPages.escape(letter.senderLabel))</span></li>"
            }
            return "<li class=\"card\"><h3>CVR \(SandboxPages.escape(cvr))</h3><ul>\(items.joined())</ul></li>"
        }
        let businessSection =
            businesses.isEmpty
            ? ""
            : "<h2>Virksomheder og myndigheder</h2><ul class=\"org-list\">\(businesses.joined())</ul>"
        return SandboxPages.response(
            SandboxPages.document(
                title: "Digital Post (sandkasse)",
                body:
                    "<h1>Digital Post (sandkasse)</h1><p class=\"lead\">Postkasser for demopersoner.</p><ul class=\"org-list\">\(rows.joined())</ul>\(businessSection)"
            )
        )
    }

    func mailbox(_ req: Request) async throws -> Response {
        let ownerID = req.parameters.get("owner") ?? ""
        guard
            let owner = try await register.mailboxOwners(withMail: await state.citizensWithMail()).first(where: {
                $0.id == ownerID
            })
        else {
            throw Abort(.notFound)
        }
        let letters = await state.mailbox(owner.cpr).reversed().map { letter in
            """
            <li class="card"><h2>\(SandboxPages.escape(letter.label))</h2>\
            <p class="meta">Fra \(SandboxPages.escape(letter.senderLabel)) · \(SandboxPages.danishTime(letter.at))</p></li>
            """
        }
        return SandboxPages.response(
            SandboxPages.document(
                title: "Postkasse: \(owner.name)",
                body:
                    "<h1>Postkasse: \(SandboxPages.escape(owner.name))</h1><ul class=\"org-list\">\(letters.joined())</ul>"
            )
        )
    }

    // MARK: - Helpers

    struct ErrorMessage: Content {
        struct FieldError: Content {
            let resource: String
            let field: String
            let code: String
            let message: String
        }

        let code: String
        let message: String
        let fieldErrors: [FieldError]
    }

    static func errorMessage(
        _ status: HTTPStatus,
        _ code: String,
        _ message: String,
        fields: [ErrorMessage.FieldError]
    ) throws -> Response {
        let response = try JSONEncoder.sorted.encode(ErrorMessage(code: code, message: message, fieldErrors: fields))
            .asJSONResponse()
        response.status = status
        return response
    }

    /// Test access: what was delivered, and the faults left.
    public func delivered() async -> [(messageUUID: String, label: String)] {
        await state.allDelivered().map { ($0.messageUUID, $0.label) }
    }

    /// The messageUUIDs in one mailbox (a CPR or a CVR number), oldest first.
    public func mailbox(of recipientID: String) async -> [String] {
        await state.mailbox(recipientID).map(\.messageUUID)
    }

    /// The MeMo as it arrived, for tests that look inside.
    public func deliveredMessage(_ messageUUID: String) async -> Data? {
        await state.allDelivered().first { $0.messageUUID == messageUUID.lowercased() }?.xml
    }

    /// What reached the citizens' mailboxes, for a benchmark or fault test's verdict
    /// (`GET _control/delivered`): every send, every delivery, and the messageUUID of each letter in
    /// a mailbox (twice if it was delivered twice).
    public struct DeliveredSummary: Codable, Sendable, Equatable {
        /// Sends of any outcome (503s and repeats included).
        public let sends: Int
        /// Deliveries to a mailbox or refusals recorded, a repeat accepted again included.
        public let deliveries: Int
        /// The messageUUID of every letter in a mailbox, sorted: one twice is a letter delivered twice.
        public let messageUUIDs: [String]
    }

    public func deliveredSummary() async -> DeliveredSummary {
        let delivered = await state.allDelivered().map(\.messageUUID)
        return DeliveredSummary(
            sends: await state.attemptsByUUID.values.reduce(0, +),
            deliveries: await state.deliveries,
            messageUUIDs: delivered.sorted()
        )
    }

    public func attempts() async -> [String: Int] {
        await state.attemptsByUUID
    }

    public func setFaults(_ faults: NgDPFaults) async {
        await state.setFaults(faults)
    }

    /// Incoming messages still upstream, with the business receipt each got.
    public func incomingWaiting() async -> [(messageUUID: String, acknowledged: String?)] {
        await state.incoming.filter { !$0.pushed }.map { ($0.uuid, $0.acknowledged) }
    }

    /// The faults still switched on (counted ones go down as they happen).
    public func currentFaults() async -> NgDPFaults {
        await state.faults
    }

    /// Forgets a message's business receipt, as if it had never arrived (tests of a re-push).
    public func forgetAcknowledgement(of messageUUID: String) async {
        await state.forgetAcknowledgement(messageUUID)
    }

    /// The business receipt a message got, pushed or pulled.
    public func acknowledgement(of messageUUID: String) async -> String? {
        await state.incoming.first { $0.uuid == messageUUID.lowercased() }?.acknowledged
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

extension Data {
    func asJSONResponse() throws -> Response {
        let response = Response(status: .ok, body: .init(data: self))
        response.headers.contentType = .json
        return response
    }

    func chunked(into size: Int) -> [Data] {
        stride(from: 0, to: count, by: size).map { subdata(in: $0..<Swift.min($0 + size, count)) }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
