import AlmenDomain
import Fluent
import Foundation
import MeMo
import SQLKit
import Testing
import Vapor

@testable import App

/// Rent arrears end to end (issue: Rent arrears and påkrav): the account imported from files, the
/// daily run's decisions, the påkrav made and delivered through the NgDP stand-in, its deadline
/// from the receipt, a payment that closes the case, and the imports that must lose nothing.
@Suite("Rent arrears")
struct ArrearsTests {
    /// A lease with one tenant, registered for Digital Post (or `registration`), in a connected
    /// organisation; its demo account is emptied and it gets the number `number`.
    static func lease(
        _ app: Application,
        number: String,
        registration: DigitalPostRegistrationStatus = .registered,
        skip: Int = 0
    ) async throws -> (lease: UUID, person: UUID, organisation: UUID) {
        struct Row: Decodable {
            let lease_id: UUID
            let person_id: UUID
            let organisation_id: UUID
        }
        let rows = try await app.db.sql().raw(
            """
            SELECT lt.lease_id, lt.person_id, dep.organisation_id FROM lease_tenants lt
            JOIN leases l ON l.id = lt.lease_id JOIN dwellings d ON d.id = l.dwelling_id
            JOIN departments dep ON dep.id = d.department_id JOIN housing_organisations o ON o.id = dep.organisation_id
            JOIN sandbox_citizens sc ON sc.person_id = lt.person_id
            WHERE o.digital_post_connection = 'connected' AND l.digital_opt_out = \(bind: false)
              AND l.status = 'active' AND sc.registration_status = \(bind: registration.rawValue)
              AND (SELECT COUNT(*) FROM lease_tenants x WHERE x.lease_id = lt.lease_id) = 1
            ORDER BY lt.lease_id
            """
        ).all(decoding: Row.self)
        let row = try #require(rows.dropFirst(skip).first)
        try await app.db.sql().raw("DELETE FROM ledger_entries WHERE lease_id = \(bind: row.lease_id)").run()
        try await app.db.sql().raw("UPDATE leases SET number = \(bind: number) WHERE id = \(bind: row.lease_id)").run()
        return (row.lease_id, row.person_id, row.organisation_id)
    }

    static func importing(
        _ app: Application,
        _ text: String,
        _ format: LedgerCSV.Format = .postings
    ) async throws
        -> LedgerImport.Report
    {
        try await LedgerImport(database: app.db, dependencies: app.dependencies, pool: app.threadPool).run(
            text,
            format: format
        )
    }

    static func rows(_ app: Application, _ table: String) async throws -> Int {
        struct Count: Decodable { let n: Int }
        return try await app.db.sql().raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first(decoding: Count.self)?
            .n ?? -1
    }

    static func run(_ app: Application, _ iso: String, dryRun: Bool = false) async throws -> ArrearsRun.Report {
        try await ArrearsRun(database: app.db, dependencies: app.dependencies, rules: app.arrearsRules)
            .run(on: day(iso), dryRun: dryRun)
    }

    static func day(_ iso: String) -> LocalDate {
        LocalDate(iso: iso)!
    }

    @Test func anImportIsAllOrNothingAndTheSameFileTwiceChangesNothing() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let (lease, _, _) = try await Self.lease(app, number: "9-1-0001")
            let file = """
                id;lejemaal;art;dato;beloeb;tekst
                A-1;9-1-0001;husleje;2026-11-01;5.808,00;Husleje november 2026
                A-2;9-1-0001;indbetaling;30-10-2026;2808,00;
                "A-3";9-1-0001;andet;01.11.2026;"1.000,00";"Vand; aconto"
                """
            let first = try await Self.importing(app, file)
            #expect(first.succeeded && first.added == 3 && first.alreadyImported == 0)
            let before = try await Self.rows(app, "ledger_entries")
            let again = try await Self.importing(app, file)
            #expect(again.succeeded && again.added == 0 && again.alreadyImported == 3)
            #expect(try await Self.rows(app, "ledger_entries") == before)
            let ledger = try await LeaseAccount.ledger(of: lease, on: app.db)
            #expect(ledger.balance(at: Self.day("2026-11-30")) == Money(kroner: 4_000))
            #expect(ledger.entries.contains { $0.text == "Vand; aconto" && $0.amount == Money(kroner: 1_000) })
            #expect(ledger.entries.contains { $0.text == "Indbetaling" && $0.kind == .payment })

