/// A letter ready to typeset: everything is already text (dates formatted by the caller).
public struct LetterDocument: Sendable, Equatable, Codable {
    /// Only chooses the renderer's own words (labels, page numbers).
    public var language: LetterLanguage
    public var sender: LetterSender
    /// Printed in the envelope window on page 1.
    public var recipient: PostalAddress
    /// Already formatted, e.g. "23. november 2026".
    public var dateText: String
    /// Our reference, e.g. "Sag 2026-00123" or a lease number; omitted when nil or empty.
    public var reference: String?
    /// The case (sag) the letter is written in, e.g. "2026-000123": what the resident names
    /// when they answer. Omitted when nil.
    public var caseNumber: String?
    /// The bold heading line; also the PDF's Title.
    public var subject: String
    public var body: [LetterBlock]
    /// The PDF's Author, normally the organisation's name.
    public var author: String

    public init(
        language: LetterLanguage = .danish,
        sender: LetterSender,
        recipient: PostalAddress,
        dateText: String,
        reference: String? = nil,
        caseNumber: String? = nil,
        subject: String,
        body: [LetterBlock],
        author: String? = nil
    ) {
        self.language = language
        self.sender = sender
        self.recipient = recipient
        self.dateText = dateText
        self.reference = reference
        self.caseNumber = caseNumber
        self.subject = subject
        self.body = body
        // The organisation is the author of its letters unless the caller says otherwise.
        self.author = author ?? sender.name
    }
}
