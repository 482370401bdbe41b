import AlmenDomain
import Fluent
import Foundation
import Letters
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// The move-out settlement (issue: Requests, item 8, the flytteopgørelse's typed form): a
/// caseworker types the inspection's figures on a termination case once the lease has ended,
/// checks the lines and the letter, and sends it once to each tenant, on paper to the address
/// they moved to.
@Suite("Move-out settlement")
struct SettlementTests {
    @Test(arguments: [
        ("4.210,00", Int64(421_000)), ("4210", 421_000), ("4210,5", 421_050), ("4.210", 421_000),
        ("0", 0), ("1.234.567,89", 123_456_789), ("4 210,00 kr.", 421_000), ("4210,-", 421_000),
    ])
    func amountsAsACaseworkerTypesThem(text: String, ore: Int64) {
        #expect(SettlementController.amount(text) == Money(ore: ore))
    }

    @Test(arguments: ["", "4,2,1", "4210,123", "42.10", "-100", "abc", "12.34.567", "10.000.001", "4210.50", ","])
    func notAmounts(text: String) {
        #expect(SettlementController.amount(text) == nil)
    }

    @Test func theLetterSpeaksToWhoReadsIt() {
        let settlement = MoveOutSettlementRules().settle(
            MoveOutSettlementInput(
                movedIn: LocalDate(year: 2025, month: 11, day: 1)!,
                movedOut: LocalDate(year: 2026, month: 11, day: 1)!,
                deposit: Money(kroner: 5_000),
                normalRepairs: .zero,
                rentOwed: Money(kroner: 6_500)
            )
        )
        let texts = [SettlementController.Reader.tenant, .tenants, .estate].map {
            SettlementController.content(settlement, reader: $0).balanceText.raw
        }
        #expect(texts[0].hasPrefix("Du skal betale 1.500,00 kr. Kontakt os, hvis du vil"))
        #expect(texts[1].hasPrefix("I skal betale 1.500,00 kr. Kontakt os, hvis I vil"))
        #expect(texts[2].hasPrefix("Dødsboet skal betale 1.500,00 kr. Kontakt os, hvis I vil"))
        #expect(!texts.joined().contains("kr.."))
    }

