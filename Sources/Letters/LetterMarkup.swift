/// A small line-based markup for letter bodies, so administrators can edit letter templates
/// as text (a Leaf template whose output is this markup).
///
/// - `# Heading` (one level only)
/// - a blank line separates paragraphs; consecutive lines of a paragraph are joined with a space
/// - `- item` bullet list, `1. item` numbered list (the numbers written are not used: items are
///   numbered 1, 2, 3 …); a line following an item without a blank line continues the item
/// - `| a | b |` table rows: the first row is the header; `|---|---:|` right after it sets the
///   alignment (`---:` = trailing, for amounts); a row starting `|=` is the total row (last)
/// - `**bold**` inside any text
/// - `\` makes the next character literal, so a value containing `|`, `*` or `#` can be
///   inserted safely; `LetterMarkup.escape` does this for template values
public enum LetterMarkup {
    /// Parses markup into body blocks.
    public static func parse(_ text: String) throws(LetterMarkupError) -> [LetterBlock] {
        var parser = MarkupParser()
        return try parser.parse(text)
    }

    /// Escapes a value so it is inserted literally: a backslash before `\ * | #` and before a
    /// leading `-` or the dot of a leading number (`1.`). Line breaks become spaces, since a
    /// value cannot span lines without starting a new block.
    public static func escape(_ value: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count + 4)
        var leading = true  // still in the value's leading whitespace
        var leadingDigits = false  // the value so far (after whitespace) is digits only
        for character in value {
            if character.isNewline {
                escaped.append(" ")
                continue
            }
            if leading, character.isWhitespace {
                escaped.append(character)
                continue
            }
            switch character {
            case "\\", "*", "|", "#":
                escaped.append("\\")
            case "-" where leading:
                escaped.append("\\")
            case "." where leadingDigits:
                escaped.append("\\")
            default:
                break
            }
            leadingDigits = (leading || leadingDigits) && character.isASCII && character.isNumber
            leading = false
            escaped.append(character)
        }
        return escaped
    }
}
