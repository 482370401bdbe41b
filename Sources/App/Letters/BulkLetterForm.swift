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

    struct Problem: Error, Encodable, Equatable {
        let field: String
        let messageKey: String
    }

    /// The organisation, the department numbers and the content; or the first problem.
    func validated() throws(Problem) -> (
        organisationID: UUID, departmentNumbers: [Int], addresses: [String], content: BulkContent
    ) {
        guard let organisationID = organisation.flatMap(UUID.init(uuidString:)) else {
            throw Problem(field: "organisation", messageKey: "bulkErrorOrganisation")
        }
        var numbers: [Int] = []
        for part in (departments ?? "").split(whereSeparator: { $0 == "," || $0 == " " }) where !part.isEmpty {
            guard let number = Int(part), number > 0 else {
                throw Problem(field: "departments", messageKey: "bulkErrorDepartments")
            }
            numbers.append(number)
        }
        let addressLines = (addresses ?? "").split(whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        .filter { !$0.isEmpty }
        guard numbers.isEmpty || addressLines.isEmpty else {
            throw Problem(field: "addresses", messageKey: "bulkErrorBoth")
        }
        guard addressLines.count <= 5_000 else { throw Problem(field: "addresses", messageKey: "bulkErrorAddresses") }
        switch LetterKind(rawValue: kind ?? "") {
        case .general:
            let subject = Self.trimmed(subject)
            guard !subject.isEmpty, subject.count <= 200 else {
                throw Problem(field: "subject", messageKey: "bulkErrorSubject")
            }
            let paragraphs = Self.paragraphs(text)
            guard !paragraphs.isEmpty, (text ?? "").count <= 20_000 else {
                throw Problem(field: "text", messageKey: "bulkErrorText")
            }
            return (organisationID, numbers, addressLines, .general(subject: subject, paragraphs: paragraphs))
        case .meetingNotice:
            // A notice is built from its meeting, whose dates are worked out and checked
            // (Møder); typed dates went out wrong before ("mandag den 22. december", a Tuesday).
            throw Problem(field: "kind", messageKey: "bulkErrorMeetingNotice")
        default:
            throw Problem(field: "kind", messageKey: "bulkErrorKind")
        }
    }

    private static func trimmed(_ value: String?) -> String {
        (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Paragraphs are separated by blank lines; lines within one are joined.
    static func paragraphs(_ text: String?) -> [String] {
        (text ?? "").replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map {
                $0.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(
                    separator: " "
                )
            }
            .filter { !$0.isEmpty }
    }
}