            // A file with one bad line, an unknown lease or a changed line stores nothing.
            let bad = try await Self.importing(
                app,
                """
                id;lejemaal;art;dato;beloeb;tekst
                B-1;9-1-0001;husleje;2026-12-01;5.808,00;
                B-2;9-1-0001;husleje;2026-12-32;5.808,00;
                B-3;9-1-0001;leje;2026-12-01;-5,00;
                B-4;9-9-9999;husleje;2026-12-01;5.808,00;
                A-1;9-1-0001;husleje;2026-11-01;5.809,00;
                """
            )
            #expect(!bad.succeeded && bad.added == 0)
            #expect(bad.problems.map(\.line) == [3, 4, 4])
            #expect(bad.problems.map(\.column) == ["dato", "art", "beloeb"])
            #expect(bad.problems[0].messageDa == "Datoen skal skrives 2026-11-30 eller 30-11-2026.")
            let unknown = try await Self.importing(
                app,
                """
                id;lejemaal;art;dato;beloeb;tekst
                B-1;9-1-0001;husleje;2026-12-01;5.808,00;
                B-4;9-9-9999;husleje;2026-12-01;5.808,00;
                A-1;9-1-0001;husleje;2026-11-01;5.809,00;
                """
            )
            #expect(unknown.problems.map(\.code) == ["unknown_lease", "changed_line"])
            #expect(unknown.problems.map(\.line) == [3, 4])
            #expect(try await Self.rows(app, "ledger_entries") == before)

