import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// `almen seed`: a deterministic, realistic and fictitious register.
@Suite("Demo seed")
struct DemoSeedTests {
    @Test func theSameSeedGivesTheSameRegister() async throws {
        var first: [String] = []
        var second: [String] = []
        try await withTestApp(seedHomes: 150) { app in first = try await fingerprint(app.db) }
        try await withTestApp(seedHomes: 150) { app in second = try await fingerprint(app.db) }

        #expect(!first.isEmpty)
        #expect(first == second)
    }

    @Test func theRegisterCoversEveryHousingTypeBoardsAndDigitalPostStatuses() async throws {
        try await withTestApp(seedHomes: 600) { app in
            #expect(try await Dwelling.query(on: app.db).count() == 600)
            let types = Set(try await Dwelling.query(on: app.db).all(\.$housingType))
            #expect(types == Set(HousingType.allCases))
            #expect(try await Dwelling.query(on: app.db).filter(\.$municipallyAssigned == true).count() > 0)
            #expect(try await LeaseTenant.query(on: app.db).filter(\.$role == .coTenant).count() > 0)
            #expect(try await Lease.query(on: app.db).filter(\.$noticeWeeks != nil).count() > 0)
            #expect(try await HouseholdMember.query(on: app.db).count() > 0)
            #expect(try await StaffUser.query(on: app.db).count() >= 5)
            let statuses = Set(try await SandboxCitizen.query(on: app.db).all(\.$registrationStatus))
            #expect(statuses.isSuperset(of: [.registered, .exempt, .unknown]))
            #expect(try await HousingOrganisation.query(on: app.db).filter(\.$eligiblePublicSender == true).count() > 0)
            // Department boards are always odd in number (ABL § 34).
            let seats = try await BoardMembership.query(on: app.db).filter(\.$board == .department).all()
            let perDepartment = Dictionary(grouping: seats, by: { $0.$department.id })
            #expect(!perDepartment.isEmpty)
            #expect(perDepartment.values.allSatisfy { $0.count % 2 == 1 && $0.count >= 3 })
            // The organisation's boards have a current and an expired term.
            let today = LocalDate(testNow, timeZone: danishTimeZone)
            let organisationSeats = try await BoardMembership.query(on: app.db).filter(\.$board == .organisation).all()
            #expect(organisationSeats.contains { $0.isActive(on: today) })
            #expect(organisationSeats.contains { !$0.isActive(on: today) })
            #expect(try await AppSetting.find(AppSetting.Key.demoData, on: app.db)?.value == "true")
        }
    }

    @Test func cprNumbersAreFictitiousEncryptedAndFoundByTheirKeyedHash() async throws {
        try await withTestApp(seedHomes: 60) { app in
            let people = try await Person.query(on: app.db).all()
            #expect(people.count > 60)
            let vault = app.cprVault
            for person in people.prefix(50) {
                let ciphertext = try #require(person.cprCiphertext)
                let cpr = try vault.open(ciphertext)
                #expect(cpr.isReplacementNumber)
                #expect(!String(decoding: ciphertext, as: UTF8.self).contains(cpr.digits))
                #expect(person.cprLookupHash == vault.lookupHash(cpr))
                let found = try await Person.query(on: app.db).filter(\.$cprLookupHash == vault.lookupHash(cpr)).all()
                #expect(found.map(\.id) == [person.id])
            }
        }
    }

    @Test func seedingRefusesARegisterThatHasData() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let seeder = DemoSeeder(
                homes: 20,
                seed: 7,
                referenceDate: LocalDate(year: 2026, month: 11, day: 23)!,
                vault: app.cprVault
            )
            await #expect(throws: SeedError.notEmpty) { _ = try await seeder.run(on: app.db) }
            let dwellings = try await Dwelling.query(on: app.db).count()
            #expect(dwellings == 20)
        }
    }

    @Test func fictitiousCVRNumbersFailTheModulus11Check() {
        var random = SeededRandom(seed: 3)
        var used = Set<String>()
        for _ in 0..<200 {
            let cvr = DemoRegisterGenerator.fictitiousCVR(&random, used: &used)
            let digits = cvr.compactMap(\.wholeNumberValue)
            let sum = zip(digits, [2, 7, 6, 5, 4, 3, 2, 1]).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(digits.count == 8)
            #expect(sum % 11 != 0)
        }
    }

    /// Names, addresses and rents in a stable order: what "the same register" means.
    private func fingerprint(_ database: any Database) async throws -> [String] {
        let organisations = try await HousingOrganisation.query(on: database).sort(\.$cvr).all().map {
            "\($0.cvr) \($0.name)"
        }
        let dwellings = try await Dwelling.query(on: database).sort(\.$id).all().map {
            "\($0.id!) \($0.addressLine) \($0.postalCode) \($0.habitableRooms) \($0.housingType)"
        }
        let people = try await Person.query(on: database).sort(\.$id).all().map {
            "\($0.id!) \($0.fullName) \($0.cprLookupHash ?? "-")"
        }
        let leases = try await Lease.query(on: database).sort(\.$id).all().map {
            "\($0.id!) \($0.startDateISO) \($0.monthlyRentOre)"
        }
        return organisations + dwellings + people + leases
    }
}
