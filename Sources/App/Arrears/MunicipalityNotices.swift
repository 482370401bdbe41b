import AlmenDomain
import DigitalPost
import Fluent
import Foundation
import Letters
import SQLKit
import Vapor

/// Underretning af kommunen (rules.md §3): the municipality is told of a påkrav for a dwelling it
/// assigned (kommunalt anvist), and of every ophævelse for arrears (the tenant is at risk of
/// eviction). The letter holds only what the municipality needs (the tenants' names, the address,
/// the amount and dates; never a CPR number). It is queued in the transaction of the påkrav or
/// the decision, and a job (`MunicipalityNoticeSender`) sends it by Digital Post to the
/// municipality's CVR number, or puts it in the print queue, from the register of
/// municipalities (`/admin/kommuner`). A municipality missing from the register leaves the notice
/// for a caseworker: an administrator adds it (the notice is then sent), or the caseworker sends
/// it and records that on the case.
///
/// The same way, exactly once with a print fallback, goes the letter that asks a landlord outside
/// Almen for its answer to a swap (`SwapLandlordLetter`): its recipient (name, address and
/// perhaps CVR number, as the caseworker wrote them) is kept on the letter, not in the register.
final class MunicipalityNotice: Model, @unchecked Sendable {
    static let schema = "municipality_notices"

    enum Reason: String, Codable, Sendable, CaseIterable {
        case paakrav
        case ophaevelse
        /// To the other home's landlord outside Almen, asking for its answer to a swap.
        case swapLandlord = "swap_landlord"

        /// What the letter is called where it is named: its file, the case page's section, the
        /// audit log's purpose, the history's event and the words of its state.
        var fileStem: String { self == .swapLandlord ? "udlejer" : "kommune" }
        var section: String { self == .swapLandlord ? "udlejer-brev" : "kommunen" }
        var purposeWord: String {
            self == .swapLandlord ? "auditItem_swapLandlordLetter" : "auditItem_municipalityNotice"
        }
        var sentEvent: CaseEvent.Kind { self == .swapLandlord ? .landlordWritten : .municipalityNotified }
        var stateWords: String { self == .swapLandlord ? "swapLetterState_" : "municipalityState_" }
    }

    /// Whom a letter not to a municipality of the register goes to.
    struct Recipient: Equatable, Sendable {
        let name: String
        /// Without one it goes on paper.
        let cvr: String?
        /// The street, then the postcode and town.
        let lines: [String]

        var envelope: PostalAddress { PostalAddress(name: name, lines: lines) }
    }

    /// Where the notice is on its way to the municipality.
    enum Status: String, Codable, Sendable, CaseIterable {
        /// Waiting for its job.
        case queued
        /// The municipality is not in the register: a caseworker or an administrator must act.
        case notInRegister = "not_in_register"
        /// Accepted by Digital Post, or (channel `manual`) sent by a caseworker.
        case sent
        case awaitingPrint = "awaiting_print"
        case printing
        /// Handed to the carrier in its print batch.
        case dispatched
        /// Digital Post did not answer on any attempt, or may have it and now cannot be used: a
        /// caseworker must act.
        case failed
        /// Almen cannot send it (made before notices were sent): a caseworker does.
        case byHand = "by_hand"
        /// Not sent, and never to be: a swap's letter whose swap was decided or closed, or whose
        /// landlord's answer came, before it went (`MunicipalityNotices.cancelSwapLetter`).
        case cancelled

        /// A caseworker may send it themselves and record that.
        var waitsForCaseworker: Bool { self == .notInRegister || self == .failed || self == .byHand }
    }

    /// How it went.
    enum Channel: String, Codable, Sendable {
        case digitalPost = "digital_post"
        case print
        /// By a caseworker, outside Almen.
        case manual
    }

    /// The letter's words, kept so that the job typesets it to the municipality's address as the
    /// register has it when it is sent.
    struct Text: Codable, Sendable {
        let subject: String
        let paragraphs: [String]

