import AlmenDomain
import Fluent
import Foundation
import Vapor

/// Someone a development login offers (the sandbox MitID and staff providers, wired by the
/// `almen` executable in development): who they are to MitID or the staff login.
public struct DemoPerson: Sendable, Equatable {
    /// The person's or staff member's id, as the provider's `sub`.
    public let subject: String
    public let name: String
    /// A fictitious replacement number only; nil for staff and for someone without one.
    public let cpr: String?
    public let email: String?
    /// Who they are in the demo, in Danish ("Lejer, Engvej 12, 2. th").
    public let role: String
}

/// The development logins' people, read from the demo register: residents of every kind for
/// MitID (tenants, a co-tenant, an adult household member, board members), staff for the staff
/// provider. Their CPR numbers are the register's fictitious replacement numbers.
public struct DemoPeople: Sendable {
    let database: any Database
    let vault: CPRVault
    let audience: OIDCConfiguration.Audience
    let today: @Sendable () -> LocalDate

    public func people() async throws -> [DemoPerson] {
        switch audience {
        case .staff:
            return try await StaffUser.query(on: database).filter(\.$active == true).sort(\.$role).sort(\.$name).limit(
                12
            ).all()
                .map(staffPerson)
        case .resident:
            var chosen: [(Person, String)] = []
            let tenants = try await LeaseTenant.query(on: database).with(\.$person)
                .with(\.$lease) { $0.with(\.$dwelling) }.sort(\.$id).limit(400).all()
            // Three tenants, then a lease with two: its tenant and its co-tenant, so that giving
            // notice together (each signs with MitID) can be tried.
            let coTenancy = tenants.first { $0.role == .coTenant }
            let partner = tenants.first { $0.role == .tenant && $0.$lease.id == coTenancy?.$lease.id }
            var shown = Array(
                tenants.filter { $0.role == .tenant && $0.id != partner?.id }.prefix(partner == nil ? 4 : 3)
            )
            if let partner { shown.append(partner) }
            if let coTenancy { shown.append(coTenancy) }
            for tenancy in shown {
                let label = tenancy.role == .tenant ? "Lejer" : "Medlejer"
                chosen.append((tenancy.person, "\(label), \(tenancy.lease.dwelling.addressLine)"))
            }
            if let member = try await HouseholdMember.query(on: database).filter(\.$adult == true).with(\.$person).sort(
                \.$id
            ).first() {
                chosen.append((member.person, "Husstandsmedlem (voksen)"))
            }
            let iso = today().iso
            let seats = try await BoardMembership.query(on: database).filter(\.$termStartISO <= iso).filter(
                \.$termEndISO >= iso
            )
            .with(\.$person).sort(\.$id).all()
            if let seat = seats.first(where: { $0.board == .department }) {
                chosen.append((seat.person, "Afdelingsbestyrelse"))
            }
            if let seat = seats.first(where: { $0.board == .organisation }) {
                chosen.append((seat.person, "Organisationsbestyrelse"))
            }
            if let party = try await CaseParty.query(on: database).filter(\.$role == .otherParty).with(\.$person).sort(
                \.$addedAt
            ).first() {
                chosen.append((party.person, "Anden part i en sag (fremlejetager)"))
            }
            if let unknown = try await SandboxCitizen.query(on: database).filter(\.$mitidCPRCiphertext != nil).with(
                \.$person
            ).first(),
                unknown.person.cprCiphertext == nil
            {
                chosen.append((unknown.person, "Lejer uden CPR-nummer i registret (aktiveringskode)"))
            }
            // Two neighbours of the first tenant, in the same department, and a tenant of another
            // organisation, last so that the list above keeps its order: meetings, ballots and
            // complaints need more than one household.
            if let first = shown.first {
                let taken = Set(chosen.map { $0.0.id })
                let neighbours = try await LeaseTenant.query(on: database).filter(\.$role == .tenant)
                    .filter(\.$lease.$id != first.$lease.id)
                    .join(Lease.self, on: \LeaseTenant.$lease.$id == \Lease.$id).filter(Lease.self, \.$status != .ended)
                    .join(Dwelling.self, on: \Lease.$dwelling.$id == \Dwelling.$id)
                    .filter(Dwelling.self, \.$department.$id == first.lease.dwelling.$department.id)
                    .with(\.$person).with(\.$lease) { $0.with(\.$dwelling) }.sort(\.$id).limit(10).all()
                for neighbour in neighbours.filter({ !taken.contains($0.$person.id) }).prefix(2) {
                    chosen.append((neighbour.person, "Nabo i samme afdeling, \(neighbour.lease.dwelling.addressLine)"))
                }
                // A tenant of another organisation, alone on an active lease: a swap across
                // organisations (each answers as landlord of its own home) can be tried.
                if let department = try await Department.find(first.lease.dwelling.$department.id, on: database) {
                    let elsewhere = try await LeaseTenant.query(on: database).filter(\.$role == .tenant)
                        .join(Lease.self, on: \LeaseTenant.$lease.$id == \Lease.$id).filter(
                            Lease.self,
                            \.$status == .active
                        )
                        .join(Dwelling.self, on: \Lease.$dwelling.$id == \Dwelling.$id)
                        .join(Department.self, on: \Dwelling.$department.$id == \Department.$id)
                        .join(HousingOrganisation.self, on: \Department.$organisation.$id == \HousingOrganisation.$id)
                        .filter(Department.self, \.$organisation.$id != department.$organisation.id)
                        .with(\.$person).with(\.$lease) { $0.with(\.$dwelling).with(\.$tenants) }.sort(\.$id).limit(10)
                        .all()
                    // Named with its organisation, so that a test can pick a tenant of another one.
                    if let other = elsewhere.first(where: {
                        $0.lease.tenants.count == 1 && !taken.contains($0.$person.id)
                    }), let organisation = try? other.joined(HousingOrganisation.self).name {
                        chosen.append(
                            (
                                other.person,
                                "Lejer i en anden boligorganisation (\(organisation)), \(other.lease.dwelling.addressLine)"
                            )
                        )
                    }
                }
            }
            var result: [DemoPerson] = []
            for (person, role) in chosen { result.append(try await residentPerson(person, role: role)) }
            return result
        }
    }

