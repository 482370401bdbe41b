/// The language of the fixed words the renderer adds itself (labels and page numbers).
///
/// Everything else in a letter is text supplied by the caller, so this only switches
/// "Dato"/"Date", "Vores reference"/"Our reference" and "Side 1 af 2"/"Page 1 of 2".
public enum LetterLanguage: String, Sendable, Equatable, CaseIterable, Codable {
    case danish
    case english

    /// Label in front of the date in the information block.
    var dateLabel: String {
        switch self {
        case .danish: "Dato"
        case .english: "Date"
        }
    }

    /// Label in front of the case's number in the information block.
    var caseLabel: String {
        switch self {
        case .danish: "Sagsnummer"
        case .english: "Case number"
        }
    }

    /// Label in front of our reference in the information block.
    var referenceLabel: String {
        switch self {
        case .danish: "Vores reference"
        case .english: "Our reference"
        }
    }

    /// Footer text; the total is per letter, also inside a batch.
    func pageLabel(_ page: Int, of total: Int) -> String {
        switch self {
        case .danish: "Side \(page) af \(total)"
        case .english: "Page \(page) of \(total)"
        }
    }

    /// The PDF's `/Lang`: what a screen reader reads the letter as.
    var pdfTag: String {
        switch self {
        case .danish: "da"
        case .english: "en"
        }
    }

    /// Pango language tag: it steers font choice and shaping for ambiguous characters.
    var pangoTag: String {
        switch self {
        case .danish: "da-dk"
        case .english: "en"
        }
    }
}
