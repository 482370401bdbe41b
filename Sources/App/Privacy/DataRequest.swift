import AlmenDomain
import Fluent
import Foundation

/// A resident's request about their data (rectification, erasure, restriction or objection),
/// filed in the portal: a case of kind `data_request` whose answer is due one month after it
/// arrived (`DataSubjectRequestDeadline`).
final class DataRequest: Model, @unchecked Sendable {
    static let schema = "data_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "right") var right: DataSubjectRight
    @Field(key: "text") var text: String
    @Field(key: "received_on") var receivedOn: String
    @Field(key: "answer_by") var answerBy: String
    /// The form's one-time token: the same form sent twice makes one request.
    @Field(key: "submission_token") var submissionToken: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
