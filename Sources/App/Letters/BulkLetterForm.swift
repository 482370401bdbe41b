import AlmenDomain
import Foundation

/// The bulk letter form as submitted, and its check: which field is wrong, in Danish and English.
struct BulkLetterForm: Codable, Sendable {
    var organisation: String?
    var departments: String?
    /// Addresses, one per line: the selection instead of departments.
    var addresses: String?
    var kind: String?
    var subject: String?
    var text: String?
    /// The draft run this form writes again (`?ret=`), deleted when the new one is made.
    var replaces: String?

    struct Problem: Encodable, Equatable {
        let field: String
        let messageKey: String
    }

    /// Everything wrong with the form, field by field in the form's order.
    struct Problems: Error, Equatable {
        let list: [Problem]
    }

    /// The organisation, the department numbers and the content; or every problem.
    func validated() throws(Problems) -> (
        organisationID: UUID, departmentNumbers: [Int], addresses: [String], content: BulkContent
    ) {
        var problems: [Problem] = []
        let organisationID = organisation.flatMap(UUID.init(uuidString:))
        if organisationID == nil {
            problems.append(Problem(field: "organisation", messageKey: "bulkErrorOrganisation"))
        }
        let parts = (departments ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).filter { !$0.isEmpty }
        let numbers = parts.compactMap { Int($0).flatMap { $0 > 0 ? $0 : nil } }
        if numbers.count != parts.count {
            problems.append(Problem(field: "departments", messageKey: "bulkErrorDepartments"))
        }
        let addressLines = (addresses ?? "").split(whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        .filter { !$0.isEmpty }
        if !parts.isEmpty && !addressLines.isEmpty {
            problems.append(Problem(field: "addresses", messageKey: "bulkErrorBoth"))
        } else if addressLines.count > 5_000 {
            problems.append(Problem(field: "addresses", messageKey: "bulkErrorAddresses"))
        }
        var content: BulkContent?
        switch LetterKind(rawValue: kind ?? "") {
        case .general:
            let subject = Self.trimmed(subject)
            if let problem = FieldError.requiredText(subject, max: 200, "bulkErrorSubject") {
                problems.append(Problem(field: "subject", messageKey: problem))
            }
            let paragraphs = MarkupText.paragraphs(of: text ?? "")
            // Blank lines alone are no text.
            if let problem = FieldError.requiredText(paragraphs.isEmpty ? "" : text ?? "", max: 20_000, "bulkErrorText")
            {
                problems.append(Problem(field: "text", messageKey: problem))
            } else if StaffCasesController.hasOwnGreeting(paragraphs) {
                // The template greets and signs off already: a second greeting would print twice.
                problems.append(Problem(field: "text", messageKey: "caseLetterErrorGreeting"))
            }
            content = .general(subject: subject, paragraphs: paragraphs)
        case .meetingNotice:
            // A notice is built from its meeting, whose dates are worked out and checked
            // (Møder); typed dates went out wrong before ("mandag den 22. december", a Tuesday).
            problems.append(Problem(field: "kind", messageKey: "bulkErrorMeetingNotice"))
        default:
            problems.append(Problem(field: "kind", messageKey: "bulkErrorKind"))
        }
        guard let organisationID, let content, problems.isEmpty else { throw Problems(list: problems) }
        return (organisationID, numbers, addressLines, content)
    }

    private static func trimmed(_ value: String?) -> String {
        (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

}
