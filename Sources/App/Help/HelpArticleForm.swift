import Foundation
import Vapor

/// The editor's form for an article, as typed, and its check: every problem at its field, in the
/// editor's words (`Strings` keys), nothing stored until it passes.
struct HelpArticleForm: Content, Sendable {
    var slug: String?
    /// "o" for the whole organisation, or a department's id.
    var scope: String?
    var topic: String?
    var related: String?
    var embed: String?
    var title_da: String?
    var summary_da: String?
    var body_da: String?
    var title_en: String?
    var summary_en: String?
    var body_en: String?
    var intent: String?

    init(slug: String, scope: String, text: HelpArticleText) {
        self.slug = slug
        self.scope = scope
        topic = text.topic.rawValue
        related = text.related.joined(separator: ", ")
        embed = text.embed?.rawValue ?? ""
        title_da = text.danish.title
        summary_da = text.danish.summary
        body_da = text.danish.body
        title_en = text.english?.title ?? ""
        summary_en = text.english?.summary ?? ""
        body_en = text.english?.body ?? ""
    }

    /// A problem with a field: the field's name and the words' key, with what the words quote.
    struct Problem: Equatable, Sendable {
        let field: String
        let key: String
        var detail: String? = nil
    }

    static func clean(_ value: String?) -> String {
        (value ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The text, or the problems that keep it from being saved. `known` are the slugs a reader of
    /// the article's context can open (a link or a related article must be one of them).
    func check(known: Set<String>) -> Result<HelpArticleText, Problems> {
        var problems: [Problem] = []
        let topic = HelpTopic(rawValue: topic ?? "")
        if topic == nil { problems.append(Problem(field: "topic", key: "helpErrorTopic")) }
        let embedText = Self.clean(embed)
        let embed = HelpEmbed(rawValue: embedText)
        if !embedText.isEmpty, embed == nil { problems.append(Problem(field: "embed", key: "helpErrorEmbed")) }
        let danish = HelpArticleText.Language(
            title: Self.clean(title_da),
            summary: Self.clean(summary_da),
            body: Self.clean(body_da)
        )
        problems += Self.check(danish, suffix: "da")
        let english = HelpArticleText.Language(
            title: Self.clean(title_en),
            summary: Self.clean(summary_en),
            body: Self.clean(body_en)
        )
        let hasEnglish = !(english.title.isEmpty && english.summary.isEmpty && english.body.isEmpty)
        if hasEnglish { problems += Self.check(english, suffix: "en") }
        let relatedSlugs = (related ?? "").split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        if relatedSlugs.count > HelpArticleText.maxRelated {
            problems.append(Problem(field: "related", key: "helpErrorRelatedMany"))
        } else if let unknown = relatedSlugs.first(where: { !known.contains($0) }) {
            problems.append(Problem(field: "related", key: "helpErrorRelated", detail: unknown))
        }
        // The link check renders the text: only texts within the limit are rendered.
        for (field, body) in [("body_da", danish.body), ("body_en", english.body)]
        where body.unicodeScalars.count <= HelpArticleText.maxBody {
            for address in HelpMarkdown.render(body).links {
                if !HelpMarkdown.isAllowed(address) {
                    problems.append(Problem(field: field, key: "helpErrorLink", detail: address))
                } else if let slug = HelpMarkdown.articleSlug(address) {
                    if !known.contains(slug) {
                        problems.append(Problem(field: field, key: "helpErrorLinkArticle", detail: address))
                    }
                } else if address.hasPrefix("/"), !Self.isSitePath(address) {
                    problems.append(Problem(field: field, key: "helpErrorLinkSite", detail: address))
                }
            }
        }
        guard problems.isEmpty, let topic else { return .failure(Problems(list: problems)) }
        return .success(
            HelpArticleText(
                topic: topic,
                related: relatedSlugs,
                embed: embed,
                danish: danish,
                english: hasEnglish ? english : nil
            )
        )
    }

    struct Problems: Error, Equatable {
        let list: [Problem]
    }

    /// The pages of this site an article may link to besides other articles.
    static let sitePaths = [SiteRoute.help.path, SiteRoute.terminationCalculator.path, SiteRoute.myHome.path]

    static func isSitePath(_ address: String) -> Bool {
        let path = address.prefix { $0 != "?" && $0 != "#" }
        return path == "/" || sitePaths.contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    private static func check(_ text: HelpArticleText.Language, suffix: String) -> [Problem] {
        var problems: [Problem] = []
        if text.title.isEmpty {
            problems.append(Problem(field: "title_\(suffix)", key: "helpErrorTitle"))
        } else if text.title.count > HelpArticleText.maxTitle {
            problems.append(Problem(field: "title_\(suffix)", key: "helpErrorTitleLong"))
        }
        if text.summary.isEmpty {
            problems.append(Problem(field: "summary_\(suffix)", key: "helpErrorSummary"))
        } else if text.summary.count > HelpArticleText.maxSummary {
            problems.append(Problem(field: "summary_\(suffix)", key: "helpErrorSummaryLong"))
        }
        if text.body.isEmpty {
            problems.append(Problem(field: "body_\(suffix)", key: "helpErrorBody"))
        } else if text.body.count > HelpArticleText.maxBody {
            problems.append(Problem(field: "body_\(suffix)", key: "helpErrorBodyLong"))
        }
        return problems
    }
}
