import AlmenDomain
import Vapor

/// "Hvornår kan jeg fraflytte?": a public form (GET, works without JavaScript) over the
/// termination rule, with the answer and how it was found.
enum TerminationCalculatorController {
    struct Context: Encodable {
        let page: PageChrome
        let action: String
        let form: Form
        let housingOptions: [SelectOption]
        let answer: TerminationAnswer?
        let error: ErrorItem?
    }

    /// The values typed, echoed back so that nothing is lost on an error.
    struct Form: Encodable {
        let received: String
        let noticeWeeks: String
        let death: Bool
    }

    struct ErrorItem: Encodable {
        let field: String
        let label: String
        let message: String
    }

    /// The form's label for each parameter, so that the error summary names the field as shown.
    static let labelKeys = [
        "received": "calcReceived", "housing": "calcHousing", "noticeWeeks": "calcWeeks", "reason": "calcDeath",
    ]

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let language = req.language
        let strings = Strings.table(language)
        let received: String? = req.query["received"]
        let housing: String? = req.query["housing"]
        let weeks: String? = req.query["noticeWeeks"]
        let reason: String? = req.query["reason"]
        var answer: TerminationAnswer?
        var problem: ErrorItem?
        if received?.isEmpty == true {
            // The form was sent without a date: say so at the field, rather than show nothing.
            problem = ErrorItem(
                field: "received",
                label: labelKeys["received"].flatMap { strings[$0] } ?? "received",
                message: strings["calcReceivedMissing"] ?? ""
            )
        } else if let received {
            do {
                // Weeks typed for a type other than youth housing are ignored here rather than
                // refused: the field is on the form for everyone.
                let weeksForHousing = housing == HousingType.youth.rawValue ? weeks : nil
                answer = try TerminationAnswer.evaluate(
                    received: received,
                    housing: housing,
                    noticeWeeks: weeksForHousing,
                    reason: reason,
                    language: language
                )
            } catch {
                let field = error.field ?? "received"
                problem = ErrorItem(
                    field: field,
                    label: labelKeys[field].flatMap { strings[$0] } ?? field,
                    message: error.message(in: language)
                )
            }
        }
        let selected = housing.flatMap(HousingType.init(rawValue:)) ?? .family
        let context = Context(
            page: await PageChrome.make(for: req, title: strings["calcTitle"] ?? ""),
            action: SiteRoute.terminationCalculator.path,
            form: Form(
                received: received ?? "",
                noticeWeeks: weeks ?? "",
                death: reason == TerminationReason.death.rawValue
            ),
            housingOptions: HousingType.allCases.map { type in
                SelectOption(
                    value: type.rawValue,
                    label: strings["housing_\(type.rawValue)"] ?? "",
                    selected: type == selected
                )
            },
            answer: answer,
            error: problem
        )
        return try await req.view.render("calculator", context)
    }
}