        var letter: GeneralLetter {
            GeneralLetter(subject: MarkupText(subject), paragraphs: paragraphs.map { MarkupText($0) })
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "reason") var reason: Reason
    /// The municipality's name, as the department has it ("Aarhus").
    @Field(key: "municipality") var municipality: String
    /// The typeset letter; empty until its job has typeset it.
    @Field(key: "pdf") var pdf: Data
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "sent_by") var sentBy: UUID?
    @Field(key: "status") var status: Status
    @OptionalField(key: "channel") var channel: Channel?
    /// The Digital Post message's one messageUUID, on every attempt.
    @OptionalField(key: "message_uuid") var messageUUID: String?
    /// `Text` as JSON.
    @OptionalField(key: "text_json") var textJSON: String?
    /// The typeset document (`LetterDocument` as JSON), for a print batch.
    @OptionalField(key: "document_json") var documentJSON: Data?
    @OptionalField(key: "print_batch_id") var printBatchID: UUID?
    /// When it reached the municipality (ISO date): the Digital Post receipt's day, or a physical
    /// letter's expected delivery.
    @OptionalField(key: "arrival") var arrival: String?
    /// NgDP's transmission id of the send: a pushed receipt must name it.
    @OptionalField(key: "transmission_id") var transmissionID: String?
    /// A final receipt that came before the send was recorded (its answer was lost, or is being
    /// saved): applied when it is.
    @OptionalField(key: "early_receipt_status") var earlyReceiptStatus: String?
    /// A letter to a recipient outside the register (`Recipient`): its name, CVR number and
    /// address lines (one per line); nil for a municipality's notice.
    @OptionalField(key: "recipient_name") var recipientName: String?
    @OptionalField(key: "recipient_cvr") var recipientCVR: String?
    @OptionalField(key: "recipient_address") var recipientAddress: String?

    /// Locks the notice's row until the transaction ends (PostgreSQL; SQLite has one writer):
    /// a receipt and the send's record never pass each other.
    static func lock(
        where column: String,
        equals value: some Encodable & Sendable,
        on database: any Database
    )
        async throws
    {
        try await database.lockRows(of: MunicipalityNotice.schema, where: column, is: value)
    }

    init() {}

    init(id: UUID, caseID: UUID, reason: Reason, municipality: String, text: Text, messageUUID: UUID, at: Date) {
        self.id = id
        self.caseID = caseID
        self.reason = reason
        self.municipality = municipality
        self.pdf = Data()
        self.createdAt = at
        self.status = .queued
        self.messageUUID = messageUUID.lowercasedString
        self.textJSON = String(decoding: (try? JSONEncoder().encode(text)) ?? Data(), as: UTF8.self)
    }

    var text: Text? {
        textJSON.flatMap { try? JSONDecoder().decode(Text.self, from: Data($0.utf8)) }
    }

    /// The recipient of a letter that does not go to a municipality of the register.
    var recipient: Recipient? {
        get {
            recipientName.map {
                Recipient(
                    name: $0,
                    cvr: recipientCVR,
                    lines: (recipientAddress ?? "").split(separator: "\n").map(String.init)
                )
            }
        }
        set {
            recipientName = newValue?.name
            recipientCVR = newValue?.cvr
            recipientAddress = newValue?.lines.joined(separator: "\n")
        }
    }

    /// The event its case gets once it is sent: the municipality notified, or the other
    /// landlord written to (its name in `detail`).
    static func sentEvent(
        reason: Reason,
        municipality: String,
        recipientName: String?,
        caseID: UUID,
        id: UUID,
        at: Date,
        by staffID: UUID?
    ) -> CaseEvent {
        CaseEvent(
            id: id,
            caseID: caseID,
            kind: reason.sentEvent,
            at: at,
            by: staffID,
            detail: recipientName ?? municipality
        )
    }

    func sentEvent(id: UUID, at: Date, by staffID: UUID?) -> CaseEvent {
        Self.sentEvent(
            reason: reason,
            municipality: municipality,
            recipientName: recipientName,
            caseID: caseID,
            id: id,
            at: at,
            by: staffID
        )
    }
}

