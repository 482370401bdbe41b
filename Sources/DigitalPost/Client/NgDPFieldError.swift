/// One entry of `fieldErrors` in NgDP's 400 answer (ErrorMessage): what was wrong with which part
/// of the request. Every text field is optional because NgDP leaves some out.
///
/// `rejectedValue` is the value NgDP refused and may be a CPR number, so it is kept out of
/// `description`, `debugDescription` and the mirror that `dump` prints; read it only to show the
/// sender's own staff. `message` has digit runs that look like a CPR number masked when decoded.
public struct NgDPFieldError: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The resource the field belongs to, such as `memo` or `contacts`.
    public var resource: String?
    /// A path such as `MessageHeader.Sender.senderID`.
    public var field: String?
    public var code: String?
    public var message: String?
    public var rejectedValue: String?

    public init(
        resource: String? = nil,
        field: String? = nil,
        code: String? = nil,
        message: String? = nil,
        rejectedValue: String? = nil
    ) {
        self.resource = resource
        self.field = field
        self.code = code
        self.message = message
        self.rejectedValue = rejectedValue
    }

    public var description: String {
        let place = [resource, field].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ".")
        return [place, code ?? "", message.map(NgDPRedaction.maskPersonalNumbers) ?? ""]
            .filter { !$0.isEmpty }.joined(separator: ": ")
    }

    public var debugDescription: String { "NgDPFieldError(\(description))" }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "resource": resource as Any, "field": field as Any, "code": code as Any, "message": message as Any,
            ],
            displayStyle: .struct
        )
    }
}