            // The bank's file names the lease by the payment reference. A lease whose payments come
            // from the administration system's file takes none from the bank's: never one twice.
            let (second, _, _) = try await Self.lease(app, number: "9-1-0002", skip: 1)
            let twice = try await Self.importing(
                app,
                "\u{FEFF}id;dato;beloeb;reference;tekst\r\nX-1;2026-11-20;4.000,00;9-1-0001;MobilePay\r\n",
                .bank
            )
            #expect(twice.problems.map(\.code) == ["payments_elsewhere"])
            let bank = try await Self.importing(
                app,
                "\u{FEFF}id;dato;beloeb;reference;tekst\r\nX-2;2026-11-20;4.000,00;9-1-0002;MobilePay\r\n",
                .bank
            )
            #expect(bank.succeeded && bank.added == 1)
            #expect(
                try await LeaseAccount.ledger(of: second, on: app.db).balance(at: Self.day("2026-11-30"))
                    == Money(kroner: -4_000)
            )
        }
    }

    @Test func aPaakravIsMadeDeliveredAndClosedByThePaymentAndTheNextGoesOnToOphaevelse() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 60, clock: clock, running: true) { app in
            let (paying, person, organisation) = try await Self.lease(app, number: "T-1")
            let (owing, _, _) = try await Self.lease(app, number: "T-2", skip: 1)
            try await app.db.sql().raw(
                "UPDATE housing_organisations SET arrears_automatic = \(bind: true) WHERE id = \(bind: organisation)"
            ).run()
            // T-1's home was assigned by the municipality, which must hear of its påkrav.
            try await app.db.sql().raw(
                """
                UPDATE dwellings SET municipally_assigned = \(bind: true)
                WHERE id = (SELECT dwelling_id FROM leases WHERE id = \(bind: paying))
                """
            ).run()
            // Rent due Sunday 1 November 2026: last timely Monday 2, hverdage 3, 4 and 5, so a
            // påkrav may go from Friday 6 November. Today is Monday 23 November.
            let charges = try await Self.importing(
                app,
                """
                id;lejemaal;art;dato;beloeb;tekst
                R-1;T-1;husleje;2026-11-01;5.808,00;Husleje november 2026
                R-2;T-2;husleje;2026-11-01;4.100,00;Husleje november 2026
                R-3;T-2;husleje;2026-11-20;100,00;Vaskeri
                """
            )
            #expect(charges.succeeded)
            #expect(try await Self.run(app, "2026-11-05", dryRun: true).refused == nil)

            let report = try await Self.run(app, "2026-11-23")
            #expect(report.queued >= 1)
            try await DigitalPostOutboxTests.drain(
                [app.jobRunner(id: "w", settings: DigitalPostOutboxTests.quick)],
                app: app,
                clock: clock
            )
            let notice = try #require(try await PaakravNotice.query(on: app.db).filter(\.$leaseID == paying).first())
            #expect(notice.arrearsOre == 580_800 && notice.feeOre == 31_400 && notice.feeYear == 2026)
            // Sent Monday 23 November; assumed handed to the carrier Tuesday 24, arriving 5 bank
            // days later on Tuesday 1 December; 14 days on is Tuesday 15 December.
            #expect(notice.statedDeadline == "2026-12-15")
            // The caseworker is to decide by the 3rd bank day after it, Friday 18 December.
            let decision = try #require(
                try await CaseDeadlineRecord.query(on: app.db).filter(\.$caseID == notice.caseID)
                    .filter(\.$kind == .decision).first()
            )
            #expect(decision.dueOn == "2026-12-18" && decision.metAt == nil)
            let letter = try #require(
                try await Letter.query(on: app.db).filter(\.$caseFile.$id == notice.caseID).first()
            )
            #expect(letter.kind == .paakrav && letter.$recipient.id == person)
            #expect(letter.status == .delivered && letter.arrival == "2026-11-23")
            let text = try PDFText.extract(letter.pdf)
            #expect(text.contains("6.122,00"))
            #expect(text.contains("tirsdag den 15. december 2026"))
            #expect(text.contains("ophæve dit lejemål"))
            #expect(text.contains("lejemålsnummeret T-1"))
            // It names the case it opened.
            let paakravCase = try #require(try await CaseFile.find(notice.caseID, on: app.db))
            #expect(text.contains("Sagsnummer") && text.contains(paakravCase.number))
            // T-2's 100 kr. from 20 November is not past its 3rd hverdag: only November's rent.
            let other = try #require(try await PaakravNotice.query(on: app.db).filter(\.$leaseID == owing).first())
            #expect(other.arrearsOre == 410_000)

            // The municipality's notice went by Digital Post to its CVR number, from the register.
            let municipal = try #require(
                try await MunicipalityNotice.query(on: app.db).filter(\.$caseID == notice.caseID).first()
            )
            let register = try #require(
                try await Municipality.query(on: app.db).filter(\.$name == municipal.municipality).first()
            )
            #expect(municipal.reason == .paakrav && municipal.status == .sent && municipal.channel == .digitalPost)
            #expect(municipal.sentAt != nil && municipal.arrival == "2026-11-23")
            let standIn = try #require(app.ngdpStandIn)
            let messageUUID = try #require(municipal.messageUUID)
            #expect(await standIn.mailbox(of: register.cvr) == [messageUUID])
            let memo = try MeMoParser().parse(try #require(await standIn.deliveredMessage(messageUUID)))
            #expect(memo.header.recipient.idType == .cvr && memo.header.recipient.recipientID == register.cvr)
            #expect(memo.header.recipient.label == "\(municipal.municipality) Kommune")
            #expect(memo.header.sender.idType == .cvr && memo.header.label.hasPrefix("Underretning om påkrav: "))
            let told = try PDFText.extract(municipal.pdf)
            #expect(told.contains("Underretning om påkrav") && told.contains("5.808,00") == false)
            #expect(told.contains("6.122,00 kr.") && told.contains("\(municipal.municipality) Kommune"))
            #expect(told.contains("Borgerservice") && told.contains("Rådhuset") && told.contains(register.postalCode))
            #expect(told.range(of: #"\d{6}-?\d{4}"#, options: .regularExpression) == nil, "no CPR number")
            #expect(
                try await MunicipalityNotice.query(on: app.db).filter(\.$caseID == other.caseID).count() == 0,
                "T-2's home was not assigned by the municipality"
            )
            #expect(
                try await CaseEvent.query(on: app.db).filter(\.$caseID == notice.caseID)
                    .filter(\.$kind == .municipalityNotified).count() == 1
            )
            let clerk = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let casePage = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(notice.caseID).path, as: clerk).1
            #expect(casePage.contains("Underretning om påkrav – \(municipal.municipality) Kommune"))
            #expect(casePage.contains("Sendt med Digital Post 23. november 2026 kl."))
            #expect(!casePage.contains("Markér som sendt"))
            #expect(!casePage.contains("Digital Post afviste påkravet"))
            // Had Digital Post refused T-2's påkrav for good, its case would say so and link to
            // the letter, where it is sent on paper.
            let refused = try #require(
                try await Letter.query(on: app.db).filter(\.$caseFile.$id == other.caseID).first()
            )
            let (status, arrival) = (refused.status, refused.arrival)
            refused.status = .failed
            refused.arrival = nil
            try await refused.save(on: app.db)
            let refusedPage = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(other.caseID).path, as: clerk).1
            #expect(refusedPage.contains("Digital Post afviste påkravet til 1 af lejerne"))
            #expect(refusedPage.contains(SiteRoute.letter(try refused.requireID()).path))
            #expect(refusedPage.contains("Endnu ikke frem til alle lejere"))
            refused.status = status
            refused.arrival = arrival
            try await refused.save(on: app.db)
            // A notice on its way is not a caseworker's to record as sent by hand.
            let noticeID = try municipal.requireID()
            let marked = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.municipalityNoticeSent(notice.caseID, noticeID).path,
                [],
                as: clerk
            )
            #expect(marked.0 == .seeOther)
            #expect(try await MunicipalityNotice.find(noticeID, on: app.db)?.channel == .digitalPost)

            // A second run the same day makes no second påkrav.
            let again = try await Self.run(app, "2026-11-23")
            #expect(again.queued == 0)
            #expect(try await PaakravNotice.query(on: app.db).filter(\.$leaseID == paying).count() == 1)

            // Delivered digitally on 23 November: the deadline is the later of the stated one and
            // 14 days from arrival (Monday 7 December), so the stated 15 December.
            let waiting = try await Self.run(app, "2026-11-24", dryRun: true)
            #expect(waiting.awaitingPayment >= 2)
            let paid = try await Self.importing(
                app,
                "id;dato;beloeb;reference;tekst\nP-1;2026-11-25;6.122,00;T-1;\nP-2;2026-11-25;4.000,00;T-2;\n",
                .bank
            )
            #expect(paid.succeeded)
            let closing = try await Self.run(app, "2026-11-26")
            #expect(closing.paidSince >= 1)
            let closed = try #require(try await CaseFile.find(notice.caseID, on: app.db))
            #expect(closed.status == .closed)
            #expect(
                try await CaseEvent.query(on: app.db).filter(\.$caseID == notice.caseID).filter(\.$kind == .paid)
                    .count() == 1
            )
            #expect(try await CaseDeadlineRecord.find(decision.id, on: app.db)?.metAt != nil)
            // T-2 paid all but 414 kr. of what it was asked: still owed after the deadline.
            let open = try #require(try await CaseFile.find(other.caseID, on: app.db))
            #expect(open.status == .open)
            // The case says the same to its caseworker and to the tenant.
            let admin = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let staffPage = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(other.caseID).path, as: admin).1
            #expect(staffPage.contains("4.100,00 kr. og gebyr 314,00 kr., i alt 4.414,00 kr."))
            #expect(staffPage.contains("<strong>tirsdag den 15. december 2026</strong>"))
            #expect(staffPage.contains("23. november 2026"))
            #expect(staffPage.contains("Afgørelse senest"))
            #expect(!staffPage.contains("kan lejemålet ophæves"))
            // Before the deadline the decision offers no ophævelse (the server refuses one too).
            #expect(!staffPage.contains(#"value="ophaevet""#) && staffPage.contains(#"value="waived" checked"#))
            #expect(staffPage.contains("Skal udfyldes, når lejemålet ikke ophæves."))
            let decide = SiteRoute.staffCaseDecision(other.caseID).path
            let early = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("outcome", "ophaevet"), ("step", "preview")],
                as: admin
            )
            #expect(early.0 == .unprocessableEntity)
            #expect(early.1.contains("Lejemålet kan først ophæves efter fristen, tirsdag den 15. december 2026."))
            // In English, the date is English too.
            let earlyEnglish = try await CaseDeadlinesTests.post(
                app,
                decide + "?lang=en",
                [("outcome", "ophaevet"), ("step", "preview")],
                as: admin
            )
            #expect(earlyEnglish.1.contains("only after the deadline, Tuesday 15 December 2026."))
            #expect(staffPage.contains("Fristen, der gælder: tirsdag den 15. december 2026."))
            // Deciding not to ophæve before the deadline says nothing of a deadline not yet passed.
            let waived = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("outcome", "waived"), ("reason", "Vi har lavet en betalingsaftale."), ("step", "preview")],
                as: admin
            )
            #expect(waived.0 == .ok && waived.1.contains("Vi har besluttet ikke at ophæve dit lejemål"))
            #expect(!waived.1.contains("Beløbet var ikke betalt"))
            let owingTenant = try #require(
                try await LeaseTenant.query(on: app.db).filter(\.$lease.$id == owing).first()
            ).$person.id
            let resident = try await PageSessions.signIn(person: owingTenant, on: app)
            let residentPage = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(other.caseID).path, as: resident)
                .1
            #expect(residentPage.contains("Betal senest"))
            #expect(residentPage.contains("<strong>tirsdag den 15. december 2026</strong>"))
            // Three weeks on (signed in anew: sessions end after 12 hours).
            clock.advance(by: 23 * 86_400)
            let adminLater = try await PageSessions.signIn(
                staff: try await CaseDeadlinesTests.administrator(app),
                on: app
            )
            let overdue = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.staffCase(other.caseID).path,
                as: adminLater
            ).1
            #expect(
                overdue.contains(
                    "der mangler 414,00 kr. i betaling, så lejemålet kan ophæves fra onsdag den 16. december 2026"
                )
            )
            #expect(overdue.contains(#"value="ophaevet""#))
            let late = try await Self.run(app, "2026-12-16", dryRun: true)
            #expect(late.ophaevelsePossible >= 1)
            let sent = try #require(try await ArrearsRun.openPaakrav(of: owing, on: app.db)?.sent)
            #expect(
                app.arrearsRules.decide(
                    try await LeaseAccount.ledger(of: owing, on: app.db),
                    on: Self.day("2026-12-16"),
                    sent: sent
                ) == .ophaevelsePossible(owed: Money(kroner: 414), from: Self.day("2026-12-16"))
            )
            // The organisation's Digital Post is suspended: what it sends from now goes on paper.
            try await app.db.sql().raw(
                """
                UPDATE housing_organisations SET digital_post_connection = \(bind: DigitalPostConnectionState.suspended.rawValue)
                WHERE id = \(bind: organisation)
                """
            ).run()
            // Now the caseworker ophæver the lease: the letter first, then sent.
            let preview = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("outcome", "ophaevet"), ("step", "preview")],
                as: adminLater
            )
            #expect(preview.0 == .ok)
            #expect(preview.1.contains("Vi ophæver derfor dit lejemål"))
            #expect(preview.1.contains("senest tirsdag den 15. december 2026"))
            let decided = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("outcome", "ophaevet"), ("step", "send")],
                as: adminLater
            )
            #expect(decided.0 == .seeOther)
            let ophaevelse = try #require(
                try await Letter.query(on: app.db).filter(\.$caseFile.$id == other.caseID)
                    .filter(\.$kind == .ophaevelse).first()
            )
            #expect(try PDFText.extract(ophaevelse.pdf).contains("almenlejelovens § 90, stk. 1, nr. 1"))
            let ended = try #require(try await Lease.find(owing, on: app.db))
            #expect(ended.status == .terminated && ended.endDateISO == "2026-12-16")
            // An ophævelse is told to the municipality whoever assigned the home. The organisation
            // cannot send Digital Post any more, so the notice goes in the print queue.
            try await DigitalPostOutboxTests.drain(
                [app.jobRunner(id: "w", settings: DigitalPostOutboxTests.quick)],
                app: app,
                clock: clock
            )
            let evicting = try #require(
                try await MunicipalityNotice.query(on: app.db).filter(\.$caseID == other.caseID).first()
            )
            #expect(evicting.reason == .ophaevelse && evicting.status == .awaitingPrint && evicting.channel == .print)
            #expect(try PDFText.extract(evicting.pdf).contains("Lejeren risikerer at blive sat ud af boligen."))
            let waitingPage = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.staffCase(other.caseID).path,
                as: adminLater
            ).1
            #expect(waitingPage.contains("Sendes med posten. Den kommer med i den næste printbunke."))
            let printing = app.printBatches()
            #expect(try await printing.waiting(scope: .all) >= 1)
            let batches = try await printing.create(createdBy: nil, scope: .all)
            let batch = try #require(batches.first { $0.$organisation.id == organisation })
            #expect(batch.manifest.contains("municipality_notice"))
            #expect(batch.manifest.contains("\(evicting.municipality) Kommune"))
            #expect(try await MunicipalityNotice.find(evicting.requireID(), on: app.db)?.status == .printing)
            _ = try await printing.markDispatched(try batch.requireID(), by: nil, scope: .all)
            let dispatched = try #require(try await MunicipalityNotice.find(evicting.requireID(), on: app.db))
            #expect(dispatched.status == .dispatched && dispatched.sentAt != nil && dispatched.arrival != nil)
            #expect(
                try await CaseEvent.query(on: app.db).filter(\.$caseID == other.caseID)
                    .filter(\.$kind == .municipalityNotified).count() == 1
            )
            #expect(try await CaseFile.find(other.caseID, on: app.db)?.status == .closed)

            let home = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.myHome.path,
                as: try await PageSessions.signIn(person: owingTenant, on: app)
            ).1
            #expect(home.contains("Du skylder 514,00 kr."))
            #expect(home.contains("25. november 2026: 4.000,00 kr."))

        }
    }

    @Test func withReviewFirstACaseworkerSeesTheLetterThenSendsOrSetsAsideAndAMissingFeeStopsEveryPaakrav()
        async throws
    {
        try await withTestApp(seedHomes: 10) { app in
            let (lease, _, organisation) = try await Self.lease(app, number: "R-1")
            let (second, _, _) = try await Self.lease(app, number: "R-2", skip: 1)
            #expect(
                try await Self.importing(
                    app,
                    "id;lejemaal;art;dato;beloeb;tekst\nR-1;R-1;husleje;2026-11-02;3.000,00;\nR-2;R-2;husleje;2026-11-02;2.000,00;\n"
                ).succeeded
            )
            let report = try await Self.run(app, "2026-11-23")
            #expect(report.queued == 0 && report.proposed >= 2)
            let proposal = try #require(
                try await ArrearsProposal.query(on: app.db).filter(\.$leaseID == lease).first()
            )
            #expect(proposal.arrearsOre == 300_000 && proposal.proposedOn == "2026-11-23")
            let id = try proposal.requireID().uuidString.lowercased()

            // The caseworker of the organisation finds it, and sees its letter before sending.
            let anna = try await CaseAssignmentTests.caseworker("Anna", of: organisation, on: app)
            let session = try await PageSessions.signIn(staff: anna, on: app)
            let (status, list) = try await CaseDeadlinesTests.get(app, SiteRoute.arrears.path + "?q=R-1", as: session)
            #expect(status == .ok && list.contains("3.000,00 kr.") && list.contains(id))
            // Found by a tenant's name too.
            let tenant = try #require(
                try await LeaseTenant.query(on: app.db).filter(\.$lease.$id == lease).with(\.$person).first()
            ).person
            let byName = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.arrears.path(query: [("q", tenant.fullName)]),
                as: session
            ).1
            #expect(byName.contains(id))
            var pdf = Data()
            try await app.testing().test(
                .GET,
                SiteRoute.arrearsPreview(try proposal.requireID()).path,
                headers: TerminationNoticeTests.headers(session)
            ) { res async throws in
                #expect(res.status == .ok && res.headers.contentType?.subType == "pdf")
                pdf = Data(buffer: res.body)
            }
            let preview = try PDFText.extract(pdf)
            #expect(preview.contains("3.314,00") && preview.contains("tirsdag den 15. december 2026"))
            #expect(preview.contains("UDKAST"))
            #expect(try await Letter.query(on: app.db).filter(\.$kind == .paakrav).count() == 0)

            // Set aside, it stays aside while the arrears are the same.
            let aside = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.arrears.path,
                [("proposals[]", id), ("action", "aside")],
                as: session
            )
            #expect(aside.0 == .seeOther)
            #expect(try await ArrearsProposal.find(proposal.id, on: app.db)?.setAsideBy == anna)
            _ = try await Self.run(app, "2026-11-24")
            #expect(try await ArrearsProposal.find(proposal.id, on: app.db)?.setAsideAt != nil)
            #expect(!(try await CaseDeadlinesTests.get(app, SiteRoute.arrears.path, as: session).1.contains(id)))

            // Sent from the list of those set aside: a job made by the caseworker.
            let asked = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.arrears.path,
                [("proposals[]", id), ("action", "send")],
                as: session
            )
            #expect(asked.0 == .ok && asked.1.contains("Send påkrav?") && asked.1.contains("3.000,00 kr."))
            #expect(try await Self.rows(app, "jobs") == 0, "nothing goes before it is confirmed")
            let sent = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.arrears.path,
                [("proposals[]", id), ("action", "send"), ("confirm", "ja")],
                as: session
            )
            #expect(sent.0 == .seeOther)
            #expect(try await Self.rows(app, "jobs") == 1)
            #expect(try await ArrearsProposal.find(proposal.id, on: app.db) == nil, "queued, it leaves the list")
            let outcome = try await app.paakravSending.send(PaakravJob(lease: lease, approvedBy: anna))
            guard case .sent(let caseID) = outcome else {
                Issue.record("no påkrav was made")
                return
            }
            #expect(try await PaakravNotice.query(on: app.db).filter(\.$caseID == caseID).first()?.sentBy == anna)
            #expect(try await ArrearsProposal.find(proposal.id, on: app.db) == nil)
            #expect(try await app.paakravSending.send(PaakravJob(lease: lease, approvedBy: anna)) == .notDue)

            // Nobody outside the organisation's staff may send it.
            let elsewhere = try await RegisterLookups.anotherOrganisation(besides: organisation, on: app.db)
            let other = try await CaseAssignmentTests.caseworker("Bo", of: try elsewhere.requireID(), on: app)
            let stranger = try await PageSessions.signIn(staff: other, on: app)
            let secondID = try #require(
                try await ArrearsProposal.query(on: app.db).filter(\.$leaseID == second).first()?.requireID()
            )
            let refused = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.arrears.path,
                [("proposals[]", secondID.uuidString), ("action", "send")],
                as: stranger
            )
            #expect(refused.0 == .notFound)

            // Without this year's fee, nothing is proposed anew and nothing is queued.
            try await PaakravFee.query(on: app.db).filter(\.$year == 2026).delete()
            let proposals = try await Self.rows(app, "arrears_proposals")
            let jobs = try await Self.rows(app, "jobs")
            let missing = try await Self.run(app, "2026-11-25")
            #expect(missing.refused?.contains("2026") == true)
            #expect(missing.paakravDue >= 1)
            #expect(try await Self.rows(app, "arrears_proposals") == proposals)
            #expect(try await Self.rows(app, "jobs") == jobs)
            let page = try await CaseDeadlinesTests.get(app, SiteRoute.arrears.path, as: session).1
            #expect(page.contains("Påkravsgebyret for 2026 er ikke indtastet"))
        }
    }
}

