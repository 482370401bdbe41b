import AlmenDomain
import Fluent
import Foundation
import MeMo
import SQLKit
import Vapor

/// A demo sub-letting case (fremleje, rules.md §5) so the sandbox MitID offers every role: the
/// first tenant's lease, a fictitious sub-tenant who is the case's other party, and a letter to
/// each of them in the case.
public enum DemoCases {
    /// The sub-tenant's replacement CPR number: born 1 January 1901, a date the demo register's
    /// generator never uses, so it cannot collide with a generated resident.
    static let subTenantCPR = CPRNumber.replacement(birthDate: LocalDate(year: 1901, month: 1, day: 1)!, sequence: 1)

    /// Opens the demo case; returns its number, or nil when there is no tenant to start from.
    @discardableResult
    public static func seed(app: Application) async throws -> String? {
        // A tenant alone on a lease that has not been terminated: an application the portal
        // would take, and a caseworker may approve (no co-tenant has to sign with them).
        let candidates = try await LeaseTenant.query(on: app.db).filter(\.$role == .tenant).sort(\.$id).limit(200)
            .with(\.$lease) { $0.with(\.$tenants) }.all()
        guard let tenancy = candidates.first(where: { $0.lease.status == .active && $0.lease.tenants.count == 1 })
        else { return nil }
        let leaseID = tenancy.$lease.id
        guard
            let lease = try await Lease.query(on: app.db).filter(\.$id == leaseID)
                .with(\.$dwelling, { $0.with(\.$department) }).first()
        else { return nil }
        let vault = app.cprVault
        let dependencies = app.dependencies
        let subTenantID = dependencies.uuid()
        let hash = vault.lookupHash(subTenantCPR)
        if try await Person.query(on: app.db).filter(\.$cprLookupHash == hash).count() > 0 { return nil }
        try await app.db.transaction { db in
            try await Person(
                id: subTenantID,
                givenName: "Sofie",
                familyName: "Fremlejer",
                cprCiphertext: try vault.seal(subTenantCPR),
                cprLookupHash: hash,
                email: "sofie.fremlejer@example.org",
                phone: nil
            ).create(on: db)
            try await SandboxCitizen(id: dependencies.uuid(), personID: subTenantID, registrationStatus: .registered)
                .create(on: db)
        }
        let caseFile = try await app.cases.open(
            .subletting,
            title: Strings.danish.filled("caseTitle_wholeSubletting", ["address": lease.dwelling.addressLine]),
            titleEnglish: Strings.english.filled("caseTitle_wholeSubletting", ["address": lease.dwelling.addressLine]),
            organisationID: lease.dwelling.department.$organisation.id,
            leaseID: leaseID,
            others: [subTenantID],
            openedBy: nil
        )
        let letters = app.letters()
        let caseID = try caseFile.requireID()
        let (start, end) = try await fileApplication(
            app: app,
            lease: lease,
            tenant: tenancy.$person.id,
            subTenant: (subTenantID, "Sofie Fremlejer"),
            caseID: caseID
        )
        for (person, text) in [
            (tenancy.$person.id, "Vi har modtaget din ansøgning om fremleje og behandler den hurtigst muligt."),
            (subTenantID, "Du er part i sagen om fremleje som fremlejetager. Du kan følge sagen under Mine sager."),
        ] {
            let prepared = try await letters.prepare(
                GeneralLetter(subject: "Ansøgning om fremleje", paragraphs: [MarkupText(text)]),
                to: person,
                lease: leaseID
            )
            try await letters.send(prepared, createdBy: nil, caseID: caseID)
        }
        try await seedMail(
            app: app,
            tenant: tenancy.$person.id,
            caseID: caseID,
            organisationID: lease.dwelling.department.$organisation.id,
            period: (start, end)
        )
        try await withholdCPR(app: app)
        return caseFile.number
    }

