import AlmenDomain
import AlmenSandbox
import Fluent
import Foundation
import Sandbox
import Testing
import Vapor

@testable import App

/// Letters end to end: templates to PDF, the channel decision, the Digital Post outbox, print
/// batches and the resident's "Mine breve".
@Suite("Letters")
struct LettersTests {
    /// A tenant of the first organisation matching `connected`, with a lease; with `registration`,
    /// one the NgDP stand-in knows with that status (nil: anyone).
    static func tenant(
        _ app: Application,
        connected: Bool,
        registration: DigitalPostRegistrationStatus? = .registered
    ) async throws -> (person: UUID, lease: UUID) {
        if !connected { return try await disconnectedTenant(app) }
        guard let first = try await tenants(app, registration: registration, count: 1).first else {
            throw TestFailure("no tenant with registration \(String(describing: registration)), connected \(connected)")
        }
        return first
    }

    /// Up to `count` tenants (one lease each, not opted out of Digital Post) of connected
    /// organisations, whose Digital Post registration is `registration` (any, when nil).
    static func tenants(
        _ app: Application,
        registration: DigitalPostRegistrationStatus?,
        count: Int
    ) async throws -> [(person: UUID, lease: UUID)] {
        let tenancies = try await LeaseTenant.query(on: app.db)
            .join(Lease.self, on: \LeaseTenant.$lease.$id == \Lease.$id)
            .join(Dwelling.self, on: \Lease.$dwelling.$id == \Dwelling.$id)
            .join(Department.self, on: \Dwelling.$department.$id == \Department.$id)
            .join(HousingOrganisation.self, on: \Department.$organisation.$id == \HousingOrganisation.$id)
            .filter(HousingOrganisation.self, \.$digitalPostConnection == .connected)
            .filter(Lease.self, \.$digitalOptOut == false)
            .sort(\.$id).all()
        let citizens = try await SandboxCitizen.query(on: app.db).all()
        let statusByPerson = Dictionary(
            citizens.map { ($0.$person.id, $0.registrationStatus) },
            uniquingKeysWith: { first, _ in first }
        )
        var found: [(person: UUID, lease: UUID)] = []
        for tenancy in tenancies where found.count < count {
            if let registration, statusByPerson[tenancy.$person.id] != registration { continue }
            found.append((tenancy.$person.id, tenancy.$lease.id))
        }
        return found
    }