extension ArrearsTests {
    @Test func anAdministratorEntersTheYearsFeeWithErrorsAtTheFields() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let admin = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let path = SiteRoute.paakravFees.path
            let wrong = try await CaseDeadlinesTests.post(
                app,
                path,
                [("year", "1999"), ("amount", "5.000"), ("source", "")],
                as: admin
            )
            #expect(wrong.0 == .unprocessableEntity)
            #expect(wrong.1.contains("Skriv et årstal mellem 2000 og 2200."))
            #expect(wrong.1.contains("Beløb i kr.: Skriv beløbet som fx 325,00 (mellem 200,00 og 1.000,00)."))
            #expect(wrong.1.contains("id=\"source-error\""))
            #expect(try await PaakravFee.query(on: app.db).filter(\.$year == 2027).count() == 0)
            let saved = try await CaseDeadlinesTests.post(
                app,
                path,
                [("year", "2027"), ("amount", "325,50"), ("source", "Bekendtgørelse 2027")],
                as: admin
            )
            #expect(saved.0 == .seeOther)
            let fee = try #require(try await PaakravFee.query(on: app.db).filter(\.$year == 2027).first())
            #expect(fee.amountOre == 32_550 && fee.source == "Bekendtgørelse 2027")
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.paakravFeeSet.rawValue).count()
                    == 1
            )
            #expect(try await CaseDeadlinesTests.get(app, path, as: admin).1.contains("325,50 kr."))

            // Whether an organisation's påkrav are reviewed first is an administrator's choice.
            let organisation = try #require(try await HousingOrganisation.query(on: app.db).first())
            let setting = SiteRoute.arrearsSetting(try organisation.requireID()).path
            let anna = try await CaseAssignmentTests.caseworker("Anna", of: try organisation.requireID(), on: app)
            let caseworker = try await PageSessions.signIn(staff: anna, on: app)
            #expect(
                try await CaseDeadlinesTests.post(app, setting, [("value", "automatic")], as: caseworker).0
                    == .forbidden
            )
            #expect(try await CaseDeadlinesTests.post(app, setting, [("value", "automatic")], as: admin).0 == .seeOther)
            #expect(try await HousingOrganisation.find(organisation.id, on: app.db)?.arrearsAutomatic == true)
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.arrearsModeSet.rawValue).count()
                    == 1
            )
            let settings = try await CaseDeadlinesTests.get(app, SiteRoute.arrearsSettings.path, as: admin).1
            #expect(settings.contains("<option value=\"automatic\" selected>Sendes automatisk</option>"))
        }
    }
}