/// Letters to a recipient named on the letter (the swap's other landlord outside Almen).
struct AddMunicipalityNoticeRecipient: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column at a time: SQLite adds one per statement.
        for field in ["recipient_name", "recipient_cvr", "recipient_address"] {
            try await database.schema(MunicipalityNotice.schema).field(FieldKey(stringLiteral: field), .string)
                .update()
        }
    }

    func revert(on database: any Database) async throws {
        for field in ["recipient_name", "recipient_cvr", "recipient_address"] {
            try await database.schema(MunicipalityNotice.schema).deleteField(FieldKey(stringLiteral: field)).update()
        }
    }
}

struct CreateMunicipalityNotices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MunicipalityNotice.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseFile.schema, "id"))
            .field("reason", .string, .required)
            .field("municipality", .string, .required)
            .field("pdf", .data, .required)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .field("sent_by", .uuid, .references(StaffUser.schema, "id"))
            .create()
        try await SchemaIndex.create(
            "municipality_notices_case",
            on: MunicipalityNotice.schema,
            columns: ["case_id"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MunicipalityNotice.schema).delete()
    }
}

/// Notices on their way by Digital Post or print. Those made before were left for a caseworker,
/// and stay so: sent by hand, or to be (they have no words kept for typesetting again).
struct AddMunicipalityNoticeDelivery: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column at a time: SQLite adds one per statement.
        let schema = { database.schema(MunicipalityNotice.schema) }
        try await schema()
            .field("status", .string, .required, .sql(.default(MunicipalityNotice.Status.byHand.rawValue)))
            .update()
        try await schema().field("channel", .string).update()
        try await schema().field("message_uuid", .string).update()
        try await schema().field("text_json", .string).update()
        try await schema().field("document_json", .data).update()
        try await schema().field("print_batch_id", .uuid, .references(PrintBatch.schema, "id")).update()
        try await schema().field("arrival", .string).update()
        try await schema().field("transmission_id", .string).update()
        try await schema().field("early_receipt_status", .string).update()
        let sql = try database.sql()
        try await sql.raw(
            """
            UPDATE municipality_notices SET status = \(bind: MunicipalityNotice.Status.sent.rawValue),
              channel = \(bind: MunicipalityNotice.Channel.manual.rawValue)
            WHERE sent_at IS NOT NULL
            """
        ).run()
        try await SchemaIndex.create(
            "municipality_notices_status",
            on: MunicipalityNotice.schema,
            columns: ["status"],
            in: database
        )
        try await SchemaIndex.create(
            "municipality_notices_message",
            on: MunicipalityNotice.schema,
            columns: ["message_uuid"],
            in: database
        )
        try await SchemaIndex.create(
            "municipality_notices_batch",
            on: MunicipalityNotice.schema,
            columns: ["print_batch_id"],
            in: database
        )
        try await CreateMunicipalities().prepare(on: database)
    }

    func revert(on database: any Database) async throws {
        try await CreateMunicipalities().revert(on: database)
        try await SchemaIndex.drop("municipality_notices_status", in: database)
        try await SchemaIndex.drop("municipality_notices_batch", in: database)
        try await SchemaIndex.drop("municipality_notices_message", in: database)
        for field in [
            "status", "channel", "message_uuid", "text_json", "document_json", "print_batch_id", "arrival",
            "transmission_id", "early_receipt_status",
        ] {
            try await database.schema(MunicipalityNotice.schema).deleteField(FieldKey(stringLiteral: field)).update()
        }
    }
}

/// The notices' letters, typeset from the organisation's general template to the municipality.
enum MunicipalityNotices {
    struct Lease: Decodable {
        let municipality: String
        let municipally_assigned: Bool
        let organisation_id: UUID
        let street: String
        let house_number: String
        let floor: String?
        let door: String?
        let postal_code: String
        let city: String
        let tenants: String?

        var address: String {
            Dwelling.addressLine(street: street, houseNumber: house_number, floor: floor, door: door)
        }
    }