    @Test func theFormIsCheckedAtEachField() {
        let today = LocalDate(year: 2026, month: 11, day: 23)!
        let movedIn = LocalDate(year: 2020, month: 3, day: 1)!
        var values = SettlementController.Values()
        values.sharePerMonth = "x"
        values.damages = "mange"
        let (none, problems) = SettlementController.check(values, movedIn: movedIn, deposit: .zero, today: today)
        #expect(none == nil)
        #expect(problems.map { $0.0 } == ["movedOut", "repairs", "damages", "sharePerMonth"])
        values = .init(movedOut: "2026-11-24", repairs: "0", sharePerMonth: "1")
        #expect(
            SettlementController.check(values, movedIn: movedIn, deposit: .zero, today: today).problems.map { $0.1 }
                == ["settlementErrorMovedOutFuture"]
        )
        values = .init(
            movedOut: "2026-11-01",
            repairs: "10.000,00",
            damages: "",
            estimate: "",
            rentOwed: "500",
            loan: "",
            sharePerMonth: "1,5",
            consumptionPending: false
        )
        let (input, _) = SettlementController.check(
            values,
            movedIn: movedIn,
            deposit: Money(kroner: 9_000),
            today: today
        )
        #expect(
            input
                == MoveOutSettlementInput(
                    movedIn: movedIn,
                    movedOut: LocalDate(year: 2026, month: 11, day: 1)!,
                    deposit: Money(kroner: 9_000),
                    normalRepairs: Money(kroner: 10_000),
                    rentOwed: Money(kroner: 500),
                    sharePerMonthBasisPoints: 150
                )
        )
    }

    /// A one-tenant lease whose tenant gave notice and moved out on `ended`, its termination
    /// case, and a caseworker of its organisation signed in.
    static func movedOut(
        _ app: Application,
        ended: String
    ) async throws -> (caseID: UUID, tenant: UUID, token: String) {
        let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
        let organisation = try await RegisterLookups.organisation(ofLease: tenancy.lease_id, on: app.db)
        let caseFile = try await app.cases.open(
            .termination,
            title: "Opsigelse",
            organisationID: organisation,
            leaseID: tenancy.lease_id,
            openedBy: nil
        )
        let notice = TerminationNotice(
            id: UUID(),
            leaseID: tenancy.lease_id,
            caseID: try caseFile.requireID(),
            filedBy: tenancy.person_id,
            forwardingAddress: "Nygade 4, 2. th\n8000 Aarhus C",
            viewing: "",
            submissionToken: UUID().uuidString,
            now: Date()
        )
        notice.receivedOn = "2026-07-20"
        notice.endDate = ended
        try await notice.create(on: app.db)
        // Moved in 1 November 2020 with a deposit of 15,000 kr.
        try await Lease.query(on: app.db).filter(\.$id == tenancy.lease_id)
            .set(\.$status, to: .terminated).set(\.$endDateISO, to: ended)
            .set(\.$startDateISO, to: "2020-11-01").set(\.$depositOre, to: 1_500_000).update()
        let caseworker = try await CaseAssignmentTests.caseworker("Mette", of: organisation, on: app)
        return (try caseFile.requireID(), tenancy.person_id, try await PageSessions.signIn(staff: caseworker, on: app))
    }

    static let fields: [(String, String)] = [
        ("movedOut", "2026-11-02"), ("repairs", "10.000,00"), ("damages", "1.500,00"), ("estimate", ""),
        ("rentOwed", ""), ("loan", ""), ("sharePerMonth", "1"), ("consumptionPending", "ja"),
    ]

    @Test func aCaseworkerSendsTheSettlementOnceToTheAddressTheTenantMovedTo() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let (caseID, tenant, token) = try await Self.movedOut(app, ended: "2026-11-02")
            let path = SiteRoute.staffCaseSettlement(caseID).path
            // The case links to it, and the form starts from the lease's end.
            let (_, casePage) = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: token)
            #expect(casePage.contains(path))
            let (status, form) = try await CaseDeadlinesTests.get(app, path, as: token)
            #expect(status == .ok)
            #expect(form.contains(#"name="movedOut" value="2026-11-02""#))
            // Bad figures: at their fields, in Danish; nothing stored.
            let (refused, errors) = try await CaseDeadlinesTests.post(
                app,
                path,
                [
                    ("step", "preview"), ("movedOut", "2026-11-02"), ("repairs", ""), ("damages", "mange"),
                    ("sharePerMonth", "1"),
                ],
                as: token
            )
            #expect(refused == .unprocessableEntity)
            #expect(errors.contains(#"id="repairs-error">Skriv et beløb. Skriv 0, hvis der ingen er."#))
            #expect(errors.contains(#"id="damages-error">Skriv et beløb i kroner, fx 4.210,00."#))
            // The preview: lived there from the lease's start; the lines and the letter.
            let (previewed, preview) = try await CaseDeadlinesTests.post(
                app,
                path,
                [("step", "preview")] + Self.fields,
                as: token
            )
            #expect(previewed == .ok)
            #expect(preview.contains("Normalistandsættelse i alt"))
            #expect(preview.contains("Misligholdelse"))
            #expect(preview.contains("post til Nygade 4, 2. th, 8000 Aarhus C"))
            #expect(try await MoveOutSettlementRecord.query(on: app.db).count() == 0)
            let marker = #"name="token" value=""#
            let start = try #require(preview.range(of: marker)).upperBound
            let submission = String(preview[start...].prefix(36))
            for _ in 0..<2 {
                let (sent, _) = try await CaseDeadlinesTests.post(
                    app,
                    path,
                    [("step", "send"), ("token", submission)] + Self.fields,
                    as: token
                )
                #expect(sent == .seeOther)
            }
            let record = try #require(try await MoveOutSettlementRecord.query(on: app.db).first())
            #expect(try await MoveOutSettlementRecord.query(on: app.db).count() == 1)
            #expect(record.depositOre == 1_500_000)
            #expect(record.repairsOre == 1_000_000)
            #expect(record.damagesOre == 150_000)
            let letters = try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID)
                .filter(\.$kind == .moveOutSettlement).all()
            #expect(letters.count == 1)
            let letter = try #require(letters.first)
            #expect(letter.$recipient.id == tenant)
            let document = try JSONDecoder().decode(LetterDocument.self, from: letter.documentJSON)
            #expect(document.recipient.lines == ["Nygade 4, 2. th", "8000 Aarhus C"])
            // Where to turn if the tenant disagrees (ALL § 102).
            let text = try PDFText.extract(letter.pdf)
            #expect(text.contains("Hvis du er uenig") && text.contains("beboerklagenævnet"))
            // By hand: 1 November 2020 to 2 November 2026 is 72 months, so the department pays
            // 7,200 of the 10,000; the tenant 2,800 and the damage 1,500 of the deposit of 15,000:
            // 10,700 back, of which 1,000 waits for the consumption accounts.
            #expect(record.payoutOre == 970_000)
            #expect(record.toPayOre == 0)
            // The case says so, and a second settlement is not offered.
            let (_, after) = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.staffCase(caseID).path(query: [("besked", "flytteopgoerelse")]),
                as: token
            )
            #expect(after.contains("Flytteopgørelsen er sendt."))
            let (_, again) = try await CaseDeadlinesTests.get(app, path, as: token)
            #expect(again.contains("Flytteopgørelsen er lavet og sendt"))
            #expect(!again.contains(#"name="repairs""#))
        }
    }

    @Test func theDepartmentsOwnShareIsKeptOnItsPageAndTheSettlementStartsFromIt() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let (caseID, _, token) = try await Self.movedOut(app, ended: "2026-11-02")
            let caseFile = try #require(try await CaseFile.find(caseID, on: app.db))
            let lease = try #require(try await Lease.find(caseFile.$lease.id, on: app.db))
            let dwelling = try #require(try await Dwelling.find(lease.$dwelling.id, on: app.db))
            let departmentID = dwelling.$department.id
            let contact = try #require(try await Department.find(departmentID, on: app.db)).serviceName
            let page = SiteRoute.departmentContact(departmentID).path
            // A wrong figure: at its field, in Danish; nothing saved.
            let (refused, errors) = try await CaseDeadlinesTests.post(
                app,
                page,
                [("section", "share"), ("share", "halvanden")],
                as: token
            )
            #expect(refused == .unprocessableEntity)
            #expect(errors.contains(#"id="share-error">Skriv en procentsats fra 0 til 100"#))
            #expect(try await Department.find(departmentID, on: app.db)?.repairShareBasisPoints == nil)
            // Half a per cent a month, saved and audited.
            let (saved, _) = try await SwapTests.post(app, page, [("section", "share"), ("share", "0,5 %")], as: token)
            #expect(saved == .seeOther)
            #expect(try await Department.find(departmentID, on: app.db)?.repairShareBasisPoints == 50)
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.departmentRepairShare.rawValue)
                    .count() == 1
            )
            let (_, shown) = try await CaseDeadlinesTests.get(app, page + "?besked=andel", as: token)
            #expect(shown.contains(#"id="share" name="share" value="0,5""#))
            #expect(shown.contains("Afdelingens andel er gemt."))
            // The contact details are untouched by it.
            #expect(try await Department.find(departmentID, on: app.db)?.serviceName == contact)
            // The settlement starts from the department's share.
            let (_, form) = try await CaseDeadlinesTests.get(app, SiteRoute.staffCaseSettlement(caseID).path, as: token)
            #expect(form.contains(#"name="sharePerMonth" value="0,5""#))
            // Emptied, the standard applies again.
            _ = try await SwapTests.post(app, page, [("section", "share"), ("share", "")], as: token)
            #expect(try await Department.find(departmentID, on: app.db)?.repairShareBasisPoints == nil)
            let (_, standard) = try await CaseDeadlinesTests.get(app, page + "?besked=andel", as: token)
            #expect(standard.contains("Afdelingen bruger nu standardsatsen på 1 % pr. måned."))
        }
    }

    @Test func notBeforeTheLeaseHasEndedAndNotForAnotherOrganisation() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let (caseID, _, token) = try await Self.movedOut(app, ended: "2027-03-01")
            let path = SiteRoute.staffCaseSettlement(caseID).path
            let (_, form) = try await CaseDeadlinesTests.get(app, path, as: token)
            #expect(form.contains("Flytteopgørelsen kan laves, når lejemålet er slut."))
            let (status, _) = try await CaseDeadlinesTests.post(
                app,
                path,
                [("step", "send"), ("token", UUID().uuidString)] + Self.fields,
                as: token
            )
            #expect(status == .ok)
            #expect(try await MoveOutSettlementRecord.query(on: app.db).count() == 0)
            #expect(try await Letter.query(on: app.db).filter(\.$kind == .moveOutSettlement).count() == 0)
            // A general case has no settlement.
            let (general, _) = try await CaseDeadlinesTests.openCase(app)
            let admin = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let other = SiteRoute.staffCaseSettlement(try general.requireID()).path
            #expect(try await CaseDeadlinesTests.get(app, other, as: admin).0 == .notFound)
            // A termination case without a notice that arrived takes none either.
            let bare = try await app.cases.open(
                .termination,
                title: "Opsigelse",
                organisationID: try #require(try await CaseFile.find(caseID, on: app.db)).$organisation.id,
                leaseID: try #require(try await CaseFile.find(caseID, on: app.db)).$lease.id,
                openedBy: nil
            )
            let (_, noNotice) = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.staffCaseSettlement(try bare.requireID()).path,
                as: admin
            )
            #expect(noNotice.contains("Flytteopgørelsen laves på den sag, hvor opsigelsen kom frem"))
            // A caseworker of another organisation finds no such case.
            let mine = try #require(try await CaseFile.find(caseID, on: app.db)).$organisation.id
            let theirs = try await CaseAssignmentTests.caseworkerElsewhere(than: mine, on: app)
            #expect(try await CaseDeadlinesTests.get(app, path, as: theirs).0 == .notFound)
            let (refused, _) = try await CaseDeadlinesTests.post(
                app,
                path,
                [("step", "send"), ("token", UUID().uuidString)] + Self.fields,
                as: theirs
            )
            #expect(refused == .notFound)
        }
    }

    @Test func afterADeathTheSettlementGoesToTheEstatesRepresentative() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let (leaseID, tenant, _, token) = try await EstateNoticeTests.lease(app, housing: .family)
            // Notice received 10 July: from 1 August, 3 months: Monday 2 November 2026.
            let fields = EstateNoticeTests.fields().map { field in
                switch field.0 {
                case "diedOn": ("diedOn", "2026-07-01")
                case "receivedOn": ("receivedOn", "2026-07-10")
                default: field
                }
            }
            let (registered, _) = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.staffEstateNotice(leaseID).path,
                [("step", "send"), ("token", UUID().uuidString)] + fields,
                as: token
            )
            #expect(registered == .seeOther)
            let notice = try #require(try await TerminationNotice.query(on: app.db).first())
            #expect(notice.endDate == "2026-11-02")
            let (sent, _) = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.staffCaseSettlement(notice.caseID).path,
                [("step", "send"), ("token", UUID().uuidString)] + Self.fields,
                as: token
            )
            #expect(sent == .seeOther)
            let letter = try #require(
                try await Letter.query(on: app.db).filter(\.$kind == .moveOutSettlement).first()
            )
            #expect(letter.$recipient.id == tenant.id)
            #expect(letter.channel == .physical)
            let document = try JSONDecoder().decode(LetterDocument.self, from: letter.documentJSON)
            #expect(document.recipient.name == "Dødsboet efter \(tenant.fullName)")
            #expect(document.recipient.lines == ["v/ Anne Nielsen", "Skovvej 3", "8200 Aarhus N"])
        }
    }
}
