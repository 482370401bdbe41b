import AlmenDomain
import Fluent
import Foundation
import Letters

/// Makes letters: the template version of the organisation, the typed context, the PDF, the
/// channel decision, and the way out (the Digital Post outbox or the print queue), all recorded
/// in one transaction so that a letter exists exactly when its way out does.
struct LetterService: Sendable {
    let database: any Database
    let dependencies: AppDependencies
    let renderer: LetterTemplateRenderer
    let typesetter: any LetterTypesetting
    /// Each organisation's way to NgDP: whether it can send digitally.
    let connections: DigitalPostConnections
    /// For a run of many letters (a bulk chunk): what is the same for every letter of an
    /// organisation, loaded once. Nil makes every letter look everything up afresh.
    var organisationCache: OrganisationCache? = nil

    /// What every letter of one organisation shares: the organisation with its administration
    /// company, its current templates, its logo and whether it sends digitally.
    final class OrganisationCache: @unchecked Sendable {
        struct Entry {
            let organisation: HousingOrganisation
            let logo: Data?
            let sendsDigitally: Bool
            var templates: [LetterKind: LetterTemplate] = [:]
        }

        private let lock = NSLock()
        private var entries: [UUID: Entry] = [:]

        fileprivate func entry(_ id: UUID) -> Entry? { lock.withLock { entries[id] } }
        fileprivate func store(_ entry: Entry, for id: UUID) { lock.withLock { entries[id] = entry } }
    }

    /// The same service, sharing one organisation cache across the letters it makes.
    func caching() -> LetterService {
        var copy = self
        copy.organisationCache = OrganisationCache()
        return copy
    }

    /// The organisation's shared facts, from the cache when there is one.
    func organisationEntry(_ id: UUID) async throws -> OrganisationCache.Entry {
        if let cached = organisationCache?.entry(id) { return cached }
        guard
            let organisation = try await HousingOrganisation.query(on: database).filter(\.$id == id).with(\.$company)
                .first()
        else {
            throw LetterError.rendering("organisation not found")
        }
        let entry = OrganisationCache.Entry(
            organisation: organisation,
            logo: try await OrganisationLogo.query(on: database).filter(\.$organisation.$id == id).first()?.png,
            sendsDigitally: try await connections.sendsDigitally(organisation, on: database)
        )
        organisationCache?.store(entry, for: id)
        return entry
    }

    private func template(_ kind: LetterKind, organisationID: UUID) async throws -> LetterTemplate {
        if let cached = organisationCache?.entry(organisationID)?.templates[kind] { return cached }
        let template = try await LetterTemplates(database: database, dependencies: dependencies).current(
            kind,
            organisationID: organisationID
        )
        if let cache = organisationCache, var entry = cache.entry(organisationID) {
            entry.templates[kind] = template
            cache.store(entry, for: organisationID)
        }
        return template
    }

    /// A letter typeset but not yet stored: the preview, and the first half of `send`.
    struct Prepared: Sendable {
        let id: UUID
        let kind: LetterKind
        let organisationID: UUID
        let recipientID: UUID
        let leaseID: UUID
        let template: LetterTemplate
        let document: LetterDocument
        let rendered: RenderedLetter
        let facts: ChannelFacts
    }

