import AlmenDomain
import Fluent
import Foundation
import Vapor

/// What `almen letters ...` does, as public entry points (the command target sees only these).
public enum LetterCommands {
    /// A problem the user can fix, with the message to show.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// The PDF of a letter kind with its demo content, for the first tenant of the register,
    /// made with that organisation's current template. Nothing is stored.
    public static func preview(
        kind name: String,
        app: Application
    ) async throws -> (pdf: Data, pages: Int, subject: String) {
        guard let kind = LetterKind(rawValue: name) else {
            throw Problem(
                description:
                    "Unknown letter kind \(name). Kinds: \(LetterKind.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
        guard let tenancy = try await LeaseTenant.query(on: app.db).sort(\.$id).first() else {
            throw Problem(description: "The register has no tenants; seed it first (almen seed).")
        }
        let prepared = try await app.letters().prepare(
            kind.contentType.demo,
            to: tenancy.$person.id,
            lease: tenancy.$lease.id
        )
        return (prepared.rendered.pdf, prepared.rendered.pageCount, prepared.document.subject)
    }

    /// Bulk: a general letter to every tenant of an organisation (by CVR) or some of its
    /// departments, made here with `progress(done, total)` after each chunk.
    public static func send(
        organisationCVR: String,
        departmentNumbers: [Int],
        subject: String,
        text: String,
        app: Application,
        progress: @Sendable (Int, Int) -> Void
    ) async throws -> (runID: UUID, letters: Int, digitalIfRegistered: Int, physical: Int) {
        let paragraphs = MarkupText.paragraphs(of: text)
        guard !subject.trimmingCharacters(in: .whitespaces).isEmpty, !paragraphs.isEmpty else {
            throw Problem(description: "Give the letter a subject and a text.")
        }
        guard
            let organisation = try await HousingOrganisation.query(on: app.db).filter(\.$cvr == organisationCVR).first()
        else {
            throw Problem(description: "No housing organisation has CVR \(organisationCVR).")
        }
        let organisationID = try organisation.requireID()
        let departments = try await Department.query(on: app.db).filter(\.$organisation.$id == organisationID)
            .filter(\.$number ~~ departmentNumbers).all()
        guard departments.count == Set(departmentNumbers).count else {
            throw Problem(
                description:
                    "Department numbers not in \(organisation.name): \(Set(departmentNumbers).subtracting(departments.map(\.number)).sorted())"
            )
        }
        let bulk = app.bulkLetters()
        let run = try await bulk.create(
            organisationID: organisationID,
            departmentIDs: try departments.map { try $0.requireID() },
            content: .general(subject: subject, paragraphs: paragraphs),
            createdBy: nil
        )
        let runID = try run.requireID()
        let outlook = try await bulk.outlook(run)
        try await bulk.start(runID)
        // Made here, chunk by chunk, so the command shows its progress; a worker that takes the
        // run's job meanwhile finds each letter made (the unique index), and then nothing left.
        while try await bulk.step(runID, chunk: 50) {
            progress(try await Letter.query(on: app.db).filter(\.$bulkRunID == runID).count(), run.total)
        }
        let stored = try await BulkRun.find(runID, on: app.db)
        if let stored, stored.status == .failed {
            throw Problem(
                description:
                    "The run stopped: \(stored.lastError ?? "unknown error"). Letters made so far stand; fix and resume."
            )
        }
        progress(stored?.sent ?? run.total, run.total)
        return (runID, stored?.sent ?? 0, outlook.digitalIfRegistered, outlook.physicalTotal)
    }

    /// Print batches of the waiting physical letters, one per organisation (none when none wait).
    public static func printBatches(
        app: Application
    ) async throws -> [(number: Int, letters: Int, pages: Int, pdf: Data, manifest: String)] {
        try await app.printBatches().create(createdBy: nil, scope: .all).map {
            ($0.number, $0.letterCount, $0.pageCount, $0.pdf, $0.manifest)
        }
    }
}