    /// What the letter needs of the lease: its municipality, whether the municipality assigned it,
    /// its address and its tenants' names (one statement).
    static func lease(_ leaseID: UUID, on database: any Database) async throws -> Lease? {
        let sql = try database.sql()
        let names =
            sql.dialect.name == "postgresql"
            ? "string_agg(p.given_name || ' ' || p.family_name, ', ' ORDER BY p.given_name)"
            : "group_concat(p.given_name || ' ' || p.family_name, ', ')"
        return try await sql.raw(
            """
            SELECT dep.municipality, d.municipally_assigned, dep.organisation_id, d.street, d.house_number, d.floor,
              d.door, d.postal_code, d.city,
              (SELECT \(unsafeRaw: names) FROM lease_tenants lt JOIN people p ON p.id = lt.person_id
               WHERE lt.lease_id = l.id) AS tenants
            FROM leases l JOIN dwellings d ON d.id = l.dwelling_id JOIN departments dep ON dep.id = d.department_id
            WHERE l.id = \(bind: leaseID)
            """
        ).first(decoding: Lease.self)
    }

    /// What the municipality is told of.
    enum Told {
        case paakrav
        case ophaevelse
    }

    /// The letter of a notice: who, where, what was demanded and by when, and (for an ophævelse)
    /// that the lease is ophævet.
    static func content(
        _ reason: Told,
        lease: Lease,
        sentOn: LocalDate,
        demanded: Money,
        deadline: LocalDate,
        today: LocalDate
    ) -> GeneralLetter {
        let names = (lease.tenants ?? "").components(separatedBy: ", ").filter { !$0.isEmpty }
        let tenants = DanishList.joined(names)
        let tenant = names.count > 1 ? "lejerne" : "lejeren"
        let place = "\(lease.address), \(lease.postal_code) \(lease.city)"
        let amount = "\(demanded.danish) i husleje og gebyr senest \(DateText.long(deadline, .da))"
        switch reason {
        case .paakrav:
            return GeneralLetter(
                subject: MarkupText("Underretning om påkrav: \(place)"),
                paragraphs: [
                    MarkupText("Kommunen har anvist boligen \(place) til \(tenants)."),
                    MarkupText(
                        "Vi har den \(DateText.short(sentOn, .da)) sendt \(tenant) et påkrav om at betale \(amount), jf. almenlejelovens § 90. Betales beløbet ikke, kan lejemålet blive ophævet."
                    ),
                    MarkupText(
                        "Vi underretter kommunen, fordi boligen er kommunalt anvist, så kommunen kan vurdere, om den kan hjælpe. Har I spørgsmål, kan I kontakte os."
                    ),
                ]
            )
        case .ophaevelse:
            return GeneralLetter(
                subject: MarkupText("Underretning om ophævelse: \(place)"),
                paragraphs: [
                    MarkupText(
                        "Vi har den \(DateText.short(today, .da)) ophævet lejemålet \(place) med \(tenants), fordi et påkrav fra \(DateText.short(sentOn, .da)) om at betale \(amount) ikke blev betalt inden fristen, jf. almenlejelovens § 90, stk. 1, nr. 1."
                    ),
                    MarkupText(
                        "\(tenant.prefix(1).uppercased() + tenant.dropFirst()) risikerer at blive sat ud af boligen. Vi underretter kommunen, så den kan vurdere, om den kan hjælpe. Har I spørgsmål, kan I kontakte os."
                    ),
                ]
            )
        }
    }

    /// Whether a letter is still to go on paper: a notice to a municipality always; a swap's
    /// letter only while its swap is open and the landlord has not answered.
    static func stillWanted(_ notice: MunicipalityNotice, on database: any Database) async throws -> Bool {
        guard notice.reason == .swapLandlord else { return true }
        return try await swapLetterWanted(caseID: notice.caseID, on: database)
    }

