import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// `/admin/sager/{id}/naboklage/sagsfremstilling`: the complaint as one PDF for the
/// beboerklagenævn (or the boligret): who complains about which home, every episode, and the
/// case's course with each letter, how it went and when it arrived. Information in a complaint
/// may be passed to the nævn and the court (rules.md §5); the download is audited.
enum ComplaintBundle {
    /// The facts of the case around the complaint; one statement.
    struct Facts: Decodable {
        let number: String
        let opened_at: Date
        let municipality: String
        let department_number: Int
        let department_name: String
        let organisation_name: String
        let organisation_id: UUID
        let complainant_street: String
        let complainant_house_number: String
        let complainant_floor: String?
        let complainant_door: String?
    }

    /// A letter of the case, with its channel and arrival.
    struct LetterRow: Decodable {
        let subject: String
        let reference: String
        let created_at: Date
        let channel: String?
        let arrival: String?
        let given_name: String
        let family_name: String
    }

    /// The bundle as made for one download: the typeset PDF and the case it is of.
    struct Made {
        let pdf: Data
        let number: String
        let caseID: UUID
    }

    @Sendable
    static func pdf(_ req: Request) async throws -> Response {
        let made = try await make(req, purpose: AuditPurpose("complaintBundle"))
        return download(
            made.pdf,
            type: HTTPMediaType(type: "application", subType: "pdf"),
            name: "sagsfremstilling-\(made.number).pdf"
        )
    }

    /// `/admin/sager/{id}/naboklage/bilag`: the bundle in a ZIP with the originals, for a nævn or
    /// court that wants them: `sagsfremstilling.pdf`, `breve/<reference>.pdf` for each letter of
    /// the case, and `bilag/` with the photos and recordings as they came.
    @Sendable
    static func zip(_ req: Request) async throws -> Response {
        let made = try await make(req, purpose: AuditPurpose("complaintBundleWithAttachments"))
        let sql = try req.sql
        var entries = [InMemoryZip.Entry(path: "sagsfremstilling-\(made.number).pdf", data: made.pdf)]
        struct PDFRow: Decodable {
            let reference: String
            let pdf: Data
        }
        // A case has tens of letters at most, a few hundred kB of PDFs.
        for letter in try await sql.raw(
            "SELECT reference, pdf FROM letters WHERE case_id = \(bind: made.caseID) ORDER BY created_at"
        ).all(decoding: PDFRow.self) {
            entries.append(InMemoryZip.Entry(path: "breve/\(letter.reference).pdf", data: letter.pdf))
        }
        let attachments = try await CaseAttachment.query(on: req.db).filter(\.$caseID == made.caseID)
            .sort(\.$position).all()
        // Named as the card numbers them: the photos, then the recordings from 1.
        let photos = attachments.filter { !AudioType.types.contains($0.contentType) }.count
        for file in attachments {
            let audio = AudioType.types.contains(file.contentType)
            let name = AttachmentType.filename(
                audio ? "lydoptagelse-\(file.position - photos)" : "billede-\(file.position)",
                type: file.contentType
            )
            // Photos and recordings are compressed already.
            entries.append(InMemoryZip.Entry(path: "bilag/\(name)", data: file.data, deflate: false))
        }
        let archive = try await InMemoryZip.build(
            entries,
            modified: req.application.dependencies.now(),
            on: req.application.threadPool
        )
        return download(
            archive,
            type: HTTPMediaType(type: "application", subType: "zip"),
            name: "sagsfremstilling-\(made.number).zip"
        )
    }

