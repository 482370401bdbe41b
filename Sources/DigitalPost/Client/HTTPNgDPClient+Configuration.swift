import Foundation

extension HTTPNgDPClient {
    /// The base URL as text ending in `/` (so relative paths append, whether or not it was
    /// configured with one), and whether it uses TLS.
    static func normalisedBase(_ url: URL) throws(NgDPConfigurationError) -> (base: String, usesTLS: Bool) {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: true) else {
            throw .invalidBaseURL("it cannot be read as a URL.")
        }
        let scheme = components.scheme?.lowercased()
        guard scheme == "https" || scheme == "http" else {
            throw .invalidBaseURL("the scheme must be https (or http for a local stand-in).")
        }
        guard let host = components.host, !host.isEmpty else { throw .invalidBaseURL("it has no host.") }
        // Without TLS the token travels in clear and there is no mutual TLS: only to this machine.
        guard scheme == "https" || isLoopback(host) else {
            throw .invalidBaseURL(
                "plain http is only for a stand-in on this machine (localhost, 127.0.0.1 or ::1); NgDP is https."
            )
        }
        guard components.query == nil, components.fragment == nil else {
            throw .invalidBaseURL("it must not have a query or a fragment.")
        }
        guard components.user == nil, components.password == nil else {
            throw .invalidBaseURL("credentials belong in the system token, not in the URL.")
        }
        if !components.path.hasSuffix("/") {
            components.path += "/"
        }
        guard let text = components.string else { throw .invalidBaseURL("it cannot be read as a URL.") }
        return (text, scheme == "https")
    }

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if bare == "localhost" || bare == "::1" { return true }
        let parts = bare.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.first == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// The token as it goes after `Basic `. A configured value that already starts with `Basic `
    /// is accepted without it, so the header never says it twice.
    static func checkedToken(_ configured: String) throws(NgDPConfigurationError) -> String {
        var token = Substring(configured.trimmingCharacters(in: .whitespacesAndNewlines))
        if token.lowercased().hasPrefix("basic ") {
            token = token.dropFirst(6).drop(while: { $0 == " " })
        }
        // Visible ASCII only: anything else is refused by HTTP, and the library's message for
        // that would quote the token.
        guard !token.isEmpty, token.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else { throw .invalidToken }
        return String(token)
    }
}
