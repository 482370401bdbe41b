import AlmenDomain
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Development only (`ALMEN_SANDBOX_CLOCK=1`): the app's clock, moved on by whole days on request,
/// so a demo or a browser test can let deadlines pass (a complaint's episode after its henstilling,
/// a påkrav's deadline). Every effect already takes "now" from `AppDependencies.now`, so wrapping
/// that one closure moves sessions, cases, letters and the jobs this process runs (`almen serve`
/// runs them itself in development; a separate `almen worker` keeps its own clock). `configure`
/// refuses it in production, and the route exists only when it is on.
final class SandboxClock: Sendable {
    private let offset = NIOLockedValueBox<TimeInterval>(0)
    /// At most a couple of years either way.
    static let maxDays = 800
    /// `POST /sandbox/ur` asks for it.
    static let header = "X-Almen-Sandbox-Clock"

    func wrap(_ base: @escaping @Sendable () -> Date) -> @Sendable () -> Date {
        { [offset] in base().addingTimeInterval(offset.withLockedValue { $0 }) }
    }

    /// Moves the clock by `days` (back, when negative), within `maxDays` of the real one.
    func move(days: Int) -> Int? {
        offset.withLockedValue { value in
            let total = Int(value / 86_400) + days
            guard abs(total) <= Self.maxDays else { return nil }
            value = TimeInterval(total) * 86_400
            return total
        }
    }

    var days: Int { Int(offset.withLockedValue { $0 } / 86_400) }

    /// `GET /sandbox/ur`: the days moved and today's date; `POST` with `days=N` moves it on.
    struct Answer: Content {
        let offsetDays: Int
        let today: String
    }

    func answer(_ req: Request) -> Answer {
        Answer(offsetDays: days, today: req.today.iso)
    }

    func register(on app: Application) {
        app.get("sandbox", "ur") { [self] req in answer(req) }
        app.post("sandbox", "ur") { [self] req -> Answer in
            // Not CSRF-protected like the other sandbox routes, so a header no plain form can
            // send: another site in a developer's browser cannot move the clock.
            guard req.headers.first(name: Self.header) == "ja" else { throw Abort(.forbidden) }
            struct Input: Content { var days: Int? }
            guard let days = (try? req.content.decode(Input.self))?.days, move(days: days) != nil else {
                throw Abort(
                    .unprocessableEntity,
                    reason: "days: a whole number; the clock stays within \(Self.maxDays) days"
                )
            }
            return answer(req)
        }
    }
}

extension Application {
    private struct SandboxClockKey: StorageKey { typealias Value = SandboxClock }

    /// The movable clock, when `ALMEN_SANDBOX_CLOCK` turned it on.
    var sandboxClock: SandboxClock? {
        get { storage[SandboxClockKey.self] }
        set { storage[SandboxClockKey.self] = newValue }
    }
}
