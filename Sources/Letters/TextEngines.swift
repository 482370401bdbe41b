import CPangoCairo

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The calling thread's text engines, one per font family and language.
///
/// Stored in POSIX thread-local storage, so an engine is only ever used on the thread that
/// made it, and is released (with its Pango context) when that thread ends. A render never
/// suspends, so even when called from Swift concurrency it runs on one thread throughout.
final class TextEngines {
    private struct Key: Hashable {
        let fontFamily: String
        let language: LetterLanguage
    }

    private var engines: [Key: TextEngine] = [:]

    /// The engine for this thread, made on first use.
    static func current(fontFamily: String, language: LetterLanguage) -> TextEngine {
        let registry: TextEngines
        if let stored = pthread_getspecific(threadKey) {
            registry = Unmanaged<TextEngines>.fromOpaque(stored).takeUnretainedValue()
        } else {
            registry = TextEngines()
            // The retain is given back by the key's destructor when the thread exits.
            pthread_setspecific(threadKey, Unmanaged.passRetained(registry).toOpaque())
        }
        let key = Key(fontFamily: fontFamily, language: language)
        if let engine = registry.engines[key] { return engine }
        let engine = TextEngine(fontFamily: fontFamily, language: language)
        registry.engines[key] = engine
        return engine
    }

    /// Created once (Swift initialises globals lazily and thread-safely).
    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        let result = pthread_key_create(&key) { stored in
            guard let stored else { return }
            Unmanaged<TextEngines>.fromOpaque(stored).release()
        }
        precondition(result == 0, "pthread_key_create failed: \(result)")
        return key
    }()
}
