import Fluent
import SQLKit

/// One typed history per letter (issue: Jobs, "letters flow one way"): the outbox's own event
/// table goes, the events it alone had (retries, receipts that came before the send) move to the
/// letter's history, and the letter's events get typed kinds (`LetterEventKind`) with their
/// facts as JSON. Old events keep their text where it was written for staff (in Danish); the
/// English technical texts of transport events are dropped, since the letter and its outbox row
/// keep the same facts (channel and reasons, receipt status, transmission).
struct OneLetterHistory: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LetterEvent.schema).field("facts", .string).update()
        let sql = try database.sql()
        try await sql.raw(
            """
            INSERT INTO letter_events (id, letter_id, at, event, detail)
            SELECT e.id, l.id, e.at,
              CASE WHEN e.event = 'retry' THEN 'retry' ELSE 'receipt_early' END, ''
            FROM digital_post_letter_events e JOIN letters l ON l.digital_post_letter_id = e.letter_id
            WHERE e.event = 'retry' OR (e.event = 'receipt' AND e.detail LIKE '%came before the send%')
            """
        ).run()
        try await sql.raw(
            """
            UPDATE letter_events SET event = CASE
              WHEN event = 'outbox' THEN 'queued'
              WHEN event = 'physical' THEN 'channel'
              WHEN event = 'receipt' AND detail LIKE '%after it had failed%' THEN 'delivered_late'
              WHEN event = 'receipt' AND detail LIKE '%COMPLETED%' THEN 'delivered'
              WHEN event = 'receipt' THEN 'refused'
              ELSE 'note' END
            WHERE event NOT IN ('created', 'channel', 'queued', 'retry', 'sent', 'delivered', 'refused', 'failed',
                                'receipt_early', 'delivered_late', 'print_batch', 'dispatched', 'to_paper', 'note')
            """
        ).run()
        try await sql.raw(
            """
            UPDATE letter_events SET detail = ''
            WHERE event IN ('channel', 'queued', 'sent', 'delivered', 'refused', 'failed', 'delivered_late')
            """
        ).run()
        try await database.schema("digital_post_letter_events").delete()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("digital_post_letter_events")
            .field("id", .uuid, .identifier(auto: false))
            .field("letter_id", .uuid, .required, .references("digital_post_letters", "id"))
            .field("at", .datetime, .required)
            .field("event", .string, .required)
            .field("detail", .string, .required)
            .create()
        try await database.schema(LetterEvent.schema).deleteField("facts").update()
    }
}
