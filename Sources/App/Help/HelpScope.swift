import Foundation

/// Where a help article belongs: the built-in starting set, one organisation, or one department
/// of it. A reader's context is a department (or an organisation, or nothing); they see the most
/// specific published article for each slug.
enum HelpScope: Hashable, Sendable {
    case builtIn
    case organisation(UUID)
    case department(UUID, organisation: UUID)

    /// The key stored with the article: unique with its slug.
    var key: String {
        switch self {
        case .builtIn: "*"
        case .organisation(let id): "o:" + id.lowercasedString
        case .department(let id, _): "d:" + id.lowercasedString
        }
    }

    /// 0 built-in, 1 organisation, 2 department.
    var rank: Int {
        switch self {
        case .builtIn: 0
        case .organisation: 1
        case .department: 2
        }
    }

    var organisationID: UUID? {
        switch self {
        case .builtIn: nil
        case .organisation(let id): id
        case .department(_, let organisation): organisation
        }
    }

    var departmentID: UUID? {
        if case .department(let id, _) = self { return id }
        return nil
    }

    /// The scopes a reader in this context sees, least specific first: always three keys (a
    /// key repeated where the context is wider), so a page's statement has a fixed shape.
    var visibleKeys: [String] {
        switch self {
        case .builtIn: [Self.builtIn.key, Self.builtIn.key, Self.builtIn.key]
        case .organisation(let id): [Self.builtIn.key, Self.organisation(id).key, Self.organisation(id).key]
        case .department(_, let organisation): [Self.builtIn.key, Self.organisation(organisation).key, key]
        }
    }
}

/// The topics articles are grouped by, in the order the help centre shows them.
enum HelpTopic: String, Codable, CaseIterable, Sendable {
    case home = "boligen"
    case moving = "flytning"
    case subletting = "fremleje-og-bytte"
    case rent = "husleje"
    case neighbours = "naboer"
    case democracy = "beboerdemokrati"
    case digital = "digital-post-og-data"
}

/// What an article's page shows below its text.
enum HelpEmbed: String, Codable, CaseIterable, Sendable {
    /// The termination calculator ("Hvornår kan jeg fraflytte?").
    case terminationCalculator = "termination-calculator"
    /// The retention periods in force (`RetentionSchedule`), so the privacy article and the
    /// nightly deletion cannot disagree.
    case retentionSchedule = "retention-schedule"
    /// The records of processing with the periods in force (`ProcessingRecord`): the privacy
    /// article's own data, so it cannot disagree with what the system does.
    case processingRecords = "processing-records"
}

/// The text of an article as written: what a version stores and the editor edits.
struct HelpArticleText: Equatable, Sendable {
    struct Language: Equatable, Sendable {
        var title: String
        var summary: String
        var body: String
    }

    var topic: HelpTopic
    var related: [String]
    var embed: HelpEmbed?
    /// The binding text.
    var danish: Language
    /// A translation, where one is written.
    var english: Language?

    /// Limits on what staff can save: an article is a page or two.
    static let maxTitle = 120
    static let maxSummary = 300
    static let maxBody = 40_000
    static let maxRelated = 6

    /// A slug: 1–80 lower-case letters a–z, digits and hyphens, not starting or ending with one.
    static func isSlug(_ text: String) -> Bool {
        guard (1...80).contains(text.count), text.first != "-", text.last != "-" else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