    /// Whether the swap of `caseID` still wants a letter to the other landlord: the case is open
    /// and the landlord has not answered.
    static func swapLetterWanted(caseID: UUID, on database: any Database) async throws -> Bool {
        struct Row: Decodable {
            let status: String
            let landlord_answer: Bool?
        }
        let row = try await database.sql().raw(
            """
            SELECT c.status, r.landlord_answer FROM cases c JOIN swap_requests r ON r.case_id = c.id
            WHERE c.id = \(bind: caseID)
            """
        ).first(decoding: Row.self)
        return row?.status == CaseStatus.open.rawValue && row?.landlord_answer == nil
    }

    /// A swap's letter to the other landlord that has not gone yet does not go: the swap was
    /// decided or closed, or the landlord's answer was recorded. One waiting for print, or for
    /// its job's first attempt, is cancelled; one Digital Post may have is left as it is. In the
    /// transaction of the change.
    static func cancelSwapLetter(ofCase caseID: UUID, on database: any Database) async throws {
        // The application's row first, as a letter being written takes it: one waits for the other.
        try await database.lockRows(of: SwapRequest.schema, where: "case_id", is: caseID)
        try await database.sql().raw(
            """
            UPDATE municipality_notices SET status = \(bind: MunicipalityNotice.Status.cancelled.rawValue)
            WHERE case_id = \(bind: caseID) AND reason = \(bind: MunicipalityNotice.Reason.swapLandlord.rawValue)
              AND (status = \(bind: MunicipalityNotice.Status.awaitingPrint.rawValue)
                   OR (status = \(bind: MunicipalityNotice.Status.queued.rawValue) AND channel IS NULL))
            """
        ).run()
    }

    /// Queues a notice for its job, in the transaction of the change it tells of.
    static func queue(
        _ reason: MunicipalityNotice.Reason,
        _ content: GeneralLetter,
        municipality: String,
        recipient: MunicipalityNotice.Recipient? = nil,
        caseID: UUID,
        on database: any Database,
        dependencies: AppDependencies
    ) async throws {
        let notice = MunicipalityNotice(
            id: dependencies.uuid(),
            caseID: caseID,
            reason: reason,
            municipality: municipality,
            text: MunicipalityNotice.Text(
                subject: content.subject.raw,
                paragraphs: content.paragraphs.map(\.raw)
            ),
            messageUUID: dependencies.uuid(),
            at: dependencies.now()
        )
        notice.recipient = recipient
        try await notice.create(on: database)
        try await JobQueue(dependencies: dependencies).enqueue(
            MunicipalityNoticeJob(notice: try notice.requireID()),
            on: database
        )
    }
}

extension MunicipalityNotices {
    /// A final receipt for a notice sent by Digital Post. COMPLETED gives the day it arrived; a
    /// refusal (INVALID, NOT_ALLOWED: NgDP did not deliver it) sends it on paper. One that comes
    /// before the send is recorded waits on the notice; one for a notice a caseworker was given
    /// (its attempts failed) that arrived after all says so. A pushed receipt counts only when it
    /// names the transmission NgDP answered the send with.
    static func apply(
        _ receipt: NgDPReceipt,
        pushed: Bool,
        on db: any Database
    ) async throws -> LaterReceipts.PushOutcome {
        let uuid = receipt.messageUUID.lowercasedString
        try await MunicipalityNotice.lock(where: "message_uuid", equals: uuid, on: db)
        guard
            let notice = try await MunicipalityNotice.query(on: db).filter(\.$messageUUID == uuid)
                .filter(\.$channel == .digitalPost).first()
        else { return .known }
        let completed = receipt.receiptStatus == .completed
        let arrival = LocalDate(receipt.timeStamp, timeZone: danishTimeZone).iso
        switch notice.status {
        case .sent:
            if pushed, notice.transmissionID != receipt.transmissionId.lowercasedString { return .unverified }
            if completed {
                guard notice.arrival == nil else { return .known }
                notice.arrival = arrival
            } else {
                // A refusal after it arrived changes nothing.
                guard notice.arrival == nil else { return .known }
                // Not delivered: on paper, unless it is a swap's letter no longer wanted.
                notice.status = try await stillWanted(notice, on: db) ? .awaitingPrint : .cancelled
                notice.channel = .print
                notice.sentAt = nil
            }
        case .queued:
            // Not yet recorded as sent: a pushed receipt cannot be checked, so the pull has it.
            if pushed { return .unverified }
            guard notice.earlyReceiptStatus == nil else { return .known }
            notice.earlyReceiptStatus = receipt.receiptStatus.rawValue
            if completed { notice.arrival = arrival }
        case .failed:
            // Its attempts ran out while NgDP had it: delivered after all.
            guard completed, !pushed else { return .known }
            notice.status = .sent
            notice.sentAt = receipt.timeStamp
            notice.arrival = arrival
            try await notice.sentEvent(id: UUID(), at: receipt.timeStamp, by: nil).create(on: db)
        default:
            return .known
        }
        try await notice.update(on: db)
        return .applied
    }
}

