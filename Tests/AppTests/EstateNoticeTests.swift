import AlmenDomain
import Fluent
import Foundation
import Letters
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// A notice after a tenant's death (issue: Requests, item 1): a caseworker finds the lease,
/// registers the notice the estate (or an authority) gave, sees the end date by the rules and
/// the letter, and sends the confirmation on paper to the representative. The lease ends, the
/// case holds it all, and a form sent twice makes one notice.
@Suite("Notice after a death")
struct EstateNoticeTests {
    typealias Values = EstateNoticeController.Values

    /// The form's checks, without a database. Today is Monday 23 November 2026; the lease began
    /// on 1 March 2020.
    @Test(arguments: [
        (Values(), ["diedOn", "receivedOn", "filer", "representativeName", "representativeAddress", "confirm"]),
        (Self.filled(diedOn: "2026-11-24"), ["diedOn"]),
        (Self.filled(diedOn: "2020-02-29"), ["diedOn"]),
        (Self.filled(diedOn: "31.11.2026"), ["diedOn"]),
        // Typed the Danish way, it is the same day.
        (Self.filled(diedOn: "10.11.2026", receivedOn: "20.11.2026"), []),
        (Self.filled(receivedOn: "2026-11-24"), ["receivedOn"]),
        (Self.filled(receivedOn: "2026-11-09"), ["receivedOn"]),
        (Self.filled(filer: "heir"), ["filer"]),
        (Self.filled(address: "Skovvej 3"), ["representativeAddress"]),
        (Self.filled(address: "a\nb\nc\nd\ne"), ["representativeAddress"]),
        (Self.filled(name: String(repeating: "x", count: 101)), ["representativeName"]),
        (Self.filled(), []),
        // Died today and the notice came today: both may be today.
        (Self.filled(diedOn: "2026-11-23", receivedOn: "2026-11-23"), []),
    ])
    func theFormIsChecked(values: Values, fields: [String]) {
        let (notice, problems) = EstateNoticeController.check(
            values,
            today: LocalDate(year: 2026, month: 11, day: 23)!,
            leaseStart: LocalDate(year: 2020, month: 3, day: 1)!
        )
        #expect(problems.map { $0.0 } == fields)
        #expect((notice == nil) == !fields.isEmpty)
    }