    /// The tenant's application to let the whole home while studying abroad, from the first of
    /// the month three months after the seeding, for a year, with the signed agreement and the
    /// documentation of the absence (the university's letter; both PDFs),
    /// signed by the sub-tenant with MitID: so the case shows its card and a caseworker can decide
    /// it (approve or refuse, with its letter), as with an application filed in the portal. Its
    /// answer is due before the sub-letting begins; after that day the demo's application can
    /// only be refused, as a real one could.
    static func fileApplication(
        app: Application,
        lease: Lease,
        tenant: UUID,
        subTenant: (id: UUID, name: String),
        caseID: UUID
    ) async throws -> (start: LocalDate, end: LocalDate) {
        let now = app.dependencies.now()
        let today = LocalDate(now, timeZone: danishTimeZone)
        let start = LocalDate(year: today.year, month: today.month, day: 1)!.adding(months: 3)
        let end = start.adding(months: 12).adding(days: -1)
        let leaseID = try lease.requireID()
        let agreement = try await app.letters().prepare(
            GeneralLetter(
                subject: "Fremlejekontrakt",
                paragraphs: [
                    MarkupText(
                        "\(subTenant.name) fremlejer boligen fra \(DateText.long(start, .da)) til og med "
                            + "\(DateText.long(end, .da)) for \(Money(ore: lease.monthlyRentOre).danish) om måneden."
                    ),
                    MarkupText("Fremlejen er betinget af boligorganisationens godkendelse."),
                ]
            ),
            to: tenant,
            lease: leaseID
        )
        let admission = try await app.letters().prepare(
            GeneralLetter(
                subject: "Optagelse på Lunds universitet",
                paragraphs: [
                    MarkupText(
                        "Du er optaget på kandidatuddannelsen i Lund fra \(DateText.long(start, .da)) "
                            + "til og med \(DateText.long(end, .da))."
                    )
                ]
            ),
            to: tenant,
            lease: leaseID
        )
        let application = SublettingRequest()
        application.id = app.dependencies.uuid()
        application.leaseID = leaseID
        application.filedBy = tenant
        application.caseID = caseID
        application.status = .sent
        application.kind = .whole
        application.letRooms = 0
        application.occupants = 1
        application.startDate = start.iso
        application.endDate = end.iso
        application.subtenants = subTenant.name
        application.absenceReason = .study
        application.absenceText = "Jeg skal læse et år på universitetet i Lund."
        application.rentOre = lease.monthlyRentOre
        application.documentation = admission.rendered.pdf
        application.documentationType = "application/pdf"
        application.agreement = agreement.rendered.pdf
        application.agreementType = "application/pdf"
        application.subtenantPersonID = subTenant.id
        application.subtenantSignedAt = now
        application.updatedAt = now
        application.sentAt = now
        try await application.create(on: app.db)
        // As `SigningCodes.sign` records a sub-tenant's signature.
        try await CaseEvent(
            id: app.dependencies.uuid(),
            caseID: caseID,
            kind: .subtenantSigned,
            at: now,
            by: nil,
            detail: subTenant.name
        ).create(on: app.db)
        try await CaseDeadlines.answer(by: CaseDeadlines.bankDay(before: start), of: caseID, on: app.db)
        return (start, end)
    }

