import LeafKit
import Vapor

/// `#if(some(cases))` and `#if(none(cases))`: whether a value has anything to show (issue: Fast
/// pages).
///
/// LeafKit's own tests are slow on anything but a boolean: `#if(text)`, `count(list) > 0` and
/// `n == 0` each convert their values through a table of about forty converters that LeafKit
/// builds anew for every conversion, and a comparison does so up to four times. On "Mit hjem"
/// those tables were a twentieth of the app's time. These tags look at the value's type once and
/// answer a boolean, which `#if` takes as it is.
///
/// Something is there when it is a non-empty list, dictionary, text or data, a number other than
/// zero, or `true`; a missing value (`nil`) is nothing.
struct PresenceTag: LeafTag {
    /// `none(x)` rather than `some(x)`.
    let negated: Bool

    func render(_ ctx: LeafContext) throws -> LeafData {
        try ctx.requireParameterCount(1)
        return .bool(Self.isPresent(ctx.parameters[0]) != negated)
    }

    static func isPresent(_ data: LeafData) -> Bool {
        guard !data.isNil else { return false }
        // Each accessor reads its own type without conversion.
        switch data.celf {
        case .array: return !(data.array ?? []).isEmpty
        case .dictionary: return !(data.dictionary ?? [:]).isEmpty
        case .string: return !(data.string ?? "").isEmpty
        case .int: return (data.int ?? 0) != 0
        case .double: return (data.double ?? 0) != 0
        case .bool: return data.bool ?? false
        case .data: return !(data.data ?? Data()).isEmpty
        case .void: return false
        }
    }
}

extension Application.Leaf {
    /// The app's own tags, registered on every renderer of pages.
    func useAlmenTags() {
        tags["some"] = PresenceTag(negated: false)
        tags["none"] = PresenceTag(negated: true)
    }
}
