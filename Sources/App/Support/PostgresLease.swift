import PostgresKit
import PostgresNIO

extension PostgresDatabase {
    /// Runs `body` with a connection leased from the pool, in the calling task (issue: Fast
    /// pages). The pool hands out a connection through a future; `withConnection`'s closure must
    /// answer with one, so running a statement's async API inside it took a new task for every
    /// statement (`makeFutureWithTask`) and a switch back to the request's task after. Here the
    /// closure only hands the connection over and holds the lease until `body` is done.
    ///
    /// The connection must not outlive `body`: read every row inside it. The rows are read in
    /// the calling task, so cancelling that task (a job's lost lease, shutdown) stops the read
    /// with a `CancellationError` at the next row, where a statement's own task used to read on.
    /// Waiting for a connection is not cancelled, as before: it ends with one or with the pool's
    /// error.
    func withLeasedConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let leased = eventLoop.makePromise(of: PostgresConnection.self)
        let released = eventLoop.makePromise(of: Void.self)
        // On every way out, the pool's error too: NIO stops a debug build on a promise left
        // unfulfilled.
        defer { released.succeed(()) }
        let lease = withConnection { connection in
            leased.succeed(connection)
            return released.futureResult
        }
        // The pool gave no connection (closed, or its wait timed out): no closure ran.
        lease.whenFailure { leased.fail($0) }
        return try await body(try await leased.futureResult.get())
    }
}
