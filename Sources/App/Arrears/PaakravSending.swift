import AlmenDomain
import Fluent
import Foundation
import SQLKit

/// Makes one lease's påkrav (the job `paakrav.send`): decides again from the account as it is now
/// (a payment since the run sends nothing), opens the arrears case, books the fee, and sends each
/// tenant the påkrav letter through the channel rule, all in one transaction. Safe to repeat: a
/// lease with an open påkrav gets no second one, and the lease's row is locked while it is made.
struct PaakravSending: Sendable {
    let database: any Database
    let dependencies: AppDependencies
    let letters: LetterService
    let rules: ArrearsRules

    private struct LeaseRow: Decodable {
        let number: String?
        let status: String
        let street: String
        let house_number: String
        let floor: String?
        let door: String?
        let organisation_id: UUID
        let organisation_name: String
        let payment_registration: String?
        let payment_account: String?
        let municipally_assigned: Bool
    }

    private struct TenantRow: Decodable {
        let person_id: UUID
    }

    /// What happened.
    enum Outcome: Equatable, Sendable {
        case sent(caseID: UUID)
        /// The account no longer calls for a påkrav (paid, below the minimum, one is already open,
        /// or the lease has ended).
        case notDue
    }

    /// A påkrav as it would be made today: what it demands, its fee and deadline, its letter's
    /// content and its tenants. Nil when the account does not call for one.
    struct Draft: Sendable {
        let leaseID: UUID
        let arrears: Money
        let fee: Money
        /// Every payment the account holds now (`SentPaakrav.paidBefore`).
        let paidBefore: Money
        let deadline: LocalDate
        let content: PaakravLetter
        let tenants: [UUID]
        let organisationID: UUID
        let address: String
        /// The municipality assigned the home: it is told of the påkrav.
        let municipallyAssigned: Bool
    }

    /// The charges a påkrav would demand today, from `database` (the transaction, when making it).
    private func due(
        _ leaseID: UUID,
        today: LocalDate,
        on database: any Database
    ) async throws
        -> (charges: [UnpaidCharge], ledger: Ledger)?
    {
        let ledger = try await LeaseAccount.ledger(of: leaseID, on: database)
        guard try await ArrearsRun.openPaakrav(of: leaseID, on: database) == nil,
            case .paakravDue(let charges) = rules.decide(ledger, on: today, sent: nil)
        else { return nil }
        return (charges, ledger)
    }

    func draft(_ leaseID: UUID, today: LocalDate) async throws -> Draft? {
        guard let (charges, ledger) = try await due(leaseID, today: today, on: database) else { return nil }
        guard
            let lease = try await database.sql().raw(
                """
                SELECT l.number, l.status, d.street, d.house_number, d.floor, d.door, dep.organisation_id,
                  o.name AS organisation_name, o.payment_registration, o.payment_account, d.municipally_assigned
                FROM leases l JOIN dwellings d ON d.id = l.dwelling_id
                JOIN departments dep ON dep.id = d.department_id JOIN housing_organisations o ON o.id = dep.organisation_id
                WHERE l.id = \(bind: leaseID)
                """
            ).first(decoding: LeaseRow.self), lease.status != LeaseStatus.ended.rawValue
        else { return nil }
        let fee: Money
        do {
            fee = try await PaakravFee.rate(on: database).amount(for: today.year)
        } catch is RateError {
            throw ArrearsError.missingFee(year: today.year)
        }
        guard let registration = lease.payment_registration, let account = lease.payment_account else {
            throw ArrearsError.noPaymentAccount(organisation: lease.organisation_name)
        }
        // The tenant writes the lease's number on the payment: the bank's file names the lease by it.
        guard let number = lease.number else { throw ArrearsError.noLeaseNumber }
        let tenants = try await database.sql().raw(
            "SELECT person_id FROM lease_tenants WHERE lease_id = \(bind: leaseID) ORDER BY id"
        ).rows(decoding: TenantRow.self)
        guard !tenants.isEmpty else { throw ArrearsError.noTenants }
        let arrears = ArrearsRules.sum(charges)
        let deadline = rules.statedDeadline(sentOn: today)
        return Draft(
            leaseID: leaseID,
            arrears: arrears,
            fee: fee,
            paidBefore: ledger.entries.filter { $0.kind == .payment }.reduce(Money.zero) { $0 + $1.amount },
            deadline: deadline,
            content: PaakravLetter(
                lines: charges.map {
                    AmountLine(text: MarkupText($0.entry.text), amount: MarkupText($0.unpaid.danishFigure))
                },
                fee: MarkupText(fee.danishFigure),
                feeYear: MarkupText(String(today.year)),
                total: MarkupText((arrears + fee).danishFigure),
                deadline: MarkupText(DateText.long(deadline, .da)),
                registrationNumber: MarkupText(registration),
                accountNumber: MarkupText(account),
                paymentReference: MarkupText(number)
            ),
            tenants: tenants.map(\.person_id),
            organisationID: lease.organisation_id,
            address: Dwelling.addressLine(
                street: lease.street,
                houseNumber: lease.house_number,
                floor: lease.floor,
                door: lease.door
            ),
            municipallyAssigned: lease.municipally_assigned
        )
    }

