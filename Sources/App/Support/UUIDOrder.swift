import Foundation

extension UUID {
    /// The order PostgreSQL gives uuids (byte by byte), which is also the order of their text:
    /// for sorting rows in Swift as a statement's `ORDER BY … id` would, without writing each id
    /// as text for every comparison.
    func sortsBefore(_ other: UUID) -> Bool {
        withUnsafeBytes(of: uuid) { mine in
            withUnsafeBytes(of: other.uuid) { theirs in mine.lexicographicallyPrecedes(theirs) }
        }
    }
}
