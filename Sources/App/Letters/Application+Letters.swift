import AlmenDomain
import Fluent
import Vapor

extension Application {
    private struct RendererKey: StorageKey { typealias Value = LetterTemplateRenderer }
    private struct TypesetterKey: StorageKey { typealias Value = any LetterTypesetting }

    /// Compiles letter templates; one per application so compiled versions are cached.
    var letterTemplateRenderer: LetterTemplateRenderer {
        get {
            guard let renderer = storage[RendererKey.self] else { fatalError("configure(_:) has not run") }
            return renderer
        }
        set { storage[RendererKey.self] = newValue }
    }

    /// The PDF typesetter: pango and cairo on the thread pool unless a test put another in.
    var letterTypesetter: any LetterTypesetting {
        get { storage[TypesetterKey.self] ?? ThreadPoolTypesetter(pool: threadPool) }
        set { storage[TypesetterKey.self] = newValue }
    }

    /// Letters made with the application's database.
    func letters(on database: (any Database)? = nil) -> LetterService {
        LetterService(
            database: database ?? db,
            dependencies: dependencies,
            renderer: letterTemplateRenderer,
            typesetter: letterTypesetter,
            connections: digitalPostConnections
        )
    }
}

extension Request {
    var letters: LetterService { application.letters(on: db) }
}

extension Application {
    private struct PrintProviderKey: StorageKey { typealias Value = any PrintProvider }

    /// Where print batches go; staff print them by hand unless a provider is plugged in.
    var printProvider: any PrintProvider {
        get { storage[PrintProviderKey.self] ?? ManualPrintProvider() }
        set { storage[PrintProviderKey.self] = newValue }
    }

    func printBatches(on database: (any Database)? = nil) -> PrintBatches {
        PrintBatches(
            database: database ?? db,
            dependencies: dependencies,
            typesetter: letterTypesetter,
            provider: printProvider,
            delivery: PhysicalDelivery(bankDays: almenConfig.physicalDeliveryBankDays)
        )
    }
}

extension Application {
    func bulkLetters(on database: (any Database)? = nil) -> BulkLetters {
        BulkLetters(database: database ?? db, dependencies: dependencies, letters: letters(on: database))
    }
}
