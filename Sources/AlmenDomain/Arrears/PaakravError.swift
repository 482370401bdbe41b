/// Why a påkrav (payment demand) schedule cannot be built as given, ALL § 90, stk. 2.
public enum PaakravError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The påkrav is said to have arrived before the first day it could lawfully be sent; a påkrav
    /// sent that early is invalid and cannot found an ophævelse.
    case arrivedBeforeEarliestPaakrav(earliest: LocalDate)

    public var description: String {
        switch self {
        case .arrivedBeforeEarliestPaakrav(let earliest):
            "A påkrav can be sent at the earliest on \(earliest.iso) (ALL § 90, stk. 2)."
        }
    }
}
