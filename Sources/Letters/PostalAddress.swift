/// A recipient's postal address as it must appear in the envelope window.
public struct PostalAddress: Sendable, Equatable, Codable {
    /// The addressee, e.g. "Mette Hansen" or "Dødsboet efter Jens Nielsen".
    public var name: String
    /// Street, postcode and town, optionally country: printed in order under the name.
    public var lines: [String]

    public init(name: String, lines: [String]) {
        self.name = name
        self.lines = lines
    }
}
