import Fluent
import SQLKit
import Vapor

/// Which organisations' records a member of staff may see: every one for an administrator, the
/// assigned ones for a caseworker. Every back-office query of personal data filters by it, and a
/// record outside it is a 404, as if it did not exist.
enum StaffScope: Sendable, Equatable {
    case all
    case organisations(Set<UUID>)

    func contains(_ organisationID: UUID?) -> Bool {
        switch self {
        case .all: true
        case .organisations(let ids): organisationID.map(ids.contains) ?? false
        }
    }

    /// The ids to filter a query by; nil means no filter.
    var ids: [UUID]? {
        switch self {
        case .all: nil
        case .organisations(let ids): Array(ids)
        }
    }
}

extension Request {
    private struct StaffScopeKey: StorageKey { typealias Value = StaffScope }

    /// The signed-in staff member and their scope (401/redirect for others). A caseworker's
    /// organisations are read once per request, however many parts of the page ask.
    func requireStaffScope() async throws -> (Principal, StaffScope) {
        let principal = try requirePrincipal(.staff)
        if principal.has(.administrator) { return (principal, .all) }
        if let scope = storage[StaffScopeKey.self] { return (principal, scope) }
        let assigned = try await StaffAssignment.query(on: db).filter(\.$staff.$id == principal.id).all().map(
            \.$organisation.id
        )
        let scope = StaffScope.organisations(Set(assigned))
        storage[StaffScopeKey.self] = scope
        return (principal, scope)
    }
}

extension QueryBuilder {
    /// Keeps the rows whose organisation (`field`) is in `scope`.
    func scoped(_ field: KeyPath<Model, FieldProperty<Model, UUID>>, to scope: StaffScope) -> Self {
        guard let ids = scope.ids else { return self }
        return filter(field ~~ ids)
    }

    /// The same for an optional organisation field (records with none are administrators' only).
    func scoped(_ field: KeyPath<Model, OptionalFieldProperty<Model, UUID>>, to scope: StaffScope) -> Self {
        guard let ids = scope.ids else { return self }
        return filter(field ~~ ids)
    }
}

extension StaffScope {
    /// The scope as an SQL condition on `table.column` (an organisation id): ` AND ... IN (...)` for
    /// a caseworker, nothing for an administrator, and nil when the scope is empty (the query would
    /// find nothing; the caller answers with no rows).
    func condition(_ table: String, _ column: String) -> SQLQueryString? {
        guard let ids else { return "" }
        guard !ids.isEmpty else { return nil }
        return " AND \(ident: table).\(ident: column) IN (\(binds: ids))"
    }
}