    public func person(subject: String) async throws -> DemoPerson? {
        guard let id = UUID(uuidString: subject) else { return nil }
        switch audience {
        case .staff:
            return try await StaffUser.find(id, on: database).map(staffPerson)
        case .resident:
            guard let person = try await Person.find(id, on: database) else { return nil }
            return try await residentPerson(person, role: "Beboer")
        }
    }

    /// The person as MitID knows them: with the register's CPR number, or, for a demo tenant whose
    /// record lacks one, the number only the sandbox MitID holds.
    private func residentPerson(_ person: Person, role: String) async throws -> DemoPerson {
        var sealed = person.cprCiphertext
        if sealed == nil {
            sealed = try await SandboxCitizen.query(on: database).filter(\.$person.$id == person.requireID()).first()?
                .mitidCPRCiphertext
        }
        let cpr = try sealed.map { try vault.open($0) }
        // Only fictitious numbers ever leave through the sandbox.
        guard cpr?.isReplacementNumber != false else { throw CPRVaultError.unknownFormat }
        return DemoPerson(
            subject: try person.requireID().lowercasedString,
            name: person.fullName,
            cpr: cpr?.digits,
            email: person.email,
            role: role
        )
    }

    private func staffPerson(_ staff: StaffUser) throws -> DemoPerson {
        DemoPerson(
            subject: try staff.requireID().lowercasedString,
            name: staff.name,
            cpr: nil,
            email: staff.email,
            role: staff.role == .administrator ? "Administrator" : "Sagsbehandler"
        )
    }
}

extension Application {
    /// The people a development login for `audience` offers.
    public func demoPeople(_ audience: OIDCConfiguration.Audience) -> DemoPeople {
        let now = dependencies.now
        return DemoPeople(
            database: db,
            vault: cprVault,
            audience: audience,
            today: { LocalDate(now(), timeZone: danishTimeZone) }
        )
    }
}
