import Vapor

/// The sandbox's own HTML: one accessible page to pick a demo person. Plain HTML without script,
/// styled by the app's stylesheet when mounted inside it.
enum SandboxPages {
    /// A moment as a Danish reader reads it, in Danish time: "8. december 2026 kl. 09.41".
    static func danishTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Copenhagen") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let months = [
            "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
            "november", "december",
        ]
        let (hour, minute) = (parts.hour ?? 0, parts.minute ?? 0)
        return "\(parts.day ?? 1). \(months[(parts.month ?? 1) - 1]) \(parts.year ?? 0) kl. "
            + "\(hour < 10 ? "0" : "")\(hour).\(minute < 10 ? "0" : "")\(minute)"
    }

    static func chooser(
        title: String,
        standsInFor service: String,
        action: String,
        request: SandboxIdentityProvider.AuthorizeRequest,
        people: [SandboxPerson]
    ) -> String {
        let hidden = [
            ("response_type", request.response_type), ("client_id", request.client_id),
            ("redirect_uri", request.redirect_uri), ("scope", request.scope), ("state", request.state),
            ("nonce", request.nonce), ("code_challenge", request.code_challenge),
            ("code_challenge_method", request.code_challenge_method),
        ].compactMap { name, value in
            value.map { #"<input type="hidden" name="\#(name)" value="\#(escape($0))">"# }
        }.joined()
        let rows = people.map { person in
            """
            <li class="card"><form method="post" action="\(escape(action))">\(hidden)\
            <input type="hidden" name="subject" value="\(escape(person.subject))">\
            <button type="submit" class="button">Log ind som \(escape(person.name))</button> \
            <span class="meta">\(escape(person.role))</span></form></li>
            """
        }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title><link rel="stylesheet" href="/css/almen.css"></head>
            <body><header><div class="demo-banner" role="note">Sandkasse: ikke \(escape(service)). Alle personer er opdigtede.</div></header>
            <main class="wrap"><h1>\(escape(title))</h1>
            <p class="lead">Vælg den demoperson, du vil logge ind som.</p>
            <ul class="org-list">
            \(rows)
            </ul></main></body></html>
            """
    }

    /// A whole page around `body`, with the demo banner naming what it stands in for.
    static func document(
        title: String,
        body: String,
        standsInFor service: String = "den rigtige Digital Post"
    ) -> String {
        """
        <!DOCTYPE html>
        <html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title><link rel="stylesheet" href="/css/almen.css"></head>
        <body><header><div class="demo-banner" role="note">Sandkasse: ikke \(service). Alle personer er opdigtede.</div></header>
        <main class="wrap">\(body)</main></body></html>
        """
    }

    static func response(_ html: String) -> Response {
        let response = Response(status: .ok, body: .init(string: html))
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
