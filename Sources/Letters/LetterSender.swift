import Foundation

/// The organisation sending the letter, printed in the sender block at the top right of page 1
/// and, shortened, as the return line above the recipient address.
public struct LetterSender: Sendable, Equatable, Codable {
    /// Printed in bold at the top of the sender block, e.g. "Boligselskabet Almen".
    public var name: String
    /// Postal address lines, e.g. ["Hovedgaden 1", "8000 Aarhus C"].
    public var addressLines: [String]
    /// Phone, e-mail, CVR and similar, one per line.
    public var contactLines: [String]
    /// Optional logo as PNG bytes; scaled to fit 40 x 15 mm with its aspect ratio kept.
    public var logoPNG: Data?

    public init(name: String, addressLines: [String] = [], contactLines: [String] = [], logoPNG: Data? = nil) {
        self.name = name
        self.addressLines = addressLines
        self.contactLines = contactLines
        self.logoPNG = logoPNG
    }
}