/// The payload of `JobKind.sendMunicipalityNotice`: the notice to send.
struct MunicipalityNoticeJob: JobPayload {
    static let kind = JobKind.sendMunicipalityNotice
    let notice: UUID

    var record: UUID { notice }
}

/// `/admin/sager/{caseID}/kommune/{noticeID}` (its PDF) and `.../sendt` (recorded as sent by a
/// caseworker, when Almen could not send it).
enum MunicipalityNoticeController {
    struct Item: Encodable {
        let title: String
        let made: String
        /// Where it is: sent how and when, waiting for print, or what a caseworker must do.
        let state: String
        /// The caseworker must act (`state` says what).
        let attention: Bool
        let pdfHref: String?
        let sentAction: String?
        /// The register, for an administrator, when the municipality is missing from it.
        let registerHref: String?
    }

    struct Row: Decodable, Sendable {
        let id: UUID
        let reason: String
        let municipality: String
        let recipient_name: String?
        let status: String
        let channel: String?
        let created_at: Date
        let sent_at: Date?
        let arrival: String?
        let batch_number: Int?
        let sent_by_name: String?
    }

    /// The case's notices, oldest first (one statement).
    static func rows(of caseID: UUID, on sql: any SQLDatabase) async throws -> [Row] {
        try await sql.raw(
            """
            SELECT n.id, n.reason, n.municipality, n.recipient_name, n.status, n.channel, n.created_at, n.sent_at, n.arrival,
              b.number AS batch_number, s.name AS sent_by_name
            FROM municipality_notices n LEFT JOIN staff_users s ON s.id = n.sent_by
              LEFT JOIN print_batches b ON b.id = n.print_batch_id
            WHERE n.case_id = \(bind: caseID) ORDER BY n.created_at, n.id
            """
        ).rows(decoding: Row.self)
    }

    /// The case's notices as its page lists them; an administrator is offered the register for a
    /// municipality missing from it.
    static func items(_ rows: [Row], caseID: UUID, administrator: Bool, language: Language) -> [Item] {
        let strings = Strings.table(language)
        return rows.map { row in
            let status = MunicipalityNotice.Status(rawValue: row.status) ?? .queued
            let sentAt = row.sent_at.map { DateText.timestamp($0, language) } ?? ""
            let arrival = row.arrival.flatMap(LocalDate.init(iso:)).map { DateText.long($0, language) } ?? ""
            let state: String
            switch (status, MunicipalityNotice.Channel(rawValue: row.channel ?? "")) {
            case (.sent, .digitalPost?):
                state = (strings["municipalityStateDigital"] ?? "").replacingOccurrences(of: "{at}", with: sentAt)
            case (.sent, _):
                state =
                    (strings["municipalityStateByHand"] ?? "").replacingOccurrences(of: "{at}", with: sentAt)
                    + (row.sent_by_name.map { " (\($0))" } ?? "")
            case (.dispatched, _):
                state = (strings["municipalityStateDispatched"] ?? "").replacingOccurrences(of: "{at}", with: sentAt)
                    .replacingOccurrences(of: "{arrival}", with: arrival)
            case (.printing, _):
                state = (strings["municipalityStatePrinting"] ?? "").replacingOccurrences(
                    of: "{batch}",
                    with: row.batch_number.map(String.init) ?? ""
                )
            default:
                // A letter's words say "it" of a letter and name the landlord, not the municipality.
                let reason = MunicipalityNotice.Reason(rawValue: row.reason) ?? .paakrav
                state = strings[reason.stateWords + status.rawValue] ?? ""
            }
            return Item(
                title:
                    "\(strings["municipalityNotice_\(row.reason)"] ?? "") – \(row.recipient_name ?? Municipality.title(row.municipality))",
                made: DateText.timestamp(row.created_at, language),
                state: state,
                attention: status.waitsForCaseworker,
                pdfHref: status == .queued ? nil : SiteRoute.municipalityNotice(caseID, row.id).path,
                sentAction: status.waitsForCaseworker ? SiteRoute.municipalityNoticeSent(caseID, row.id).path : nil,
                registerHref: status == .notInRegister && administrator
                    ? SiteRoute.municipalities.path(query: [("kommune", row.municipality)]) : nil
            )
        }
    }

