/// "Mente du …?" for a search that finds nothing: each word of the query that is not a word of
/// the texts searched is replaced by the nearest word that is, when one is near enough (one
/// letter wrong, missing, extra or two letters swapped for a word of 4 to 6 letters; two for a
/// longer one). Words of 3 letters or fewer, and numbers, are left as typed.
public enum SpellingSuggestion {
    /// The query with its misspelt words replaced, or nil when no word is replaced.
    public static func suggest(_ query: String, vocabulary: Set<String>) -> String? {
        var changed = false
        let words = query.split(whereSeparator: \.isWhitespace).map { typed -> String in
            let word = typed.lowercased().filter(\.isLetter)
            guard word.count >= 4, !vocabulary.contains(word) else { return String(typed) }
            let allowed = word.count >= 7 ? 2 : 1
            var best: (word: String, distance: Int)?
            for candidate in vocabulary where abs(candidate.count - word.count) <= allowed {
                let distance = Self.distance(word, candidate)
                guard distance <= allowed else { continue }
                if best == nil || distance < best!.distance
                    || (distance == best!.distance && candidate < best!.word)
                {
                    best = (candidate, distance)
                }
            }
            guard let best else { return String(typed) }
            changed = true
            return best.word
        }
        return changed ? words.joined(separator: " ") : nil
    }

    /// The words of `text` a suggestion may be: lowercased, letters only, 4 letters or more.
    public static func words(_ text: String) -> Set<String> {
        Set(text.lowercased().split { !$0.isLetter }.map(String.init).filter { $0.count >= 4 })
    }

    /// The edit distance between `a` and `b` counting a swap of two neighbouring letters as one
    /// edit (optimal string alignment): "husdry" is 1 from "husdyr".
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
