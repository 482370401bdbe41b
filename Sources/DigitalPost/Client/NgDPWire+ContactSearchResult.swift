extension NgDPWire {
    /// The answer to `GET contacts/?cprNumber=`; only the parts the channel decision needs.
    struct ContactSearchResult: Decodable {
        var contacts: [Contact]?

        struct Contact: Decodable {
            var mailboxSubscription: MailboxSubscription?
        }

        struct MailboxSubscription: Decodable {
            var publicRegistrationStatus: String?
            var registrationStatus: String?
        }

        /// The first contact with a mailbox subscription decides; one CPR number has one contact,
        /// and with none NgDP knows nothing, which is `unknown`.
        var registration: NgDPRegistration {
            guard let subscription = (contacts ?? []).lazy.compactMap(\.mailboxSubscription).first else {
                return NgDPRegistration(status: .unknown)
            }
            return NgDPRegistration(
                status: NgDPRegistrationStatus(reported: subscription.publicRegistrationStatus),
                reportedStatus: subscription.publicRegistrationStatus,
                registrationStatus: subscription.registrationStatus
            )
        }
    }
}