    /// Typesets `content` for the tenant `personID` of `leaseID` with the organisation's current
    /// template (or `text`, for a preview of an unsaved template). `care` sends it on paper to
    /// another name and address about that tenant (the estate of a tenant who died, at its
    /// representative's address); it never goes to the tenant's Digital Post. `envelope` is where
    /// the letter goes if it goes on paper, when that is not the home (a tenant who moved out).
    /// `channelLease` is the recipient's own lease when the letter is about another (a swap
    /// partner of another organisation): its opt-out and consent decide the channel.
    func prepare(
        _ content: some LetterContent,
        to personID: UUID,
        lease leaseID: UUID,
        text: LetterTemplateText? = nil,
        toTheAddress: Bool = false,
        care: PostalAddress? = nil,
        greeting: String? = nil,
        envelope: [String]? = nil,
        channelLease: UUID? = nil,
        inCase caseNumber: String? = nil,
        draft: Bool = false
    ) async throws -> Prepared {
        // One query for the lease, its dwelling and department.
        guard
            let lease = try await Lease.query(on: database).filter(\.$id == leaseID)
                .join(Dwelling.self, on: \Lease.$dwelling.$id == \Dwelling.$id)
                .join(Department.self, on: \Dwelling.$department.$id == \Department.$id).first(),
            let person = try await Person.find(personID, on: database)
        else { throw LetterError.rendering("recipient or lease not found") }
        let dwelling = try lease.joined(Dwelling.self)
        let department = try lease.joined(Department.self)
        let organisationID = department.$organisation.id
        let shared = try await organisationEntry(organisationID)
        let kind = type(of: content).kind
        let template = try await template(kind, organisationID: organisationID)
        let id = dependencies.uuid()
        let addressee = Addressee(
            name: care?.name ?? person.fullName,
            addressLine: dwelling.addressLine,
            postalCity: "\(dwelling.postalCode) \(dwelling.city)",
            department: "\(department.number) \(department.name)",
            envelope: care?.lines ?? envelope,
            greeting: greeting
        )
        let key =
            text == nil
            ? "t-\(try template.requireID().lowercasedString)"
            : LetterTemplateRenderer.previewPrefix + id.lowercasedString
        let (document, rendered) = try await compose(
            content,
            to: addressee,
            from: shared,
            // A draft says so where the reference stands, so it is never taken for the letter.
            reference: draft ? Self.draftReference : Self.reference(for: id),
            caseNumber: caseNumber,
            templateKey: key,
            text: text ?? LetterTemplateText(subject: template.subjectSource, body: template.bodySource)
        )
        var channel = lease
        if let channelLease, let own = try await Lease.find(channelLease, on: database) { channel = own }
        let facts = ChannelFacts(
            kind: kind,
            organisationConnected: shared.sendsDigitally,
            recipientHasCPR: person.cprCiphertext != nil,
            leaseOptedOut: try await channel.optedOut(personID, on: database),
            toTheAddress: toTheAddress,
            consentWithdrawn: channel.startDateISO < Consents.digitalPostLeasesBefore.iso
                ? try await Consents.digitalPostWithdrawn(personID, on: database) : false,
            toRepresentative: care != nil
        )
        return Prepared(
            id: id,
            kind: kind,
            organisationID: organisationID,
            recipientID: personID,
            leaseID: leaseID,
            template: template,
            document: document,
            rendered: rendered,
            facts: facts
        )
    }

    /// Who a letter is to and where: the envelope and the template's common fields.
    struct Addressee: Sendable {
        let name: String
        let addressLine: String
        let postalCity: String
        let department: String
        /// Where the envelope goes when it is not the address above (which the template speaks
        /// of as the home): a representative's address, line by line.
        var envelope: [String]? = nil
        /// Whom the letter greets, when not the addressee (the estate's representative by name).
        var greeting: String? = nil

        /// A made-up resident for template previews, so a preview shows no one's personal data.
        static let demo = Addressee(
            name: "Karen Eksempel",
            addressLine: "Eksempelvej 10, 1. tv",
            postalCity: "8000 Aarhus C",
            department: "1 Eksempelparken"
        )
    }

