import Foundation
import PostgresKit
import PostgresNIO
import SQLKit

/// Decodes a page statement's row straight from PostgresNIO's cells (issue: Fast pages).
///
/// SQLKit's `SQLRowDecoder` builds each column's name again for every field of every row (the
/// key with its prefix, then the cell's coding key for errors), and an optional field asks the row
/// three times (is it there, is it null, decode). A profile of "Mit hjem" put a tenth of the
/// app's time there. This decoder finds a field's column by name in the row's own lookup table
/// once, and decodes the cell with PostgresNIO's `PostgresDecodable` types directly.
///
/// A row's fields are mostly declared in the order of the statement's columns, and a synthesized
/// `init(from:)` asks for them in that order: each field is first looked for in the column after
/// the last one read, by comparing its name, and only then by hashing its name into the row's
/// table (hashing was a third of the decoder's time on the inbox). A page statement names each
/// column once; of two columns with one name, this may read the first where SQLKit reads the
/// last.
///
/// It handles what page rows are made of: the types PostgresNIO decodes (`String`, `UUID`,
/// `Date`, `Int`, `Bool`, `Double`, ...), their optionals, and `RawRepresentable` enums of them.
/// Anything else throws, and `decode(_:from:)` then falls back to SQLKit's decoder for that row,
/// so a row is never decoded differently, only faster.
enum PostgresRowDecoder {
    /// The row as `Row`, decoded by the fast path when it can be, else by SQLKit's decoder.
    static func decode<Row: Decodable>(_: Row.Type, from row: PostgresRow) throws -> Row {
        do {
            return try fast(Row.self, from: row)
        } catch {
            return try row.sql().decode(model: Row.self)
        }
    }

    /// The fast path alone: throws where `decode` would fall back.
    static func fast<Row: Decodable>(_: Row.Type, from row: PostgresRow) throws -> Row {
        try Row(from: RowDecoder(cells: row.makeRandomAccess()))
    }

    /// Thrown inside the fast path only, to fall back to SQLKit's decoder.
    struct Unsupported: Error {}

