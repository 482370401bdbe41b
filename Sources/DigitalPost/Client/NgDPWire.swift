/// The JSON shapes of NgDP's API that stay inside the client: each is turned into a public type
/// (or an `NgDPError`) at once, so the wire format never leaks to the callers.
enum NgDPWire {
    /// A JSON value read as text whatever its type, for fields whose type NgDP does not fix
    /// (an id that may be a number, a rejected value). Objects and arrays read as nil.
    struct LenientText: Decodable {
        var text: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                text = nil
            } else if let string = try? container.decode(String.self) {
                text = string
            } else if let integer = try? container.decode(Int64.self) {
                text = String(integer)
            } else if let number = try? container.decode(Double.self) {
                text = String(number)
            } else if let flag = try? container.decode(Bool.self) {
                text = String(flag)
            } else {
                text = nil
            }
        }
    }
}
