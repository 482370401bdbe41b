import Foundation

/// Whether the name an identity provider gives (MitID's full name) is the register's person: the
/// check that keeps an activation code, sent to a home, from linking someone else who lives there
/// or found the letter. Whole words, not substrings ("Hansen" is not "Johansen"), case and
/// diacritics folded the Danish way (ø = o, æ = ae, å = aa): every word of the family name and the
/// first given name must be among the provider's words.
public enum NameMatch {
    public static func matches(providerName: String, givenName: String, familyName: String) -> Bool {
        let provided = Set(words(providerName))
        let family = words(familyName)
        guard let firstGiven = words(givenName).first, !family.isEmpty else { return false }
        return provided.contains(firstGiven) && family.allSatisfy(provided.contains)
    }

    /// Folded words: letters only, split at spaces, hyphens and other punctuation.
    static func words(_ text: String) -> [String] {
        fold(text).split { !$0.isLetter }.map(String.init)
    }

    static func fold(_ text: String) -> String {
        text.lowercased()
            .replacingOccurrences(of: "ø", with: "o").replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(
                of: "å",
                with: "aa"
            )
            .folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
    }
}