    fileprivate struct RowDecoder: Decoder {
        let cells: PostgresRandomAccessRow
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy _: Key.Type) throws -> KeyedDecodingContainer<Key> {
            KeyedDecodingContainer(Columns<Key>(cells: cells, cursor: Cursor()))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw Unsupported() }
        func singleValueContainer() throws -> any SingleValueDecodingContainer { throw Unsupported() }
    }

    /// The column after the last one a row's decoding read.
    fileprivate final class Cursor {
        var next = 0
    }

    fileprivate struct Columns<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let cells: PostgresRandomAccessRow
        let cursor: Cursor
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { cells.compactMap { Key(stringValue: $0.columnName) } }

        func contains(_ key: Key) -> Bool { cell(key) != nil }

        func decodeNil(forKey key: Key) throws -> Bool { cell(key)?.bytes == nil }

        /// The key's cell: the next column's when it has the key's name, else found by name.
        private func cell(_ key: Key) -> PostgresCell? {
            let name = key.stringValue
            if cursor.next < cells.count {
                let next = cells[cursor.next]
                if next.columnName == name {
                    cursor.next += 1
                    return next
                }
            }
            guard cells.contains(name) else { return nil }
            let found = cells[name]
            cursor.next = found.columnIndex + 1
            return found
        }

        func decode<T: Decodable>(_: T.Type, forKey key: Key) throws -> T { try decode(T.self, key) }
        func decodeIfPresent<T: Decodable>(_: T.Type, forKey key: Key) throws -> T? { try decodeIfPresent(T.self, key) }
        // Each standard type has its own requirement, and an optional one's default would ask the
        // row three times.
        func decode(_: Bool.Type, forKey key: Key) throws -> Bool { try direct(Bool.self, key) }
        func decodeIfPresent(_: Bool.Type, forKey key: Key) throws -> Bool? { try directIfPresent(Bool.self, key) }
        func decode(_: String.Type, forKey key: Key) throws -> String { try direct(String.self, key) }
        func decodeIfPresent(_: String.Type, forKey key: Key) throws -> String? {
            try directIfPresent(String.self, key)
        }
        func decode(_: Double.Type, forKey key: Key) throws -> Double { try direct(Double.self, key) }
        func decodeIfPresent(_: Double.Type, forKey key: Key) throws -> Double? {
            try directIfPresent(Double.self, key)
        }
        func decode(_: Float.Type, forKey key: Key) throws -> Float { try direct(Float.self, key) }
        func decodeIfPresent(_: Float.Type, forKey key: Key) throws -> Float? { try directIfPresent(Float.self, key) }
        func decode(_: Int.Type, forKey key: Key) throws -> Int { try direct(Int.self, key) }
        func decodeIfPresent(_: Int.Type, forKey key: Key) throws -> Int? { try directIfPresent(Int.self, key) }
        func decode(_: Int8.Type, forKey key: Key) throws -> Int8 { try decode(Int8.self, key) }
        func decodeIfPresent(_: Int8.Type, forKey key: Key) throws -> Int8? { try decodeIfPresent(Int8.self, key) }
        func decode(_: Int16.Type, forKey key: Key) throws -> Int16 { try direct(Int16.self, key) }
        func decodeIfPresent(_: Int16.Type, forKey key: Key) throws -> Int16? { try directIfPresent(Int16.self, key) }
        func decode(_: Int32.Type, forKey key: Key) throws -> Int32 { try direct(Int32.self, key) }
        func decodeIfPresent(_: Int32.Type, forKey key: Key) throws -> Int32? { try directIfPresent(Int32.self, key) }
        func decode(_: Int64.Type, forKey key: Key) throws -> Int64 { try direct(Int64.self, key) }
        func decodeIfPresent(_: Int64.Type, forKey key: Key) throws -> Int64? { try directIfPresent(Int64.self, key) }
        func decode(_: UInt.Type, forKey key: Key) throws -> UInt { try decode(UInt.self, key) }
        func decodeIfPresent(_: UInt.Type, forKey key: Key) throws -> UInt? { try decodeIfPresent(UInt.self, key) }
        func decode(_: UInt8.Type, forKey key: Key) throws -> UInt8 { try direct(UInt8.self, key) }
        func decodeIfPresent(_: UInt8.Type, forKey key: Key) throws -> UInt8? { try directIfPresent(UInt8.self, key) }
        func decode(_: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(UInt16.self, key) }
        func decodeIfPresent(_: UInt16.Type, forKey key: Key) throws -> UInt16? {
            try decodeIfPresent(UInt16.self, key)
        }
        func decode(_: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(UInt32.self, key) }
        func decodeIfPresent(_: UInt32.Type, forKey key: Key) throws -> UInt32? {
            try decodeIfPresent(UInt32.self, key)
        }
        func decode(_: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(UInt64.self, key) }
        func decodeIfPresent(_: UInt64.Type, forKey key: Key) throws -> UInt64? {
            try decodeIfPresent(UInt64.self, key)
        }

        /// A type PostgresNIO decodes, known as such here: no cast at run time.
        private func direct<T: PostgresDecodable>(_: T.Type, _ key: Key) throws -> T {
            guard let cell = cell(key) else { throw Unsupported() }
            return try Cell.direct(T.self, from: cell)
        }

        private func directIfPresent<T: PostgresDecodable>(_: T.Type, _ key: Key) throws -> T? {
            guard let cell = cell(key), cell.bytes != nil else { return nil }
            return try Cell.direct(T.self, from: cell)
        }

        private func decode<T: Decodable>(_: T.Type, _ key: Key) throws -> T {
            guard let cell = cell(key) else { throw Unsupported() }
            return try Cell.decode(T.self, from: cell)
        }

        private func decodeIfPresent<T: Decodable>(_: T.Type, _ key: Key) throws -> T? {
            guard let cell = cell(key), cell.bytes != nil else { return nil }
            return try Cell.decode(T.self, from: cell)
        }

        func nestedContainer<NestedKey: CodingKey>(
            keyedBy _: NestedKey.Type,
            forKey _: Key
        ) throws -> KeyedDecodingContainer<NestedKey> { throw Unsupported() }
        func nestedUnkeyedContainer(forKey _: Key) throws -> any UnkeyedDecodingContainer { throw Unsupported() }
        func superDecoder() throws -> any Decoder { throw Unsupported() }
        func superDecoder(forKey _: Key) throws -> any Decoder { throw Unsupported() }
    }

    /// One cell: a `PostgresDecodable` type decodes itself; another type (an enum with a raw
    /// value) decodes through a single value container over the cell.
    fileprivate enum Cell {
        static func decode<T: Decodable>(_: T.Type, from cell: PostgresCell) throws -> T {
            // The two types of page rows that have no requirement of their own.
            if T.self == UUID.self { return unsafeBitCast(try direct(UUID.self, from: cell), to: T.self) }
            if T.self == Date.self { return unsafeBitCast(try direct(Date.self, from: cell), to: T.self) }
            if let type = T.self as? any PostgresDecodable.Type {
                guard let value = try direct(type, from: cell) as? T else { throw Unsupported() }
                return value
            }
            return try T(from: CellDecoder(cell: cell))
        }

        static func direct<P: PostgresDecodable>(_: P.Type, from cell: PostgresCell) throws -> P {
            // Fluent stores enums as user-defined types; SQLKit reads them as text, so do we.
            guard !cell.dataType.isUserDefined else { throw Unsupported() }
            return try cell.decode(P.self)
        }
    }

    fileprivate struct CellDecoder: Decoder, SingleValueDecodingContainer {
        let cell: PostgresCell
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy _: Key.Type) throws -> KeyedDecodingContainer<Key> {
            throw Unsupported()
        }
        func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw Unsupported() }
        func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

        func decodeNil() -> Bool { cell.bytes == nil }
        func decode(_: Bool.Type) throws -> Bool { try Cell.decode(Bool.self, from: cell) }
        func decode(_: String.Type) throws -> String { try Cell.decode(String.self, from: cell) }
        func decode(_: Double.Type) throws -> Double { try Cell.decode(Double.self, from: cell) }
        func decode(_: Float.Type) throws -> Float { try Cell.decode(Float.self, from: cell) }
        func decode(_: Int.Type) throws -> Int { try Cell.decode(Int.self, from: cell) }
        func decode(_: Int8.Type) throws -> Int8 { try Cell.decode(Int8.self, from: cell) }
        func decode(_: Int16.Type) throws -> Int16 { try Cell.decode(Int16.self, from: cell) }
        func decode(_: Int32.Type) throws -> Int32 { try Cell.decode(Int32.self, from: cell) }
        func decode(_: Int64.Type) throws -> Int64 { try Cell.decode(Int64.self, from: cell) }
        func decode(_: UInt.Type) throws -> UInt { try Cell.decode(UInt.self, from: cell) }
        func decode(_: UInt8.Type) throws -> UInt8 { try Cell.decode(UInt8.self, from: cell) }
        func decode(_: UInt16.Type) throws -> UInt16 { try Cell.decode(UInt16.self, from: cell) }
        func decode(_: UInt32.Type) throws -> UInt32 { try Cell.decode(UInt32.self, from: cell) }
        func decode(_: UInt64.Type) throws -> UInt64 { try Cell.decode(UInt64.self, from: cell) }
        func decode<T: Decodable>(_: T.Type) throws -> T {
            guard T.self is any PostgresDecodable.Type else { throw Unsupported() }
            return try Cell.decode(T.self, from: cell)
        }
    }
}