    static func download(_ data: Data, type: HTTPMediaType, name: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = type
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// Reads the case and typesets the bundle; the download is audited for every household named.
    static func make(_ req: Request, purpose: AuditPurpose) async throws -> Made {
        let (principal, scope) = try await req.requireStaffScope()
        let sql = try req.sql
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let header = try await CasePage.header(caseID, scope: scope, on: sql),
            let row = try await ComplaintCard.row(ofCase: caseID, on: sql),
            let facts = try await sql.raw(
                """
                SELECT c.number, c.opened_at, dep.municipality, dep.number AS department_number,
                  dep.name AS department_name, o.name AS organisation_name, o.id AS organisation_id,
                  own.street AS complainant_street, own.house_number AS complainant_house_number,
                  own.floor AS complainant_floor, own.door AS complainant_door
                FROM cases c JOIN neighbour_complaints nc ON nc.case_id = c.id
                JOIN dwellings d ON d.id = nc.about_dwelling_id JOIN departments dep ON dep.id = d.department_id
                JOIN housing_organisations o ON o.id = dep.organisation_id
                JOIN leases l ON l.id = nc.lease_id JOIN dwellings own ON own.id = l.dwelling_id
                WHERE c.id = \(bind: caseID)
                """
            ).first(decoding: Facts.self)
        else { throw Abort(.notFound) }
        let episodes = try await ComplaintCard.episodes(of: row.id, on: sql)
        let letters = try await sql.raw(
            """
            SELECT l.subject, l.reference, l.created_at, l.channel, l.arrival, p.given_name, p.family_name
            FROM letters l JOIN people p ON p.id = l.recipient_person_id
            WHERE l.case_id = \(bind: caseID) ORDER BY l.created_at
            """
        ).rows(decoding: LetterRow.self)
        let cosigners = try await ComplaintCard.cosigners(of: row.id, on: sql)
        let replies = try await ComplaintCard.replies(of: row.id, on: sql)
        let tenants = try await ComplaintActions.household(
            of: row,
            on: episodes.compactMap { LocalDate(iso: $0.occurred_on) }.max() ?? req.today,
            sql: sql
        )
        let events = try await CasePage.history(caseID, on: sql).filter { $0.outgoing == 2 }
        let content = letter(
            facts: facts,
            row: row,
            episodes: episodes,
            letters: letters,
            tenants: tenants.map(\.name),
            cosigners: cosigners,
            replies: replies,
            events: events.compactMap { event in
                let text = CasePresentation.eventText(event, Strings.danish)
                return CaseEvent.Kind(rawValue: event.title ?? "").map { [.assigned, .note].contains($0) }
                    == true ? nil : (event.at, text)
            }
        )
        let rendered = try await req.application.letters().composeToOrganisation(
            content,
            name: "Beboerklagenævnet",
            lines: ["\(facts.municipality) Kommune"],
            from: facts.organisation_id
        )
        // Everyone named in it (the households, co-signers, those who answered) finds the read in
        // "who has seen my data".
        try await req.audit.record(
            .caseRead,
            dataSubjects: Array(
                Set([row.filed_by] + tenants.map(\.person_id) + cosigners.map(\.person_id) + replies.map(\.person_id))
            ),
            subjectKind: .`case`,
            subjectID: header.id,
            purpose: purpose.within("inCase", ["number": .same(facts.number)]),
            actor: principal
        )
        return Made(pdf: rendered.pdf, number: facts.number, caseID: caseID)
    }

    /// The bundle's text: the parties, the episodes, and the course in time order (steps and
    /// letters with their channel and arrival).
    static func letter(
        facts: Facts,
        row: ComplaintCard.Row,
        episodes: [ComplaintCard.EpisodeRow],
        letters: [LetterRow],
        tenants: [String],
        cosigners: [ComplaintCard.CosignerRow],
        replies: [ComplaintCard.ReplyRow] = [],
        events: [(Date, String)]
    ) -> GeneralLetter {
        let complainantHome = Dwelling.addressLine(
            street: facts.complainant_street,
            houseNumber: facts.complainant_house_number,
            floor: facts.complainant_floor,
            door: facts.complainant_door
        )
        var paragraphs: [String] = [
            "Sagsfremstilling i sag \(facts.number) om overtrædelse af husordenen i \(row.addressLine), afdeling \(facts.department_number) \(facts.department_name), \(facts.organisation_name). Klagen kom \(DateText.short(LocalDate(facts.opened_at, timeZone: danishTimeZone), .da)).",
            "Klager: \(row.given_name) \(row.family_name), \(complainantHome).",
            "Klagen handler om: \(tenants.isEmpty ? "boligen har ingen lejere nu" : tenants.joined(separator: " og ")), \(row.addressLine), \(row.postalCity).",
        ]
        paragraphs += cosigners.map { cosigner in
            "Medunderskriver: \(cosigner.given_name) \(cosigner.family_name), \(cosigner.addressLine)."
                + (cosigner.statement.isEmpty ? "" : " Har selv oplevet: \(cosigner.statement)")
        }
        paragraphs.append("Episoder (\(episodes.count)):")
        paragraphs += episodes.map { episode in
            var text =
                "– \(LocalDate(iso: episode.occurred_on).map { DateText.long($0, .da) } ?? episode.occurred_on)"
                + DateText.typedTime(episode.time_of_day, .da)
                + " (fortalt af \(episode.reporter)): \(episode.description)"
            if !episode.witnesses.isEmpty { text += " Vidner: \(episode.witnesses)." }
            return text
        }
        if !replies.isEmpty {
            paragraphs.append("Svar fra beboerne i \(row.addressLine) (\(replies.count)):")
            paragraphs += replies.map {
                "– \(DateText.timestamp($0.created_at, .da)), \($0.given_name) \($0.family_name): \($0.text)"
            }
        }
        var files: [String] = []
        if row.photos > 0 { files.append("\(row.photos) \(row.photos == 1 ? "billede" : "billeder")") }
        if row.recordings > 0 {
            files.append("\(row.recordings) \(row.recordings == 1 ? "lydoptagelse" : "lydoptagelser")")
        }
        if !files.isEmpty {
            paragraphs.append(
                "Klageren sendte \(files.joined(separator: " og ")) med klagen. De ligger i sagen og i bilagene til denne sagsfremstilling."
            )
        }
        paragraphs.append("Sagens forløb:")
        var course: [(Date, String)] = events
        course += letters.map { letter in
            let channel =
                switch letter.channel.flatMap(AlmenDomain.Channel.init(rawValue:)) {
                case .digitalPost: "sendt med Digital Post"
                case .physical: "sendt med posten"
                case nil: "ved at blive sendt"
                }
            let arrived =
                letter.arrival.flatMap(LocalDate.init(iso:)).map { "kom frem \(DateText.short($0, .da))" }
                ?? "ikke kommet frem endnu"
            return (
                letter.created_at,
                "Brev \(letter.reference) »\(letter.subject)« til \(letter.given_name) \(letter.family_name), \(channel), \(arrived)."
            )
        }
        paragraphs += course.sorted { $0.0 < $1.0 }.map { "– \(DateText.timestamp($0.0, .da)): \($0.1)" }
        paragraphs.append(
            "Brevene kan fås som PDF fra administrationen med deres referencer. Oplysningerne i klagen må gives videre til beboerklagenævnet og boligretten."
        )
        return GeneralLetter(
            subject: MarkupText("Sagsfremstilling: naboklage om \(row.addressLine) (sag \(facts.number))"),
            paragraphs: paragraphs.map { MarkupText($0) }
        )
    }
}
