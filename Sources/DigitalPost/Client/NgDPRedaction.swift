/// Masks what must never reach a log line or an error description: the system token and anything
/// that looks like a CPR number. Applied to every text that comes from outside (a server's message,
/// a TLS library's error) before it is kept in an `NgDPError`, because such text is not ours to
/// vouch for.
enum NgDPRedaction {
    static let mask = "[redacted]"

    /// Masks each run of ten or more digits and each `DDMMYY-SSSS`: the shapes of a CPR number.
    /// Dates, UUIDs and error codes keep their text.
    static func maskPersonalNumbers(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        var index = 0
        while index < characters.count {
            let end = digitRunEnd(characters, from: index)
            guard end > index else {
                result.append(characters[index])
                index += 1
                continue
            }
            if end - index >= 10 {
                result += mask
                index = end
            } else if end - index == 6, end < characters.count, characters[end] == "-",
                digitRunEnd(characters, from: end + 1) - (end + 1) == 4
            {
                result += mask
                index = end + 5
            } else {
                result += String(characters[index..<end])
                index = end
            }
        }
        return result
    }

    /// Also removes each of `secrets` (such as the token) wherever it occurs.
    static func scrub(_ text: String, secrets: [String]) -> String {
        var result = text
        for secret in secrets where !secret.isEmpty {
            result = result.replacingOccurrences(of: secret, with: mask)
        }
        return maskPersonalNumbers(result)
    }

    private static func digitRunEnd(_ characters: [Character], from start: Int) -> Int {
        var end = start
        while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
        return end
    }
}
