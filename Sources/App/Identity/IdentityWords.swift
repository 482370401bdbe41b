/// The words of logging in, Danish and English: kept with the feature and merged into `Strings`.
/// The login refusals are what `OIDCError.messageKey` names; none carries token contents or
/// personal data.
enum IdentityWords {
    static let danish: [String: String] = [
        "loginError_provider_unavailable": "Login-tjenesten svarer ikke lige nu. Prøv igen om lidt.",
        "loginError_login_expired": "Login-forsøget er udløbet eller blev ikke startet her. Start forfra.",
        "loginError_unknown_person":
            "Vi kan ikke finde dig i vores register. Kontakt din boligorganisation, hvis du bor hos os.",
        "loginError_not_fresh":
            "Du skal logge ind igen for at bekræfte ændringen, men login-tjenesten brugte et ældre login. Prøv igen.",
        "loginError_insufficient_assurance":
            "Log ind med MitID på sikringsniveau betydelig eller høj, fx med MitID-appen eller en kodeviser. Et login på lavt niveau giver ikke adgang her.",
        "loginError_staff_link_refused":
            "Dit login kan ikke kobles til en medarbejderkonto. Bed en administrator om at koble dit login til din konto.",
        "loginError_too_many_starts":
            "Der er startet for mange login fra din forbindelse. Vent et minut, og prøv igen.",
        "loginError_refused": "Login blev afvist af sikkerhedshensyn. Start forfra.",
    ]

    static let english: [String: String] = [
        "loginError_provider_unavailable": "The login service is not answering right now. Please try again shortly.",
        "loginError_login_expired": "The login attempt has expired or was not started here. Please start again.",
        "loginError_unknown_person":
            "We cannot find you in our register. Contact your housing organisation if you live with us.",
        "loginError_not_fresh":
            "You must log in again to confirm the change, but the login service used an earlier login. Please try again.",
        "loginError_insufficient_assurance":
            "Log in with MitID at the substantial or high level of assurance, for example with the MitID app or a code display. A low-level login does not give access here.",
        "loginError_staff_link_refused":
            "Your login cannot be linked to a staff account. Ask an administrator to link your login to your account.",
        "loginError_too_many_starts": "Too many logins were started from your connection. Wait a minute and try again.",
        "loginError_refused": "The login was refused for security reasons. Please start again.",
    ]
}
