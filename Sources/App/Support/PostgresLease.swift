import PostgresKit
import PostgresNIO

extension PostgresDatabase {
    /// Runs `body` with a connection leased from the pool, in the calling task (issue: Fast
    /// pages). The pool hands out a connection through a future; `withConnection`'s closure must
    /// answer with one, so running a statement's async API inside it took a new task for every
    /// statement (`makeFutureWithTask`) and a switch back to the request's task after. Here the
    /// closure only hands the connection over and holds the lease until `body` is done.
    ///
    /// For a page's reads, which run one at a time on their connection; a transaction keeps
    /// using Fluent's own `transaction`.
    func withLeasedConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let leased = eventLoop.makePromise(of: PostgresConnection.self)
        let released = eventLoop.makePromise(of: Void.self)
        let lease = withConnection { connection in
            leased.succeed(connection)
            return released.futureResult
        }
        // The pool gave no connection (closed, or its wait timed out): no closure ran.
        lease.whenFailure { leased.fail($0) }
        let connection = try await leased.futureResult.get()
        defer { released.succeed(()) }
        return try await body(connection)
    }
}
