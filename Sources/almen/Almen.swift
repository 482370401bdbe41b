import ArgumentParser
import Foundation
import NIOCore
import NIOPosix

/// The process's entry point: NIO's event loops become Swift Concurrency's executor before
/// anything runs, then the command line is parsed and run.
///
/// Without this a route handler's `await` on PostgreSQL hopped between two pools of threads on
/// every statement: the query was written and answered on an event loop, and the handler resumed
/// on Swift's global pool, each hop a thread switch and a futex wake (issue: Fast pages; see
/// docs/benchmarks.md). With NIO's loops as the executor, the handler resumes on the loop that
/// read the answer. The cost: work that blocks a thread now blocks an event loop; nothing in
/// Almen may block (no `wait()`, no sleeping, no synchronous I/O in a request or a job).
@main
enum Entrypoint {
    static func main() async {
        if !NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor() {
            // Swift's own pool then runs the tasks: everything works, a little slower.
            FileHandle.standardError.write(Data("NIO's event loops could not run Swift Concurrency's tasks\n".utf8))
        }
        await Almen.main()
    }
}

/// `almen`: one binary for every process of the platform.
struct Almen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "almen",
        abstract: "Almen: the platform for Danish social housing.",
        subcommands: [
            ServeCommand.self, WorkerCommand.self, MigrateCommand.self, SeedCommand.self, StaffCommand.self,
            RulesCommand.self, LedgerCommand.self, ArrearsCommand.self, RetentionCommand.self,
            DigitalPostCommand.self, LettersCommand.self, SandboxCommand.self, BenchCommand.self,
        ]
    )
}