    struct TestFailure: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// A tenant of the last organisation, which the test disconnects from Digital Post (the small
    /// demo registers have every organisation connected).
    static func disconnectedTenant(_ app: Application) async throws -> (person: UUID, lease: UUID) {
        let organisation = try #require(
            try await HousingOrganisation.query(on: app.db).sort(\.$name, .descending).first()
        )
        organisation.digitalPostConnection = .notConnected
        try await organisation.update(on: app.db)
        let tenancy = try #require(
            try await LeaseTenant.query(on: app.db)
                .join(Lease.self, on: \LeaseTenant.$lease.$id == \Lease.$id)
                .join(Dwelling.self, on: \Lease.$dwelling.$id == \Dwelling.$id)
                .join(Department.self, on: \Dwelling.$department.$id == \Department.$id)
                .filter(Department.self, \.$organisation.$id == organisation.requireID())
                .sort(\.$id).first()
        )
        return (tenancy.$person.id, tenancy.$lease.id)
    }

    /// The fields of one RFC 4180 line.
    static func csvFields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var previous: Character?
        for character in line {
            switch character {
            case "\"" where quoted: quoted = false
            case "\"":
                quoted = true
                if previous == "\"" { field.append("\"") }
            case "," where !quoted:
                fields.append(field)
                field = ""
            default: field.append(character)
            }
            previous = character
        }
        return fields + [field]
    }

    @Test(arguments: LetterKind.allCases)
    func everyLetterKindRendersToAReadablePDF(_ kind: LetterKind) async throws {
        try await withTestApp(seedHomes: 80) { app in
            let (person, lease) = try await Self.tenant(app, connected: true)
            let recipient = try #require(try await Person.find(person, on: app.db))

            let prepared = try await app.letters().prepare(kind.contentType.demo, to: person, lease: lease)

            #expect(prepared.rendered.pdf.starts(with: Data("%PDF-".utf8)))
            #expect(prepared.rendered.pageCount >= 1)
            let text = try PDFText.extract(prepared.rendered.pdf)
            #expect(text.contains(recipient.fullName))
            #expect(text.contains("Side 1 af \(prepared.rendered.pageCount)"))
            let flattened = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(
                flattened.contains(
                    prepared.document.subject.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                )
            )
            #expect(!text.contains("&amp;") && !text.contains("#("))
        }
    }

    @Test func thePaakravSaysTheLeaseCanBeTerminatedAndHowToPay() async throws {
        try await withTestApp(seedHomes: 80) { app in
            let (person, lease) = try await Self.tenant(app, connected: true)

            let prepared = try await app.letters().prepare(PaakravLetter.demo, to: person, lease: lease)

            let text = try PDFText.extract(prepared.rendered.pdf).split(whereSeparator: \.isWhitespace).joined(
                separator: " "
            )
            #expect(text.contains("kan vi ophæve dit lejemål"))
            #expect(text.contains("§ 90"))
            #expect(text.contains("7.159,00"))
            #expect(text.contains("mandag den 14. december 2026"))
            #expect(text.contains("reg.nr. 1234"))
        }
    }

    @Test func valuesAreInsertedLiterallyNeverAsMarkup() async throws {
        try await withTestApp(seedHomes: 80) { app in
            let (person, lease) = try await Self.tenant(app, connected: true)
            let hostile = GeneralLetter(
                subject: "Om **fed** | tekst",
                paragraphs: ["# ikke en overskrift", "- ikke en liste", "<b>&amp;</b>"]
            )

            let prepared = try await app.letters().prepare(hostile, to: person, lease: lease)

            #expect(prepared.document.subject == "Om **fed** | tekst")
            #expect(prepared.document.body.contains(.paragraph([.text("# ikke en overskrift")])))
            #expect(prepared.document.body.contains(.paragraph([.text("- ikke en liste")])))
            #expect(prepared.document.body.contains(.paragraph([.text("<b>&amp;</b>")])))
        }
    }

    @Test func aTemplateVersionIsStoredOnceAndEveryLetterKeepsItsVersion() async throws {
        try await withTestApp(seedHomes: 80) { app in
            let (person, lease) = try await Self.tenant(app, connected: false, registration: nil)
            let service = app.letters()
            let first = try await service.send(
                try await service.prepare(GeneralLetter.demo, to: person, lease: lease),
                createdBy: nil
            )
            let second = try await service.send(
                try await service.prepare(GeneralLetter.demo, to: person, lease: lease),
                createdBy: nil
            )
            #expect(first.$template.id == second.$template.id)
            let organisationID = try await RegisterLookups.organisation(ofLease: lease, on: app.db)
            let templates = LetterTemplates(database: app.db, dependencies: app.dependencies)

            let own = try await templates.save(
                .general,
                organisationID: organisationID,
                text: LetterTemplateText(
                    subject: "#(subject)",
                    body: "Hej #(recipientName)\n\n#for(p in paragraphs):#(p)\n\n#endfor"
                ),
                createdBy: nil
            )
            let third = try await service.send(
                try await service.prepare(GeneralLetter.demo, to: person, lease: lease),
                createdBy: nil
            )

            #expect(own.version == 1)
            #expect(third.$template.id == own.id)
            #expect(try await LetterTemplate.query(on: app.db).filter(\.$kind == .general).count() == 2)
            #expect(try PDFText.extract(third.pdf).contains("Hej "))
            #expect(!(try PDFText.extract(first.pdf).contains("Hej ")))
        }
    }

    /// Templates an administrator might save by mistake: each is refused with a clear error,
    /// never a crash (LeafKit's lexer force-unwraps at the end of an open tag).
    static let brokenTemplates: [LetterTemplateText] = [
        LetterTemplateText(subject: "#(subject", body: "x"),
        LetterTemplateText(subject: "Emne", body: "#(recipientName"),
        LetterTemplateText(subject: "Emne", body: "#("),
        LetterTemplateText(subject: "Emne", body: "#endfor"),
        LetterTemplateText(subject: "Emne", body: "#if(subject"),
        LetterTemplateText(subject: "Emne", body: "#(\"unterminated"),
        LetterTemplateText(subject: "Emne", body: "| a | b |\n| c |"),
        LetterTemplateText(subject: "Emne", body: "**fed uden slutning"),
        LetterTemplateText(subject: "", body: "Tekst"),
        LetterTemplateText(subject: "#(nothing)", body: "Tekst"),
    ]

    @Test(arguments: brokenTemplates)
    func aBrokenTemplateIsRefusedAndNoLetterIsStored(_ text: LetterTemplateText) async throws {
        try await withTestApp(seedHomes: 80) { app in
            let (person, lease) = try await Self.tenant(app, connected: true)

            await #expect(throws: LetterError.self) {
                _ = try await app.letters().prepare(GeneralLetter.demo, to: person, lease: lease, text: text)
            }
            #expect(try await Letter.query(on: app.db).count() == 0)
        }
    }

    @Test func aLetterFromAnUnconnectedOrganisationGoesToPrintAtOnce() async throws {
        try await withTestApp(seedHomes: 80) { app in
            let (person, lease) = try await Self.tenant(app, connected: false, registration: nil)

            let letter = try await app.letters().send(
                try await app.letters().prepare(GeneralLetter.demo, to: person, lease: lease),
                createdBy: nil
            )

            #expect(letter.status == .awaitingPrint)
            #expect(letter.channel == .physical)
            #expect(letter.reasons.contains(.organisationNotConnected))
            #expect(letter.$digitalPostLetter.id == nil)
            #expect(try await DigitalPostLetter.query(on: app.db).count() == 0)
        }
    }

    @Test func registeredRecipientsGetDigitalPostAndExemptOnesAPrintedLetter() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 60, clock: clock, running: true) { app in
            let standIn = try #require(app.ngdpStandIn)
            let registered = try await Self.tenant(app, connected: true, registration: .registered)
            let exempt = try await Self.tenant(app, connected: true, registration: .exempt)
            let service = app.letters()
            let digital = try await service.send(
                try await service.prepare(PaakravLetter.demo, to: registered.person, lease: registered.lease),
                createdBy: nil
            )
            let paper = try await service.send(
                try await service.prepare(PaakravLetter.demo, to: exempt.person, lease: exempt.lease),
                createdBy: nil
            )
            #expect(digital.status == .awaitingChannel && paper.status == .awaitingChannel)
            // The facts its channel is decided from are kept with the letter; the transport adds
            // NgDP's answer to them instead of gathering them again.
            #expect(
                digital.channelFacts
                    == ChannelFacts(
                        kind: .paakrav,
                        organisationConnected: true,
                        recipientHasCPR: true,
                        leaseOptedOut: false
                    )
            )
            let worker = app.jobRunner(id: "letters", settings: DigitalPostOutboxTests.quick)

            try await DigitalPostOutboxTests.drain([worker], app: app, clock: clock)

            let sent = try #require(try await Letter.find(digital.requireID(), on: app.db))
            #expect(sent.status == .delivered)
            #expect(sent.channel == .digitalPost)
            #expect(sent.reasons == [.recipientRegistered])
            #expect(sent.arrival == LocalDate(clock.now, timeZone: danishTimeZone).iso)
            let outbox = try #require(try await sent.$digitalPostLetter.get(on: app.db))
            #expect(outbox.legalNotification && outbox.mandatory)
            #expect(await standIn.delivered().map(\.messageUUID) == [outbox.messageUUID])
            let printed = try #require(try await Letter.find(paper.requireID(), on: app.db))
            #expect(printed.status == .awaitingPrint)
            #expect(printed.channel == .physical)
            #expect(printed.reasons == [.recipientExempt])
        }
    }

    /// Staff page through every print batch, 50 a page, newest first.
    @Test func thePrintBatchesPageOnToTheFirst() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let organisation = try await RegisterLookups.organisation(ofLease: tenancy.lease_id, on: app.db)
            for number in 1...55 {
                let batch = PrintBatch()
                batch.id = UUID()
                batch.$organisation.id = organisation
                batch.number = number
                batch.letterCount = 1
                batch.pageCount = number
                batch.pdf = Data()
                batch.manifest = ""
                batch.createdAt = testNow.addingTimeInterval(Double(number) * 60)
                try await batch.create(on: app.db)
            }
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let first = try await CaseDeadlinesTests.get(app, SiteRoute.printBatches.path, as: staff).1
            #expect(
                first.contains(#"<tr role="row"><td role="cell" data-label="Printbunke">55</td>"#)
                    && first.contains(#"<tr role="row"><td role="cell" data-label="Printbunke">6</td>"#)
                    && !first.contains(#"<tr role="row"><td role="cell" data-label="Printbunke">5</td>"#)
            )
            let older = try #require(
                first.firstMatch(of: #/href="(/admin/print\?foer=[0-9a-f-]+)" rel="next"/#)?.output.1
            )
            let second = try await CaseDeadlinesTests.get(app, String(older), as: staff).1
            #expect(
                second.contains(#"<tr role="row"><td role="cell" data-label="Printbunke">5</td>"#)
                    && second.contains(#"<tr role="row"><td role="cell" data-label="Printbunke">1</td>"#)
                    && !second.contains(#"<tr role="row"><td role="cell" data-label="Printbunke">6</td>"#)
            )
            #expect(!second.contains(#"rel="next""#))
            // The batches not yet marked posted, for whoever takes them to the post.
            try await PrintBatch.query(on: app.db).filter(\.$number == 55).set(\.$dispatchedAt, to: testNow).update()
            let waiting = try await CaseDeadlinesTests.get(app, SiteRoute.printBatches.path + "?afsendt=nej", as: staff)
                .1
            #expect(
                !waiting.contains(#"<tr role="row"><td role="cell" data-label="Printbunke">55</td>"#)
                    && waiting.contains(#"<tr role="row"><td role="cell" data-label="Printbunke">54</td>"#)
            )
            #expect(waiting.contains(#"<option value="nej" selected>"#))
        }
    }

    @Test func aPrintBatchHoldsAnOrganisationsWaitingLettersInEnvelopeOrderAndDispatchSetsTheArrival() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 60, clock: clock) { app in
            let organisations = try await HousingOrganisation.query(on: app.db).sort(\.$name).all()
            var tenancies: [LeaseTenant] = []
            for organisation in organisations.prefix(2) {
                tenancies += try await LeaseTenant.query(on: app.db)
                    .join(Lease.self, on: \LeaseTenant.$lease.$id == \Lease.$id)
                    .join(Dwelling.self, on: \Lease.$dwelling.$id == \Dwelling.$id)
                    .join(Department.self, on: \Dwelling.$department.$id == \Department.$id)
                    .filter(Department.self, \.$organisation.$id == organisation.requireID())
                    .sort(\.$id).limit(organisation.id == organisations[0].id ? 3 : 1).all()
            }
            let service = app.letters()
            for tenancy in tenancies {
                let prepared = try await service.prepare(
                    GeneralLetter.demo,
                    to: tenancy.$person.id,
                    lease: tenancy.$lease.id
                )
                var facts = prepared.facts
                facts.organisationConnected = false
                try await service.send(
                    LetterService.Prepared(
                        id: prepared.id,
                        kind: prepared.kind,
                        organisationID: prepared.organisationID,
                        recipientID: prepared.recipientID,
                        leaseID: prepared.leaseID,
                        template: prepared.template,
                        document: prepared.document,
                        rendered: prepared.rendered,
                        facts: facts
                    ),
                    createdBy: nil
                )
            }
            let batches = app.printBatches()
            let firstOrganisation = try organisations[0].requireID()

            let made = try await batches.create(createdBy: nil, scope: .organisations([firstOrganisation]))
            let again = try await batches.create(createdBy: nil, scope: .organisations([firstOrganisation]))

            #expect(made.count == 1)
            #expect(again.isEmpty)
            let batch = try #require(made.first)
            #expect(batch.$organisation.id == firstOrganisation)
            #expect(try await batches.waiting(scope: .all) == 1, "the other organisation's letter still waits")
            #expect(batch.letterCount == 3)
            #expect(batch.pdf.starts(with: Data("%PDF-".utf8)))
            let manifest = batch.manifest.split(separator: "\r\n")
            #expect(manifest.count == 4)
            #expect(manifest.first == "sequence,reference,name,address,postal_city,first_page,pages,kind")
            let postalCodes = manifest.dropFirst().map { Self.csvFields($0)[4] }
            #expect(postalCodes == postalCodes.sorted())
            #expect(try await Letter.query(on: app.db).filter(\.$status == .printing).count() == 3)

            let other = try await batches.markDispatched(
                try batch.requireID(),
                by: nil,
                scope: .organisations([try organisations[1].requireID()])
            )
            #expect(other == nil, "another organisation's caseworker cannot touch the batch")
            let dispatched = try #require(try await batches.markDispatched(try batch.requireID(), by: nil, scope: .all))

            #expect(dispatched.dispatchedAt != nil)
            let expected = PhysicalDelivery(bankDays: 5).expectedArrival(
                dispatched: LocalDate(clock.now, timeZone: danishTimeZone)
            )
            let letters = try await Letter.query(on: app.db).filter(\.$organisation.$id == firstOrganisation).all()
            #expect(letters.count == 3)
            #expect(letters.allSatisfy { $0.status == .dispatched && $0.arrival == expected.iso })
        }
    }
}