extension ArrearsTests {
    @Test func aPaakravOnPaperRunsFromItsDispatchAndOneDispatchedTooLateIsSaidToBeInDoubt() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 60, clock: clock, running: true) { app in
            let (lease, _, organisation) = try await Self.lease(app, number: "P-1", registration: .exempt)
            try await app.db.sql().raw(
                "UPDATE housing_organisations SET arrears_automatic = \(bind: true) WHERE id = \(bind: organisation)"
            ).run()
            #expect(
                try await Self.importing(
                    app,
                    "id;lejemaal;art;dato;beloeb;tekst\nP-1;P-1;husleje;2026-11-01;5.000,00;\n"
                ).succeeded
            )
            _ = try await Self.run(app, "2026-11-23")
            try await DigitalPostOutboxTests.drain(
                [app.jobRunner(id: "w", settings: DigitalPostOutboxTests.quick)],
                app: app,
                clock: clock
            )
            let notice = try #require(try await ArrearsRun.openPaakrav(of: lease, on: app.db))
            let letter = try #require(
                try await Letter.query(on: app.db).filter(\.$caseFile.$id == notice.case_id).first()
            )
            #expect(letter.channel == .physical && letter.status == .awaitingPrint && letter.arrival == nil)
            let ledger = try await LeaseAccount.ledger(of: lease, on: app.db)
            let waiting = try #require(notice.sent)
            #expect(
                app.arrearsRules.decide(ledger, on: Self.day("2026-11-24"), sent: waiting)
                    == .awaitingArrival(owed: Money(kroner: 5_314))
            )

            // Printed and handed to the carrier a week later, on Monday 30 November: expected on
            // Monday 7 December, so the law's deadline is Monday 21 December, after the letter's
            // Tuesday 15 December. The påkrav cannot found an ophævelse; the case says so.
            clock.advance(by: 7 * 86_400)
            let batches = app.printBatches()
            let batch = try #require(
                try await batches.create(createdBy: nil, scope: .organisations([organisation])).first
            )
            _ = try await batches.markDispatched(try batch.requireID(), by: nil, scope: .all)
            let arrived = try #require(try await ArrearsRun.openPaakrav(of: lease, on: app.db)?.sent)
            #expect(arrived.arrived == Self.day("2026-12-07"))
            #expect(
                app.arrearsRules.decide(ledger, on: Self.day("2026-12-16"), sent: arrived)
                    == .statedDeadlineTooShort(owed: Money(kroner: 5_314), lawDeadline: Self.day("2026-12-21"))
            )
            let admin = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let page = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(notice.case_id).path, as: admin).1
            #expect(page.contains("fristen i brevet er kortere end lovens 14 dage (mandag den 21. december 2026)"))
            #expect(page.contains("Luk sagen, så foreslår den næste restancekørsel et nyt påkrav."))
        }
    }
}