    private static func find(_ req: Request, scope: StaffScope) async throws -> (CaseFile, MunicipalityNotice) {
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let noticeID = req.parameters.get("noticeID", as: UUID.self),
            let caseFile = try await CaseFile.find(caseID, on: req.db), scope.contains(caseFile.$organisation.id),
            let notice = try await MunicipalityNotice.query(on: req.db).filter(\.$id == noticeID)
                .filter(\.$caseID == caseID).first()
        else { throw Abort(.notFound) }
        return (caseFile, notice)
    }

    @Sendable
    static func pdf(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let (caseFile, notice) = try await find(req, scope: scope)
        try await req.audit.record(
            .caseLetter,
            subjectKind: .`case`,
            subjectID: try caseFile.requireID(),
            purpose: AuditPurpose(
                "caseItem",
                ["what": .word(notice.reason.purposeWord), "number": .same(caseFile.number)]
            ),
            actor: principal
        )
        let response = Response(status: .ok, body: .init(data: notice.pdf))
        response.headers.contentType = .init(type: "application", subType: "pdf")
        response.headers.replaceOrAdd(
            name: .contentDisposition,
            value: "inline; filename=\"\(notice.reason.fileStem)-\(caseFile.number).pdf\""
        )
        return response
    }

    /// `POST`: the caseworker has sent a notice Almen could not send; recorded once, with an
    /// event in the case. A notice on its way by Digital Post or print is not theirs to record.
    @Sendable
    static func sent(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let (caseFile, notice) = try await find(req, scope: scope)
        let caseID = try caseFile.requireID()
        let noticeID = try notice.requireID()
        let dependencies = req.application.dependencies
        let now = dependencies.now()
        let audit = req.audit
        try await req.db.transaction { db in
            struct Row: Decodable { let id: UUID }
            let marked = try await db.sql().raw(
                """
                UPDATE municipality_notices SET sent_at = \(bind: now), sent_by = \(bind: principal.id),
                  status = \(bind: MunicipalityNotice.Status.sent.rawValue),
                  channel = \(bind: MunicipalityNotice.Channel.manual.rawValue)
                WHERE id = \(bind: noticeID) AND sent_at IS NULL
                  AND status IN (\(binds: MunicipalityNotice.Status.allCases.filter(\.waitsForCaseworker).map(\.rawValue)))
                RETURNING id
                """
            ).rows(decoding: Row.self)
            guard !marked.isEmpty else { return }
            try await notice.sentEvent(id: dependencies.uuid(), at: now, by: principal.id).create(on: db)
            try await audit.record(
                .caseLetter,
                subjectKind: .`case`,
                subjectID: caseID,
                purpose: AuditPurpose(
                    "caseItemSent",
                    ["what": .word(notice.reason.purposeWord), "number": .same(caseFile.number)]
                ),
                actor: principal,
                on: db
            )
        }
        return req.redirect(
            to: SiteRoute.staffCase(caseID).path + "#" + notice.reason.section,
            redirectType: .normal
        )
    }
}