    /// Runs the template and typesets the letter.
    func compose(
        _ content: some LetterContent,
        to addressee: Addressee,
        from shared: OrganisationCache.Entry,
        reference: String,
        caseNumber: String? = nil,
        templateKey: String,
        text: LetterTemplateText
    ) async throws -> (LetterDocument, RenderedLetter) {
        let today = DateText.short(LocalDate(dependencies.now(), timeZone: danishTimeZone), .da)
        let organisation = shared.organisation
        let logo = shared.logo
        let common = LetterCommon(
            recipientName: MarkupText(addressee.greeting ?? addressee.name),
            address: MarkupText(addressee.addressLine),
            postalCity: MarkupText(addressee.postalCity),
            department: MarkupText(addressee.department),
            organisationName: MarkupText(organisation.name),
            reference: MarkupText(reference),
            date: MarkupText(today)
        )
        let (subject, body) = try await renderer.render(
            templateKey: templateKey,
            text: text,
            common: common,
            content: content
        )
        let document = LetterDocument(
            language: .danish,
            sender: Self.sender(organisation, logo: logo),
            recipient: PostalAddress(
                name: addressee.name,
                lines: addressee.envelope ?? [addressee.addressLine, addressee.postalCity]
            ),
            dateText: today,
            reference: reference,
            caseNumber: caseNumber,
            subject: subject,
            body: body,
            author: organisation.name
        )
        do {
            return (document, try await typesetter.render(document))
        } catch {
            // A fault of the installation, not of the letter: the detail goes to the log, the
            // pages say only that it failed.
            Logger(label: "almen.letters").error("A letter could not be typeset", metadata: ["error": "\(error)"])
            throw LetterError.rendering("\(error)")
        }
    }

    /// A template text with the kind's demo content and a made-up resident: the preview and the
    /// check before an administrator saves a version.
    func previewTemplate(
        _ kind: LetterKind,
        organisationID: UUID,
        text: LetterTemplateText
    ) async throws -> RenderedLetter {
        let (_, rendered) = try await compose(
            kind.contentType.demo,
            to: .demo,
            from: try await organisationEntry(organisationID),
            reference: "B-EKSEMPEL",
            templateKey: LetterTemplateRenderer.previewPrefix + dependencies.uuid().lowercasedString,
            text: text
        )
        return rendered
    }

    /// A letter to an organisation outside the register (a municipality, a court), typeset with
    /// the sending organisation's general template: the PDF only. Nothing is stored or sent.
    func composeToOrganisation(
        _ content: GeneralLetter,
        name: String,
        lines: [String],
        from organisationID: UUID
    ) async throws -> RenderedLetter {
        try await composeDocumentToOrganisation(
            content,
            to: PostalAddress(name: name, lines: lines),
            from: organisationID
        )
        .1
    }

    /// The same, with the typeset document too (a print batch sets it again in envelope order);
    /// every line of `envelope` stands in the window.
    func composeDocumentToOrganisation(
        _ content: GeneralLetter,
        to envelope: PostalAddress,
        from organisationID: UUID
    ) async throws -> (LetterDocument, RenderedLetter) {
        let template = try await template(.general, organisationID: organisationID)
        return try await compose(
            content,
            // The template's address and town are the last two lines (after a unit such as
            // "Borgerservice"); the window shows every line.
            to: Addressee(
                name: envelope.name,
                addressLine: envelope.lines.count > 1
                    ? envelope.lines[envelope.lines.count - 2] : envelope.lines.first ?? "",
                postalCity: envelope.lines.count > 1 ? envelope.lines.last ?? "" : "",
                department: "",
                envelope: envelope.lines.count > 2 ? envelope.lines : nil
            ),
            from: try await organisationEntry(organisationID),
            reference: Self.reference(for: dependencies.uuid()),
            templateKey: "t-\(try template.requireID().lowercasedString)",
            text: LetterTemplateText(subject: template.subjectSource, body: template.bodySource)
        )
    }

    /// A message from the recipient that a letter answers ("Svar på beskeden").
    struct Answered: Sendable {
        /// The incoming message's id.
        let id: UUID
        /// Its MeMo messageUUID, which the answer's ReplyData names.
        let messageUUID: String
    }