    /// Two messages from the case's tenant through Digital Post, stored by the receiving system
    /// as if NgDP had pushed them: a reply to the case's letter (threaded into the case) with the
    /// signed agreement attached, and a question that is in no case yet. So the staff inbox, a
    /// message's page and "Opret sag" have something to show from the start.
    static func seedMail(
        app: Application,
        tenant personID: UUID,
        caseID: UUID,
        organisationID: UUID,
        period: (start: LocalDate, end: LocalDate)
    ) async throws {
        guard let person = try await Person.find(personID, on: app.db), let sealed = person.cprCiphertext,
            let organisation = try await HousingOrganisation.find(organisationID, on: app.db)
        else { return }
        let cpr = try app.cprVault.open(sealed)
        let reply = try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID)
            .filter(\.$recipient.$id == personID).with(\.$digitalPostLetter).first()?.digitalPostLetter?.messageUUID
        let now = app.dependencies.now()
        func message(label: String, text: String, attachment: String?, replyTo: String?) -> ReceivingSystem.Delivery {
            let uuid = app.dependencies.uuid()
            let memo = MeMoMessage(
                header: MessageHeader(
                    messageUUID: uuid.lowercasedString,
                    label: label,
                    mandatory: false,
                    legalNotification: false,
                    sender: MeMoSender(senderID: cpr.digits, idType: .cpr, label: person.fullName),
                    recipient: MeMoRecipient(recipientID: organisation.cvr, idType: .cvr, label: organisation.name),
                    replyData: replyTo.map { [MeMoReplyData(messageUUID: $0)] } ?? []
                ),
                body: MessageBody(
                    createdDateTime: MeMoDateTime(now),
                    mainDocument: MeMoMainDocument(
                        label: label,
                        files: [
                            MeMoFile(
                                encodingFormat: "text/plain",
                                filename: "besked.txt",
                                language: "da",
                                content: Data(text.utf8)
                            )
                        ]
                    ),
                    additionalDocuments: attachment.map {
                        [
                            MeMoAdditionalDocument(
                                label: "Fremlejekontrakt",
                                files: [
                                    MeMoFile(
                                        encodingFormat: "text/plain",
                                        filename: "fremlejekontrakt.txt",
                                        language: "da",
                                        content: Data($0.utf8)
                                    )
                                ]
                            )
                        ]
                    } ?? []
                )
            )
            return ReceivingSystem.Delivery(uuid: uuid, xml: MeMoWriter.write(memo))
        }
        let deliveries = [
            message(
                label: "Svar: Ansøgning om fremleje",
                text: "Tak for svaret. Her er fremlejekontrakten, underskrevet af os begge.",
                attachment: "Fremlejekontrakt\n\nBoligen fremlejes til Sofie Fremlejer fra "
                    + "\(DateText.long(period.start, .da)) til og med \(DateText.long(period.end, .da)).",
                replyTo: reply
            ),
            message(
                label: "Spørgsmål om vaskeriet",
                text: "Hvornår er vaskeriet åbent i juleugen?",
                attachment: nil,
                replyTo: nil
            ),
        ]
        _ = try await app.receivingSystem.store(deliveries, channel: "push")
        // Nobody pushed them: there is nothing at NgDP to give a business receipt for.
        try await IncomingMessage.query(on: app.db).filter(
            \.$messageUUID ~~ deliveries.map { $0.uuid.lowercasedString }
        )
        .set(\.$acknowledgedAt, to: now).update()
    }

    /// A demo neighbour complaint (naboklage, rules.md §5): the first tenant complains about a
    /// lived-in home of their department, with two episodes, so the complaint pages, the
    /// caseworker's card and `/admin/naboklager` have something to show. Returns its number.
    @discardableResult
    public static func seedComplaint(app: Application) async throws -> String? {
        guard let tenancy = try await LeaseTenant.query(on: app.db).filter(\.$role == .tenant).sort(\.$id).first(),
            let lease = try await MyHomePage.lease(tenancy.$lease.id, of: tenancy.$person.id, on: app.db),
            let sql = app.db as? any SQLDatabase
        else { return nil }
        let homes = try await ComplaintController.neighbours(of: tenancy.$lease.id, on: sql).homes
        let lived = Set(
            try await Lease.query(on: app.db).filter(\.$dwelling.$id ~~ homes.map(\.id)).filter(\.$status != .ended)
                .all().map(\.$dwelling.id)
        )
        guard let about = homes.first(where: { lived.contains($0.id) }) else { return nil }
        let today = LocalDate(app.dependencies.now(), timeZone: danishTimeZone)
        let caseID = try await ComplaintController.file(
            by: tenancy.$person.id,
            lease: tenancy.$lease.id,
            organisationID: lease.organisation_id,
            about: about,
            date: today.adding(days: -5),
            values: ComplaintController.Values(
                time: "ca. 23.30",
                description: "Høj musik og råben fra lejligheden til efter kl. 1. Det er tredje gang på to uger.",
                witnesses: "Min sambo"
            ),
            photos: [],
            token: app.dependencies.uuid().uuidString,
            app: app
        )
        guard let complaint = try await NeighbourComplaint.query(on: app.db).filter(\.$caseID == caseID).first()
        else { return nil }
        try await EpisodeForm.store(
            complaintID: try complaint.requireID(),
            date: today.adding(days: -2),
            time: "kl. 00.15",
            description: "Musik igen. Jeg bankede på, men ingen åbnede.",
            reportedBy: tenancy.$person.id,
            dependencies: app.dependencies,
            on: app.db
        )
        return try await CaseFile.find(caseID, on: app.db)?.number
    }

    /// One demo tenant whose CPR number the register lacks (only the sandbox MitID knows it): the
    /// resident who activates their access with a code at first login.
    static func withholdCPR(app: Application) async throws {
        guard
            let tenancy = try await LeaseTenant.query(on: app.db).filter(\.$role == .tenant).sort(\.$id, .descending)
                .with(\.$person).first(),
            let sealed = tenancy.person.cprCiphertext
        else { return }
        try await app.db.transaction { db in
            let citizen =
                try await SandboxCitizen.query(on: db).filter(\.$person.$id == tenancy.$person.id).first()
                ?? SandboxCitizen(
                    id: app.dependencies.uuid(),
                    personID: tenancy.$person.id,
                    registrationStatus: .registered
                )
            citizen.mitidCPRCiphertext = sealed
            try await citizen.save(on: db)
            tenancy.person.cprCiphertext = nil
            tenancy.person.cprLookupHash = nil
            try await tenancy.person.update(on: db)
        }
    }
}
