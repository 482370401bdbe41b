import Fluent
import Foundation

/// A housing organisation (boligorganisation / boligselskab): the landlord and data controller.
public final class HousingOrganisation: Model, @unchecked Sendable {
    public static let schema = "housing_organisations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "company_id") public var company: AdministrationCompany
    @Field(key: "cvr") public var cvr: String
    @Field(key: "name") public var name: String
    /// Listed in sub-annex 2.5, point 13 of the NgDP connection agreement, so it may be connected
    /// to Digital Post as a public sender (digital-post.md).
    @Field(key: "eligible_public_sender") public var eligiblePublicSender: Bool
    @Field(key: "digital_post_connection") public var digitalPostConnection: DigitalPostConnectionState
    /// Opted in to incoming Digital Post of up to 60 MB of files a message (10 MB otherwise).
    @Field(key: "large_incoming_mail") public var largeIncomingMail: Bool
    /// The daily arrears run sends påkrav by itself; otherwise (the default) it proposes them for a
    /// caseworker to review.
    @Field(key: "arrears_automatic") public var arrearsAutomatic: Bool
    /// Where tenants pay rent: the bank's registration number and the account number. A påkrav
    /// must say how to pay, so none is made without them.
    @OptionalField(key: "payment_registration") public var paymentRegistration: String?
    @OptionalField(key: "payment_account") public var paymentAccount: String?
    @Children(for: \.$organisation) public var departments: [Department]

    public init() {}

    public init(
        id: UUID? = nil,
        companyID: UUID,
        cvr: String,
        name: String,
        eligiblePublicSender: Bool,
        digitalPostConnection: DigitalPostConnectionState
    ) {
        self.id = id
        self.$company.id = companyID
        self.cvr = cvr
        self.name = name
        self.eligiblePublicSender = eligiblePublicSender
        self.digitalPostConnection = digitalPostConnection
        self.largeIncomingMail = false
        self.arrearsAutomatic = false
    }
}

/// Where an organisation stands with Næste generation Digital Post.
public enum DigitalPostConnectionState: String, Codable, CaseIterable, Sendable {
    case notConnected = "not_connected"
    case connected
    case suspended
}
