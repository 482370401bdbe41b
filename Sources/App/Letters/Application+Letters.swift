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

    /// The PDF typesetter: the one `configure`'s dependencies make on the application's thread
    /// pool (made when first asked for, once the pool runs), or one a test put in.
    var letterTypesetter: any LetterTypesetting {
        get { storage[TypesetterKey.self] ?? dependencies.typesetter(threadPool) }
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

    /// Where print batches go (`configure` starts with staff printing them by hand).
    var printProvider: any PrintProvider {
        get {
            guard let provider = storage[PrintProviderKey.self] else { fatalError("configure(_:) has not run") }
            return provider
        }
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