    @Test func theNoticeCarriesTheDatesAndTheAddressLineByLine() throws {
        let (notice, _) = EstateNoticeController.check(
            Self.filled(address: "  c/o Advokat Berg \r\n\r\nSkovvej 3\r\n8200 Aarhus N "),
            today: LocalDate(year: 2026, month: 11, day: 23)!,
            leaseStart: nil
        )
        let found = try #require(notice)
        #expect(found.diedOn == LocalDate(year: 2026, month: 11, day: 10))
        #expect(found.receivedOn == LocalDate(year: 2026, month: 11, day: 20))
        #expect(
            found.representative
                == PostalAddress(name: "Anne Nielsen", lines: ["c/o Advokat Berg", "Skovvej 3", "8200 Aarhus N"])
        )
        #expect(
            EstateNoticeController.addressee(found, deceased: "Jens Nielsen")
                == PostalAddress(
                    name: "Dødsboet efter Jens Nielsen",
                    lines: ["v/ Anne Nielsen", "c/o Advokat Berg", "Skovvej 3", "8200 Aarhus N"]
                )
        )
    }

    static func filled(
        diedOn: String = "2026-11-10",
        receivedOn: String = "2026-11-20",
        filer: String = "estate",
        name: String = "Anne Nielsen",
        address: String = "Skovvej 3\n8200 Aarhus N"
    ) -> Values {
        Values(
            diedOn: diedOn,
            receivedOn: receivedOn,
            filer: filer,
            representativeName: name,
            representativeAddress: address,
            viewing: "",
            confirm: true
        )
    }

    /// A one-tenant lease made `housing` housing, with its tenant, its address and a caseworker
    /// of its organisation signed in.
    static func lease(
        _ app: Application,
        housing: HousingType
    ) async throws -> (lease: UUID, tenant: Person, address: String, token: String) {
        let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
        let lease = try #require(try await Lease.find(tenancy.lease_id, on: app.db))
        let dwelling = try #require(try await Dwelling.find(lease.$dwelling.id, on: app.db))
        dwelling.housingType = housing
        try await dwelling.update(on: app.db)
        let organisation = try await RegisterLookups.organisation(ofLease: tenancy.lease_id, on: app.db)
        let caseworker = try await CaseAssignmentTests.caseworker("Mette", of: organisation, on: app)
        let token = try await PageSessions.signIn(staff: caseworker, on: app)
        let tenant = try #require(try await Person.find(tenancy.person_id, on: app.db))
        return (tenancy.lease_id, tenant, dwelling.addressLine, token)
    }

    static func fields(filer: String = "estate", sag: UUID? = nil) -> [(String, String)] {
        [
            ("diedOn", "2026-11-10"), ("receivedOn", "2026-11-20"), ("filer", filer),
            ("representativeName", filer == "estate" ? "Anne Nielsen" : "Aarhus Kommune, Plejecentret Solgården"),
            ("representativeAddress", "Skovvej 3\r\n8200 Aarhus N"), ("viewing", "Efter aftale med Anne"),
            ("confirm", "ja"),
        ] + (sag.map { [("sag", $0.uuidString)] } ?? [])
    }

    /// On PostgreSQL the name indexes the search reads keep a thousand histogram buckets
    /// (`AddNameSearchStatistics`), so a common family name is not taken for thousands of people.
    @Test func theSearchsNameIndexesKeepFinerStatisticsOnPostgres() async throws {
        try await withTestApp { app in
            let sql = try app.db.sql()
            guard sql.dialect.name == "postgresql" else { return }
            struct Target: Decodable {
                let name: String
                let target: Int
            }
            let targets = try await sql.raw(
                """
                SELECT c.relname AS name, CAST(a.attstattarget AS INTEGER) AS target
                FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = 1
                WHERE c.relname IN (\(binds: AddNameSearchStatistics.indexes)) ORDER BY c.relname
                """
            ).all(decoding: Target.self)
            #expect(targets.map(\.name) == AddNameSearchStatistics.indexes.sorted())
            #expect(targets.allSatisfy { $0.target == AddNameSearchStatistics.target })
            // The address is searched by its index without punctuation; the old one is gone.
            struct Index: Decodable { let indexname: String }
            let indexes = try await sql.raw(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'dwellings' AND indexname LIKE 'dwellings_address_%'"
            ).all(decoding: Index.self)
            #expect(indexes.map(\.indexname) == [AddAddressSearchIndex.name])
        }
    }

    /// The address as a letter writes it, with its town, with or without its punctuation or with
    /// a space too many, and a name written "Family, Given": each finds the lease.
    @Test func theSearchFindsAnAddressAsLettersWriteItAndANameWithAComma() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let (leaseID, tenant, _, token) = try await Self.lease(app, housing: .family)
            let lease = try #require(try await Lease.find(leaseID, on: app.db))
            let dwelling = try #require(try await Dwelling.find(lease.$dwelling.id, on: app.db))
            dwelling.street = "Skt. Peders Stræde"
            dwelling.houseNumber = "15"
            dwelling.floor = "st"
            dwelling.door = "tv"
            try await dwelling.update(on: app.db)
            let town = "\(dwelling.postalCode) \(dwelling.city)"
            for search in [
                "Skt. Peders Stræde 15, st. tv, \(town)", "Skt. Peders Stræde 15, st. tv", "skt peders stræde 15 st tv",
                "Skt. Peders Stræde 15,st. tv", "Skt.  Peders   Stræde 15", "\(tenant.familyName), \(tenant.givenName)",
                "\(tenant.givenName)  \(tenant.familyName)",
            ] {
                let path = SiteRoute.staffEstateNotices.path(query: [("q", search)])
                let (_, found) = try await CaseDeadlinesTests.get(app, path, as: token)
                #expect(found.contains(SiteRoute.staffEstateNotice(leaseID).path), "\(search)")
            }
            // Each home found names its lease by number, which tells row houses of one address apart.
            let number = try #require(lease.number)
            let byNumber = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.staffEstateNotices.path(query: [("q", number)]),
                as: token
            ).1
            #expect(byNumber.contains("Lejemål \(number) · "))
            // The beginning still: the house number without its street finds nothing, and
            // punctuation alone is the beginning of nothing.
            for search in ["15, st. tv", ".", ",", ". ,"] {
                let path = SiteRoute.staffEstateNotices.path(query: [("q", search)])
                let (_, page) = try await CaseDeadlinesTests.get(app, path, as: token)
                #expect(!page.contains(leaseID.lowercasedString), "\(search)")
                #expect(search.first == "1" || page.contains("Ingen lejemål passer på søgningen."), "\(search)")
            }
        }
    }

    /// The index the address search reads is on the expression the search writes.
    @Test func theAddressIndexIsOnTheSearchsExpression() {
        #expect(AddAddressSearchIndex.expression == EstateNoticePage.address.replacingOccurrences(of: "d.", with: ""))
        #expect(EstateNoticePage.addressText("Havevej 15, st. tv,  4700 Næstved") == "Havevej 15 st tv 4700 Næstved")
        #expect(EstateNoticePage.nameText(" Nielsen,Mette ") == "Nielsen Mette")
    }

    @Test func aCaseworkerRegistersAnEstatesNoticeForACareHomeAndTheConfirmationGoesByPost() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let (leaseID, tenant, address, token) = try await Self.lease(app, housing: .care)
            // Found by the address as pages write it, and by the tenant's name either way round.
            let search = SiteRoute.staffEstateNotices.path(query: [("q", address)])
            let (_, found) = try await CaseDeadlinesTests.get(app, search, as: token)
            #expect(found.contains(SiteRoute.staffEstateNotice(leaseID).path))
            // The beginning of what is searched: the end of the address alone finds nothing.
            let ending = SiteRoute.staffEstateNotices.path(query: [("q", String(address.dropFirst(3)))])
            #expect(
                !(try await CaseDeadlinesTests.get(app, ending, as: token).1.contains(
                    SiteRoute.staffEstateNotice(leaseID).path
                ))
            )
            let byName = SiteRoute.staffEstateNotices.path(query: [("q", "\(tenant.familyName) \(tenant.givenName)")])
            let (_, named) = try await CaseDeadlinesTests.get(app, byName, as: token)
            #expect(named.contains(SiteRoute.staffEstateNotice(leaseID).path))
            // The search is a read of the tenants it shows.
            let searched = try await AuditEvent.query(on: app.db)
                .filter(\.$action == AuditAction.estateNoticeSearch.rawValue).filter(\.$dataSubjectID == tenant.id)
                .count()
            #expect(searched >= 1)
            let path = SiteRoute.staffEstateNotice(leaseID).path
            let (status, form) = try await CaseDeadlinesTests.get(app, path, as: token)
            #expect(status == .ok)
            // One tenant: "Lejer", not "Lejere".
            #expect(form.contains("<dt>Lejer</dt>"))
            #expect(form.contains(tenant.fullName))
            #expect(form.contains("Plejebolig"))
            // Nothing filled in: each problem at its field, in Danish, and nothing stored.
            let (empty, errors) = try await CaseDeadlinesTests.post(app, path, [("step", "preview")], as: token)
            #expect(empty == .unprocessableEntity)
            #expect(errors.contains(#"id="diedOn-error">Skriv datoen for dødsfaldet."#))
            #expect(errors.contains(#"id="representativeAddress-error">Skriv adressen på mindst to linjer"#))
            #expect(errors.contains(#"id="confirm-error">Bekræft, at ingen fortsætter lejemålet"#))
            // The summary names the confirmation in a word, not by its whole sentence.
            #expect(errors.contains("Bekræftelse: Bekræft, at ingen fortsætter lejemålet"))
            // The preview: the care-housing rule (the running month and 30 days), and the letter.
            let (previewed, preview) = try await CaseDeadlinesTests.post(
                app,
                path,
                [("step", "preview")] + Self.fields(),
                as: token
            )
            #expect(previewed == .ok)
            #expect(preview.contains("onsdag den 30. december 2026"))
            // Said to the caseworker about the estate: no "du", and what they typed about showing it.
            #expect(!preview.contains("hvis du flytter") && preview.contains("Dødsboet betaler husleje frem til da"))
            #expect(preview.contains("<dt>Fremvisning</dt><dd class=\"pre-line\">Efter aftale med Anne</dd>"))
            #expect(preview.contains("Dødsboet efter \(tenant.fullName)<br>v/ Anne Nielsen"))
            #expect(preview.contains("som \(tenant.fullName) lejede"))
            #expect(try await TerminationNotice.query(on: app.db).count() == 0)
            let marker = #"name="token" value=""#
            let start = try #require(preview.range(of: marker)).upperBound
            let submission = String(preview[start...].prefix(36))
            var caseIDs: Set<String> = []
            for _ in 0..<2 {
                try await app.testing().test(
                    .POST,
                    path,
                    headers: TerminationNoticeTests.headers(token),
                    body: TerminationNoticeTests.form([("step", "send"), ("token", submission)] + Self.fields())
                ) { res async throws in
                    #expect(res.status == .seeOther, "\(res.body.string)")
                    let location = try #require(res.headers.first(name: .location))
                    caseIDs.insert(String(location.prefix { $0 != "?" }))
                }
            }
            #expect(caseIDs.count == 1)
            let notice = try #require(try await TerminationNotice.query(on: app.db).first())
            #expect(try await TerminationNotice.query(on: app.db).count() == 1)
            #expect(notice.receivedOn == "2026-11-20")
            #expect(notice.endDate == "2026-12-30")
            #expect(notice.estateFiler == .estate)
            #expect(notice.diedOn == "2026-11-10")
            #expect(notice.filedBy == tenant.id)
            #expect(notice.representativeAddress == "Skovvej 3\n8200 Aarhus N")
            let lease = try #require(try await Lease.find(leaseID, on: app.db))
            #expect(lease.status == .terminated)
            #expect(lease.endDateISO == "2026-12-30")
            let caseFile = try #require(try await CaseFile.find(notice.caseID, on: app.db))
            #expect(caseFile.kind == .termination)
            #expect(caseFile.$lease.id == leaseID)
            // The confirmation goes on paper to the representative, never to the dead tenant's
            // Digital Post.
            let letter = try #require(
                try await Letter.query(on: app.db).filter(\.$caseFile.$id == notice.caseID).first()
            )
            #expect(letter.kind == .estateTerminationConfirmation)
            #expect(letter.channel == .physical)
            #expect(letter.status == .awaitingPrint)
            let document = try JSONDecoder().decode(LetterDocument.self, from: letter.documentJSON)
            #expect(
                document.recipient
                    == PostalAddress(
                        name: "Dødsboet efter \(tenant.fullName)",
                        lines: ["v/ Anne Nielsen", "Skovvej 3", "8200 Aarhus N"]
                    )
            )
            // It names the case it opened.
            #expect(document.caseNumber == caseFile.number)
            // The answer deadline is met; the case shows who gave notice.
            let deadlines = try await CaseDeadlinesTests.deadlines(app, of: notice.caseID)
            #expect(deadlines.first { $0.kind == .answer }?.metAt != nil)
            let (_, casePage) = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.staffCase(notice.caseID).path(query: [("besked", "doedsbo")]),
                as: token
            )
            #expect(casePage.contains("Opsigelsen er registreret"))
            #expect(casePage.contains("<dd>Dødsboet</dd>"))
            // The letter went to the estate: its history says so, and nobody writes to the dead.
            #expect(casePage.contains("Dødsboet efter \(tenant.fullName)"))
            #expect(!casePage.contains(#"name="recipient""#))
            #expect(casePage.contains("10. november 2026"))
            #expect(casePage.contains("Opsigelsen fra dødsboet er registreret"))
            // A second notice is not offered.
            let (_, again) = try await CaseDeadlinesTests.get(app, path, as: token)
            #expect(again.contains("Lejemålet er allerede opsagt"))
            #expect(!again.contains(#"name="diedOn""#))
            let audited = try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.estateNotice.rawValue)
                .count()
            #expect(audited == 1)
        }
    }

    @Test func aFamilyLeaseEndsByTheFamilyRuleAndTheCaseOpenedForTheMailIsCompleted() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let (leaseID, tenant, _, token) = try await Self.lease(app, housing: .family)
            let tenantID = try tenant.requireID()
            let organisation = try await RegisterLookups.organisation(ofLease: leaseID, on: app.db)
            // The municipality's letter came in, and a caseworker opened a termination case for it.
            let mailCase = try await app.cases.open(
                .termination,
                title: "Henvendelse",
                organisationID: organisation,
                leaseID: nil,
                openedBy: nil
            )
            let caseID = try mailCase.requireID()
            let (_, casePage) = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: token)
            #expect(casePage.contains("Registrér opsigelse ved dødsfald"))
            let path = SiteRoute.staffEstateNotice(leaseID).path
            let (_, form) = try await CaseDeadlinesTests.get(
                app,
                path + "?sag=\(caseID.uuidString.lowercased())",
                as: token
            )
            #expect(form.contains("Opsigelsen bliver en del af sag \(mailCase.number)"))
            let (status, _) = try await CaseDeadlinesTests.post(
                app,
                path,
                [("step", "send"), ("token", UUID().uuidString)] + Self.fields(filer: "authority", sag: caseID),
                as: token
            )
            #expect(status == .seeOther)
            let notice = try #require(try await TerminationNotice.query(on: app.db).first())
            #expect(notice.caseID == caseID)
            // Received 20 November: notice from 1 December, 3 months, ends Monday 1 March 2027.
            #expect(notice.endDate == "2027-03-01")
            #expect(notice.estateFiler == .authority)
            #expect(try await CaseFile.find(caseID, on: app.db)?.$lease.id == leaseID)
            #expect(
                try await CaseParty.query(on: app.db).filter(\.$caseFile.$id == caseID).filter(
                    \.$person.$id == tenantID
                )
                .count() == 1
            )
            let letter = try #require(try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).first())
            let document = try JSONDecoder().decode(LetterDocument.self, from: letter.documentJSON)
            #expect(document.recipient.name == "Aarhus Kommune, Plejecentret Solgården")
            // It names the case of the municipality's letter, which it went into.
            #expect(document.caseNumber == (try await CaseFile.find(caseID, on: app.db))?.number)
            #expect(try await CaseFile.query(on: app.db).filter(\.$kind == .termination).count() == 1)
        }
    }

    /// The leases found are in address order with house numbers as numbers: 3 before 11.
    @Test func theSearchListsHouseNumbersInNumberOrder() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let (leaseID, _, _, token) = try await Self.lease(app, housing: .family)
            let lease = try #require(try await Lease.find(leaseID, on: app.db))
            let first = try #require(try await Dwelling.find(lease.$dwelling.id, on: app.db))
            let neighbours = try await Dwelling.query(on: app.db).filter(\.$department.$id == first.$department.id)
                .filter(\.$id != first.requireID()).all()
            var second: Dwelling?
            for dwelling in neighbours {
                let leases = try await Lease.query(on: app.db).filter(\.$dwelling.$id == dwelling.requireID())
                    .filter(\.$status != .ended).count()
                if leases > 0 {
                    second = dwelling
                    break
                }
            }
            let other = try #require(second)
            for (dwelling, number) in [(first, "11"), (other, "3")] {
                dwelling.street = "Tværvej"
                dwelling.houseNumber = number
                try await dwelling.update(on: app.db)
            }
            let search = SiteRoute.staffEstateNotices.path(query: [("q", "Tværvej")])
            let (_, page) = try await CaseDeadlinesTests.get(app, search, as: token)
            let three = try #require(page.range(of: "<strong>Tværvej 3"))
            let eleven = try #require(page.range(of: "<strong>Tværvej 11"))
            #expect(three.lowerBound < eleven.lowerBound)
            // In one house the ground floor comes before the first.
            for (dwelling, floor) in [(first, "1"), (other, "st")] {
                dwelling.houseNumber = "5"
                dwelling.floor = floor
                dwelling.door = nil
                try await dwelling.update(on: app.db)
            }
            let (_, house) = try await CaseDeadlinesTests.get(app, search, as: token)
            let ground = try #require(house.range(of: "<strong>Tværvej 5, st."))
            let firstFloor = try #require(house.range(of: "<strong>Tværvej 5, 1."))
            #expect(ground.lowerBound < firstFloor.lowerBound)
        }
    }

    @Test func aLeaseWithCoTenantsAnotherOrganisationsLeaseAndResidentsAreRefused() async throws {
        try await withTestApp(seedHomes: 40) { app in
            // Two tenants: the other goes on with the lease; nothing is stored whatever is sent.
            let shared = try #require(try await TerminationNoticeTests.tenancies(2, on: app).first)
            let path = SiteRoute.staffEstateNotice(shared.lease_id).path
            let admin = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let (_, form) = try await CaseDeadlinesTests.get(app, path, as: admin)
            #expect(form.contains("Lejemålet har mere end én lejer"))
            // Showing the lease's people is audited: the read, and each of them once.
            let reads = {
                try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.estateNoticeRead.rawValue).all()
            }
            let people = try await (app.db as! any SQLDatabase).raw(
                """
                SELECT person_id FROM lease_tenants WHERE lease_id = \(bind: shared.lease_id)
                UNION SELECT person_id FROM household_members WHERE lease_id = \(bind: shared.lease_id)
                """
            ).all(decoding: PersonIDRow.self).map(\.person_id)
            let shown = try await reads()
            #expect(shown.count == people.count + 1 && shown.allSatisfy { $0.subjectID == shared.lease_id })
            #expect(Set(shown.compactMap(\.dataSubjectID)) == Set(people) && people.contains(shared.person_id))
            let (status, _) = try await CaseDeadlinesTests.post(
                app,
                path,
                [("step", "send"), ("token", UUID().uuidString)] + Self.fields(),
                as: admin
            )
            #expect(status == .ok)
            #expect(try await TerminationNotice.query(on: app.db).count() == 0)
            // A lease of an organisation the caseworker does not serve: as if it did not exist.
            let mine = try await RegisterLookups.organisation(ofLease: shared.lease_id, on: app.db)
            let theirs = try await CaseAssignmentTests.caseworkerElsewhere(than: mine, on: app)
            let readBefore = try await reads().count
            #expect(try await CaseDeadlinesTests.get(app, path, as: theirs).0 == .notFound)
            // What was not shown was not read: no audit for the lease outside the scope.
            #expect(try await reads().count == readBefore)
            let (single, _, singleAddress, ownToken) = try await Self.lease(app, housing: .family)
            let (refused, _) = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.staffEstateNotice(single).path,
                [("step", "send"), ("token", UUID().uuidString)] + Self.fields(),
                as: theirs
            )
            #expect(refused == .notFound)
            // Its address finds it for its own caseworker, and nothing for the other.
            let search = SiteRoute.staffEstateNotices.path(query: [("q", singleAddress)])
            #expect(try await CaseDeadlinesTests.get(app, search, as: ownToken).1.contains("/admin/doedsfald/"))
            #expect(!(try await CaseDeadlinesTests.get(app, search, as: theirs).1.contains("/admin/doedsfald/")))
            // A resident is no caseworker.
            let resident = try await PageSessions.signIn(person: shared.person_id, on: app)
            #expect(try await CaseDeadlinesTests.get(app, path, as: resident).0 != .ok)
            #expect(try await TerminationNotice.query(on: app.db).count() == 0)
        }
    }
}

private struct PersonIDRow: Decodable {
    let person_id: UUID
}
