import Foundation

/// An e-mail address with an optional display name ("Almen <noreply@almen.example>"). Checked
/// when made: one "@", no spaces, quotes, angle brackets or line breaks, so that it can stand
/// in a header and an SMTP command without changing either.
public struct MailAddress: Sendable, Equatable, CustomStringConvertible {
    public let address: String
    public let name: String?

    public init(_ address: String, name: String? = nil) throws {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        let forbidden = CharacterSet(charactersIn: " \t\r\n<>\"(),;:\\[]")
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."),
            // Printable ASCII only (0x21–0x7E): no control characters reach a command or a header.
            address.unicodeScalars.allSatisfy({ $0.value >= 0x21 && $0.value <= 0x7E && !forbidden.contains($0) }),
            address.utf8.count <= 254
        else { throw MailError.invalidAddress }
        guard name.map(Self.breaksLine) != true else { throw MailError.invalidAddress }
        self.address = address
        self.name = name.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether `text` holds a line break (checked by scalar: "\r\n" is one Character).
    static func breaksLine(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "\r" || $0 == "\n" }
    }

    /// "Almen <noreply@almen.example>", or "noreply@almen.example": `ALMEN_MAIL_FROM`'s form.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            let name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            try self.init(
                String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]),
                name: name
            )
        } else {
            try self.init(trimmed)
        }
    }

    /// As a header shows it: the name as encoded words when it is not plain ASCII (the address
    /// on a folded line of its own), as a quoted string when it holds a character that means
    /// something in an address ("Hansen, Mette"), else as it is.
    public var header: String {
        guard let name else { return address }
        let encoded = MailMessage.encodedWord(name)
        if encoded != name { return "\(encoded)\r\n <\(address)>" }
        let specials = CharacterSet(charactersIn: "()<>[]:;@\\,.\"")
        guard name.unicodeScalars.contains(where: specials.contains) else { return "\(name) <\(address)>" }
        let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(quoted)\" <\(address)>"
    }

    public var description: String { name.map { "\($0) <\(address)>" } ?? address }
}

/// What can go wrong before anything is sent.
public enum MailError: Error, Equatable, Sendable {
    /// An address that is not one, or would break a header.
    case invalidAddress
    /// A subject with a line break (it would start a header of its own).
    case invalidSubject
}

/// A plain-text e-mail in UTF-8: the one kind Almen sends (reminders to staff). Rendered as
/// RFC 5322 with MIME: the subject as an RFC 2047 encoded word when it is not plain ASCII, the
/// body in base64, lines ending CRLF.
public struct MailMessage: Sendable, Equatable {
    public let from: MailAddress
    public let to: [MailAddress]
    public let subject: String
    public let body: String
    public let date: Date
    /// The Message-ID's left part (a UUID); its right part is the sender's domain.
    public let id: UUID

    public init(from: MailAddress, to: [MailAddress], subject: String, body: String, date: Date, id: UUID) throws {
        guard !MailAddress.breaksLine(subject) else { throw MailError.invalidSubject }
        guard !to.isEmpty else { throw MailError.invalidAddress }
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.id = id
    }

    /// The message as it goes after DATA (without the final dot), lines ending CRLF.
    public var rendered: String {
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "localhost"
        let body = Data(
            body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8
        )
        .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return [
            "Date: \(Self.dateHeader(date))",
            "From: \(from.header)",
            "To: \(to.map(\.header).joined(separator: ", "))",
            "Subject: \(Self.encodedWord(subject))",
            "Message-ID: <\(id.uuidString.lowercased())@\(domain)>",
            // Sent by a program: out-of-office replies stay away (RFC 3834).
            "Auto-Submitted: auto-generated",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            body,
        ].joined(separator: "\r\n") + "\r\n"
    }

    /// The text as it is when plain printable ASCII, else RFC 2047 encoded words of UTF-8 in
    /// base64 on folded lines, split between whole characters: 39 bytes are 52 characters of
    /// base64, 64 with "=?utf-8?B?" and "?=", so "Subject: " and the first word fit in 76.
    static func encodedWord(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII || $0.value < 0x20 || $0.value == 0x7F }) else {
            return text
        }
        var words: [String] = []
        var chunk = ""
        for character in text {
            if !chunk.isEmpty && chunk.utf8.count + String(character).utf8.count > 39 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?utf-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    /// RFC 5322's date: "Sat, 05 Dec 2026 08:00:00 +0000".
    static func dateHeader(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

/// A message as a mailbox reads it back: the headers that matter, decoded, and the body's text.
/// For the sandbox's mailbox and the tests; it reads what `MailMessage.rendered` writes (and
/// plain 7-bit text), nothing more.
public struct ReceivedMail: Sendable, Equatable {
    public let from: String
    public let to: [String]
    public let subject: String
    public let body: String

    public init?(parsing text: String) {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        guard let split = normalised.range(of: "\n\n") else { return nil }
        var headers: [String: String] = [:]
        var last: String?
        for line in normalised[..<split.lowerBound].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.first == " " || line.first == "\t", let key = last {
                headers[key, default: ""] += String(line)
            } else if let colon = line.firstIndex(of: ":") {
                let key = line[..<colon].lowercased()
                headers[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                last = key
            }
        }
        let raw = String(normalised[split.upperBound...])
        let body: String
        if headers["content-transfer-encoding"]?.lowercased() == "base64" {
            guard let data = Data(base64Encoded: raw.filter { !$0.isWhitespace }),
                let text = String(data: data, encoding: .utf8)
            else { return nil }
            body = text.replacingOccurrences(of: "\r\n", with: "\n")
        } else {
            body = raw
        }
        self.from = Self.decodeWords(headers["from"] ?? "")
        self.to = (headers["to"] ?? "").split(separator: ",").map {
            Self.decodeWords($0.trimmingCharacters(in: .whitespaces))
        }
        self.subject = Self.decodeWords(headers["subject"] ?? "")
        self.body = body
    }

    /// Decodes `=?utf-8?B?…?=` words (adjacent words join without the space between them).
    static func decodeWords(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        var lastWasWord = false
        while let start = rest.range(of: "=?utf-8?B?", options: .caseInsensitive) {
            let between = rest[..<start.lowerBound]
            if !(lastWasWord && between.allSatisfy(\.isWhitespace)) { result += between }
            guard let end = rest[start.upperBound...].range(of: "?=") else {
                rest = rest[start.lowerBound...]
                break
            }
            let encoded = rest[start.upperBound..<end.lowerBound]
            result +=
                Data(base64Encoded: String(encoded)).flatMap { String(data: $0, encoding: .utf8) } ?? String(encoded)
            rest = rest[end.upperBound...]
            lastWasWord = true
        }
        return result + rest
    }
}