    @discardableResult
    func send(_ job: PaakravJob) async throws -> Outcome {
        let now = dependencies.now()
        let today = LocalDate(now, timeZone: danishTimeZone)
        guard let draft = try await draft(job.lease, today: today) else {
            try await database.sql().raw("DELETE FROM arrears_proposals WHERE lease_id = \(bind: job.lease)").run()
            return .notDue
        }
        // The letters are typeset before the transaction (slow); inside it the account is read
        // again under the lease's lock, and a påkrav whose figures have changed meanwhile is not
        // sent (the job tries again and makes it from the new figures). The letters name the case
        // they open, whose number is taken first (one not used is a gap, as elsewhere).
        let cases = Cases(database: database, dependencies: dependencies)
        let number = try await cases.reserveNumber()
        var prepared: [LetterService.Prepared] = []
        for tenant in draft.tenants {
            prepared.append(try await letters.prepare(draft.content, to: tenant, lease: job.lease, inCase: "\(number)"))
        }
        // A dwelling the municipality assigned: it is told of the påkrav (rules.md §3).
        var municipal: (name: String, content: GeneralLetter)? = nil
        if draft.municipallyAssigned, let lease = try await MunicipalityNotices.lease(job.lease, on: database) {
            let content = MunicipalityNotices.content(
                .paakrav,
                lease: lease,
                sentOn: today,
                demanded: draft.arrears + draft.fee,
                deadline: draft.deadline,
                today: today
            )
            municipal = (lease.municipality, content)
        }
        let (letters, dependencies, typeset, sending, notify) = (
            self.letters, self.dependencies, prepared, self, municipal
        )
        return try await database.transaction { db -> Outcome in
            // One påkrav at a time per lease.
            try await db.lockRows(of: "leases", is: job.lease)
            guard let (charges, ledger) = try await sending.due(job.lease, today: today, on: db) else { return .notDue }
            let paid = ledger.entries.filter { $0.kind == .payment }.reduce(Money.zero) { $0 + $1.amount }
            guard ArrearsRules.sum(charges) == draft.arrears, paid == draft.paidBefore else {
                throw ArrearsError.accountChanged
            }
            let title = BilingualWords(key: "caseTitle_paakrav", ["address": draft.address])
            let caseFile = try await cases.open(
                .arrears,
                title: title.danish,
                titleEnglish: title.english,
                organisationID: draft.organisationID,
                leaseID: job.lease,
                openedBy: job.approvedBy,
                number: number,
                on: db
            )
            let caseID = try caseFile.requireID()
            let notice = PaakravNotice()
            notice.id = dependencies.uuid()
            notice.caseID = caseID
            notice.leaseID = job.lease
            notice.sentOn = today.iso
            notice.statedDeadline = draft.deadline.iso
            notice.arrearsOre = draft.arrears.ore
            notice.feeOre = draft.fee.ore
            notice.feeYear = today.year
            notice.paidBeforeOre = draft.paidBefore.ore
            notice.sentBy = job.approvedBy
            notice.createdAt = now
            try await notice.create(on: db)
            // The caseworker's own deadline: to decide on ophævelse if the påkrav is not paid.
            try await CaseDeadlineRecord(
                id: dependencies.uuid(),
                caseID: caseID,
                deadline: CaseDeadline(kind: .decision, due: sending.rules.decisionDue(statedDeadline: draft.deadline)),
                now: now
            ).create(on: db)
            // The fee is owed from today, like rent: the account shows it, and paying the påkrav
            // means paying it too.
            try await LedgerLine(
                id: dependencies.uuid(),
                leaseID: job.lease,
                entry: LedgerEntry(kind: .fee, date: today, amount: draft.fee, text: "Påkravsgebyr \(today.year)"),
                source: .paakrav,
                externalID: caseID.lowercasedString,
                at: now
            ).create(on: db)
            for letter in typeset {
                try await letters.send(letter, createdBy: job.approvedBy, caseID: caseID, on: db)
            }
            if let notify {
                try await MunicipalityNotices.queue(
                    .paakrav,
                    notify.content,
                    municipality: notify.name,
                    caseID: caseID,
                    on: db,
                    dependencies: dependencies
                )
            }
            try await db.sql().raw("DELETE FROM arrears_proposals WHERE lease_id = \(bind: job.lease)").run()
            return .sent(caseID: caseID)
        }
    }
}
