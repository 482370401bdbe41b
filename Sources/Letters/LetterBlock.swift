/// One block of a letter's body; blocks are flowed top to bottom across pages.
public enum LetterBlock: Sendable, Equatable, Codable {
    /// A bold heading, kept on the same page as what follows it.
    case heading(String)
    /// A paragraph of running text.
    case paragraph([LetterInline])
    /// A list with "•" markers and a hanging indent; one element per item.
    case bulletList([[LetterInline]])
    /// A list numbered "1.", "2.", … with a hanging indent; one element per item.
    case numberedList([[LetterInline]])
    /// A table, e.g. the amounts owed; rows are never split and the header repeats on a new page.
    case table(LetterTable)
}