extension SQLQueryFetcher {
    /// Every row of the query, as `SQLQueryFetcher.all(decoding:)` gives them, but on PostgreSQL
    /// decoded by `PostgresRowDecoder` (issue: Fast pages). Page queries use it for their lists.
    ///
    /// The statement and its binds are sent as PostgresKit would send them. A bind PostgresNIO
    /// cannot encode by itself (an `Encodable` struct) sends the query through SQLKit instead, as
    /// does SQLite.
    func rows<Row: Decodable & Sendable>(decoding _: Row.Type) async throws -> [Row] {
        guard let postgres = database as? any PostgresDatabase else {
            return try await all(decoding: Row.self)
        }
        var serializer = SQLSerializer(database: database)
        query.serialize(to: &serializer)
        var bindings = PostgresBindings(capacity: serializer.binds.count)
        for bind in serializer.binds {
            guard PostgresBinds.append(bind, to: &bindings) else { return try await all(decoding: Row.self) }
        }
        if let level = database.queryLogLevel {
            database.logger.log(level: level, "Executing query", metadata: ["sql": .string(serializer.sql)])
        }
        let query = PostgresQuery(unsafeSQL: serializer.sql, binds: bindings)
        let logger = database.logger
        return try await postgres.withLeasedConnection { connection in
            var rows: [Row] = []
            for try await row in try await connection.query(query, logger: logger) {
                rows.append(try PostgresRowDecoder.decode(Row.self, from: row))
            }
            return rows
        }
    }
}

/// SQLKit's binds as PostgresKit encodes them: nil as NULL, a `PostgresEncodable` value as
/// itself. False for anything else, which is left to PostgresKit.
enum PostgresBinds {
    static func append(_ bind: any Encodable & Sendable, to bindings: inout PostgresBindings) -> Bool {
        open(bind, &bindings)
    }

    /// An optional bind holding nothing.
    static func isNull(_ bind: any Encodable & Sendable) -> Bool {
        (bind as? any OptionalBind)?.isNone == true
    }

    private static func open<T: Encodable>(_ value: T, _ bindings: inout PostgresBindings) -> Bool {
        if let optional = value as? any OptionalBind, optional.isNone {
            bindings.appendNull()
            return true
        }
        guard let encodable = value as? any PostgresThrowingDynamicTypeEncodable else { return false }
        do {
            try bindings.append(encodable, context: .default)
            return true
        } catch {
            return false
        }
    }
}

/// An optional bind holding nothing is sent as NULL.
private protocol OptionalBind { var isNone: Bool { get } }
extension Optional: OptionalBind {
    var isNone: Bool { self == nil }
}