    /// Stores a prepared letter and sends it on its way, in one transaction. `answering` is the
    /// recipient's message it answers: the letter keeps it, and through Digital Post it goes in
    /// the same thread of their mailbox.
    @discardableResult
    func send(
        _ prepared: Prepared,
        createdBy: UUID?,
        bulkRunID: UUID? = nil,
        caseID: UUID? = nil,
        meets deadlines: Set<CaseDeadlineKind>? = nil,
        answering answered: Answered? = nil,
        on db: (any Database)? = nil
    ) async throws -> Letter {
        let now = dependencies.now()
        let letter = Letter(
            id: prepared.id,
            organisationID: prepared.organisationID,
            kind: prepared.kind,
            recipientID: prepared.recipientID,
            leaseID: prepared.leaseID,
            templateID: try prepared.template.requireID(),
            subject: prepared.document.subject,
            reference: prepared.document.reference ?? "",
            pdf: prepared.rendered.pdf,
            documentJSON: try JSONEncoder().encode(prepared.document),
            pageCount: prepared.rendered.pageCount,
            createdBy: createdBy,
            bulkRunID: bulkRunID,
            now: now
        )
        letter.$caseFile.id = caseID
        letter.answersMessageID = answered?.id
        if prepared.facts.toRepresentative { letter.addressee = prepared.document.recipient.name }
        let work: @Sendable (any Database) async throws -> Void = { db in
            try await letter.create(on: db)
            // A letter in a case is its receipt; a caseworker's is its answer too, unless the
            // caller says which deadlines it meets.
            if let caseID {
                try await CaseDeadlines.meet(
                    deadlines ?? (createdBy == nil ? [.receipt] : [.receipt, .answer]),
                    of: caseID,
                    at: now,
                    on: db
                )
            }
            let created = LetterEventFacts(
                letterKind: prepared.kind,
                templateVersion: prepared.template.version,
                pages: prepared.rendered.pageCount
            )
            try await LetterHistory.record(.created, created, letterID: prepared.id, on: db, dependencies: dependencies)
            switch ChannelRules.decide(prepared.facts) {
            case .decided(let decision):
                letter.record(decision)
                letter.status = decision.channel == .physical ? .awaitingPrint : .awaitingChannel
                try await letter.update(on: db)
                try await LetterHistory.record(
                    .channel,
                    LetterEventFacts(decision),
                    letterID: prepared.id,
                    on: db,
                    dependencies: dependencies
                )
            case .lookUpRegistration:
                let outbox = try await DigitalPostOutbox.enqueue(
                    organisationID: prepared.organisationID,
                    recipientID: prepared.recipientID,
                    label: prepared.document.subject,
                    document: .init(data: Data(), filename: "brev.pdf", mime: "application/pdf"),
                    mandatory: prepared.kind.defaultMandatory,
                    legalNotification: prepared.kind.defaultLegalNotification,
                    replyingTo: answered?.messageUUID,
                    on: db,
                    dependencies: dependencies
                )
                letter.$digitalPostLetter.id = try outbox.requireID()
                letter.channelFacts = prepared.facts
                try await letter.update(on: db)
                try await LetterHistory.record(.queued, letterID: prepared.id, on: db, dependencies: dependencies)
            }
        }
        if let db { try await work(db) } else { try await database.transaction(work) }
        return letter
    }

    /// "B-3F2A9C1B": short enough to write on a bank transfer, unique enough to find the letter.
    static let draftReference = "UDKAST – ikke sendt"

    static func reference(for id: UUID) -> String {
        "B-" + id.uuidString.prefix(8)
    }

    /// The sender block: the organisation, care of its administration company, with contact lines.
    static func sender(_ organisation: HousingOrganisation, logo: Data?) -> LetterSender {
        let company = organisation.company
        return LetterSender(
            name: organisation.name,
            addressLines: ["c/o \(company.name)"] + [company.addressLine, company.postalCity].compactMap { $0 },
            contactLines: [company.phone.map { "Telefon \($0)" }, company.email, "CVR-nr. \(organisation.cvr)"]
                .compactMap { $0 },
            logoPNG: logo
        )
    }
}
