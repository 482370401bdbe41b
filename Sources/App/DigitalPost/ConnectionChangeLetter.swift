import AlmenDomain
import Fluent
import Foundation
import SQLKit

/// The letter an organisation gets when an administrator changes how it reaches Digital Post.
/// Its letters carry CPR numbers and legal notices, so the organisation must hear of any change
/// it did not ask for: the organisation board's chair and deputy chair (formand and næstformand,
/// in their term today) each get the letter at home, through the channel rule like any other.
enum ConnectionChangeLetter {
    /// A board officer to tell, with the tenancy the letter is addressed to.
    struct Recipient: Decodable, Equatable, Sendable {
        let personID: UUID
        let leaseID: UUID
        let position: String

        enum CodingKeys: String, CodingKey {
            case personID = "person_id"
            case leaseID = "lease_id"
            case position
        }
    }

    /// The organisation board's chair and deputy chair in their term on `today`, each with a
    /// current tenancy (in the organisation where they have one); one statement.
    static func recipients(
        of organisationID: UUID,
        today: LocalDate,
        on database: any Database
    ) async throws -> [Recipient] {
        guard let sql = database as? any SQLDatabase else { return [] }
        let rows = try await sql.raw(
            """
            SELECT bm.person_id, lt.lease_id, bm.position
            FROM board_memberships bm
            JOIN lease_tenants lt ON lt.person_id = bm.person_id
            JOIN leases l ON l.id = lt.lease_id
            JOIN dwellings d ON d.id = l.dwelling_id
            JOIN departments dep ON dep.id = d.department_id
            WHERE bm.board = \(bind: BoardKind.organisation.rawValue)
              AND bm.organisation_id = \(bind: organisationID)
              AND bm.position IN (\(bind: BoardPosition.chair.rawValue), \(bind: BoardPosition.deputyChair.rawValue))
              AND bm.term_start <= \(bind: today.iso) AND bm.term_end >= \(bind: today.iso)
              AND l.status <> \(bind: LeaseStatus.ended.rawValue)
            ORDER BY CASE bm.position WHEN \(bind: BoardPosition.chair.rawValue) THEN 0 ELSE 1 END, bm.person_id,
              CASE WHEN dep.organisation_id = \(bind: organisationID) THEN 0 ELSE 1 END, lt.lease_id
            """
        ).rows(decoding: Recipient.self)
        var seen = Set<UUID>()
        return rows.filter { seen.insert($0.personID).inserted }
    }

    /// The letter to one officer.
    static func content(
        _ change: DigitalPostConnections.Change,
        organisation: String,
        changedBy: String,
        at instant: Date,
        position: BoardPosition
    ) -> GeneralLetter {
        var paragraphs: [MarkupText] = [
            MarkupText(
                "Den \(DateText.timestamp(instant, .da)) ændrede \(changedBy) fra administrationen, hvordan \(organisation) sender breve med Digital Post."
            )
        ]
        if change.before != change.after {
            paragraphs.append(
                MarkupText("Før blev brevene sendt \(way(change.before)). Nu sendes de \(way(change.after)).")
            )
        } else {
            paragraphs.append(
                MarkupText(
                    "Brevene sendes fortsat \(way(change.after)), men \(DanishList.joined(change.settings.map(name))) er ændret."
                )
            )
        }
        paragraphs += [
            MarkupText(
                "Du får dette brev, fordi du er \(position == .chair ? "formand" : "næstformand") for organisationsbestyrelsen. Brevene til beboerne kan indeholde CPR-numre og varsler med retsvirkning, så organisationen skal kende til ændringen."
            ),
            "Hvis ændringen ikke er aftalt med organisationen, så kontakt administrationen med det samme.",
        ]
        return GeneralLetter(
            subject: MarkupText("Ændret tilslutning til Digital Post for \(organisation)"),
            paragraphs: paragraphs
        )
    }

    /// How letters go, as the end of "brevene sendes …".
    static func way(_ choice: DigitalPostConnections.Choice) -> String {
        switch choice {
        case .none: "med almindelig post, fordi organisationen ikke er tilsluttet Digital Post"
        case .shared: "med Digital Post gennem administrationsselskabets tilslutning"
        case .own: "med Digital Post gennem organisationens egen tilslutning"
        }
    }

    static func name(_ setting: DigitalPostConnections.Change.Setting) -> String {
        switch setting {
        case .address: "adressen"
        case .systemID: "system-id'et"
        case .token: "adgangsnøglen"
        case .certificate: "certifikatet"
        case .key: "den private nøgle"
        }
    }
}
