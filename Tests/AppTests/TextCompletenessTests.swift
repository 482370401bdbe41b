import AlmenDomain
import DigitalPost
import Foundation
import Testing

@testable import App

/// Every word the UI builds from a value (a status, a kind, an audit action) exists in Danish and
/// in English, so no code or raw value ever reaches a page in its place (issue: Fast pages, item 2).
@Suite("UI text completeness")
struct TextCompletenessTests {
    /// Each prefix with every value the code puts after it.
    static let families: [(prefix: String, values: [String])] = [
        ("letterStatus_", LetterStatus.allCases.map(\.rawValue)),
        (
            "settlementLine_",
            MoveOutSettlementLine.Kind.allCases.filter { $0 != .departmentShare }.map(\.rawValue)
                + ["departmentShare_one", "departmentShare_other"]
        ),
        ("boardProblem", ["NotResident_one", "NotResident_other", "NoRepresentative_one", "NoRepresentative_other"]),
        ("caseResponseWithin_", ["same", "one", "other"]),
        ("partialMost_", ["none", "one", "other"]),
        ("letterKind_", LetterKind.allCases.map(\.rawValue)),
        ("meetingsStanding_", MeetingPage.Standing.allCases.map(\.rawValue)),
        ("channel_", AlmenDomain.Channel.allCases.map(\.rawValue) + ["pending"]),
        ("channelReason_", ChannelReason.allCases.map(\.rawValue)),
        ("caseKind_", CaseKind.allCases.map(\.rawValue)),
        ("caseStatus_", CaseStatus.allCases.map(\.rawValue)),
        ("casePartyRole_", CasePartyRole.allCases.map(\.rawValue)),
        ("housing_", HousingType.allCases.map(\.rawValue)),
        ("bulkStatus_", BulkRunStatus.allCases.map(\.rawValue)),
        ("staffRole_", StaffRole.allCases.map(\.rawValue)),
        ("connection_", ConnectionController.State.allCases.map(\.rawValue)),
        ("auditAction_", AuditAction.allCases.map(\.rawValue)),
        ("auditSubject_", AuditSubject.allCases.map(\.rawValue)),
        ("registration_", NgDPRegistrationStatus.allCases.map(\.rawValue)),
        ("letterEvent_", LetterEventKind.allCases.map(\.rawValue)),
        ("sendProblem_", SendProblem.allCases.map(\.rawValue)),
        ("sentEvidence_", SentEvidence.allCases.map(\.rawValue)),
        ("jobKind_", JobKind.allCases.map(\.rawValue)),
        ("jobStatus_", JobStatus.allCases.map(\.rawValue)),
        ("helpTopic_", HelpTopic.allCases.map(\.rawValue)),
        ("helpEmbed_", HelpEmbed.allCases.map(\.rawValue)),
        ("documentKind_", DepartmentDocumentKind.allCases.map(\.rawValue)),
        ("documentVisibility_", DocumentVisibility.allCases.map(\.rawValue)),
        ("boardPosition_", BoardPosition.allCases.map(\.rawValue)),
        ("meetingBody_", MeetingBody.allCases.map(\.rawValue)),
        ("meetingKind_", MeetingKind.allCases.map(\.rawValue)),
        (
            "",  // the login refusals' keys, whole
            [
                OIDCError.providerUnavailable, .stateMismatch, .loginExpired, .providerError(""), .tokenRejected(""),
                .invalidSignature, .expired, .wrongIssuer, .wrongAudience, .nonceMismatch, .missingClaim(""),
                .unknownPerson, .notFresh, .insufficientAssurance, .staffLinkRefused, .tooManyStarts,
            ].map(\.messageKey)
        ),
        ("complaintAction_", ComplaintAction.allCases.map(\.rawValue)),
        ("complaintStep_", ComplaintStep.allCases.map(\.rawValue)),
        ("complaintStepEvent_", ComplaintStep.allCases.map(\.rawValue)),
        // The steps taken without a letter say what happens instead.
        (
            "complaintNoLetter_",
            ComplaintAction.allCases.filter { !$0.sendsLetter && $0 != .sendReceipt }.map(\.rawValue)
        ),
        ("naevnOutcome_", NaevnOutcome.allCases.map(\.rawValue)),
        ("caseDeadline_", CaseDeadlineKind.allCases.map(\.rawValue)),
        (
            "meetingKind_",
            MeetingKind.allCases.flatMap { kind in MeetingBody.allCases.map { "\(kind.rawValue)_\($0.rawValue)" } }
        ),
        ("errorMessage_", Problem.families.map(\.family)),
        ("errorTitle_", Problem.families.map(\.family).filter { $0 != "401" }),
        ("wholeReason_", AbsenceReason.allCases.map(\.rawValue)),
        ("faultLocation_", FaultLocation.allCases.map(\.rawValue)),
        ("estateFiler_", EstateFiler.allCases.map(\.rawValue)),
        ("estateFilerShort_", EstateFiler.allCases.map(\.rawValue)),
        ("dataCategory_", DataCategory.allCases.map(\.rawValue)),
        ("dataCategoryEvent_", DataCategory.allCases.map(\.rawValue)),
        ("dataController_", DataController.allCases.map(\.rawValue)),
        // The rights asked for on a form (access is the export, asked for on its own).
        ("dataRight_", DataSubjectRight.requested.map(\.rawValue)),
        ("dataRightHint_", DataSubjectRight.requested.map(\.rawValue)),
        ("consentState_", Consents.State.allCases.map(\.rawValue)),
        ("consentHow_", ConsentChannel.allCases.map(\.rawValue)),
        ("decision_", DecisionOutcome.allCases.map(\.rawValue)),
        // Each kind's outcomes by their own words, or the outcome's.
        (
            "decisionOutcome_",
            CaseKind.allCases.flatMap { kind in
                DecisionOutcome.options(for: kind).map {
                    Strings.danish["decisionOutcome_\(kind.rawValue)_\($0.rawValue)"] == nil
                        ? $0.rawValue : "\(kind.rawValue)_\($0.rawValue)"
                }
            }
        ),
        ("swapDecision_", SwapDecision.allCases.map(\.rawValue)),
        ("swapMunicipality_", MunicipalityConsent.allCases.map(\.rawValue)),
        ("caseEvent_municipality_", MunicipalityConsent.allCases.map(\.rawValue)),
        ("caseEvent_landlord_", ["yes", "no", "own_yes", "own_no"]),
        ("naevnOutcomeEvent_", NaevnOutcome.allCases.map(\.rawValue)),
        ("apiKeyScope_", APIToken.Scope.allCases.map(\.rawValue)),
        ("casesDue_", CaseLists.DueFilter.allCases.map(\.rawValue) + ["all"]),
        ("casesDueEmpty_", CaseLists.DueFilter.allCases.map(\.rawValue)),
        ("casesAssignee_", CaseLists.AssigneeFilter.named.map(\.rawValue) + ["all"]),
        ("fileType_", FileType.allCases.map(\.rawValue)),
        ("retentionUnit_", RetentionController.units),
        ("retentionUnitOne_", RetentionController.units),
        ("municipalityNotice_", MunicipalityNotice.Reason.allCases.map(\.rawValue)),
        // Sent, printing and dispatched are said with their day or batch, in words of their own.
        (
            "municipalityState_",
            MunicipalityNotice.Status.allCases.filter { ![.sent, .printing, .dispatched, .cancelled].contains($0) }
                .map(\.rawValue)
        ),
        // A letter to a landlord names no municipality of the register, so is never missing from
        // it; sent, printing and dispatched share the notices' words.
        (
            "swapLetterState_",
            MunicipalityNotice.Status.allCases.filter { ![.sent, .printing, .dispatched, .notInRegister].contains($0) }
                .map(\.rawValue)
        ),
        // The history's words for each kind of event said by its kind alone (the others have
        // families of their own above).
        (
            "caseEvent_",
            CaseEvent.Kind.allCases.filter {
                ![.complaintStep, .naevnDecided, .landlordAnswered, .municipalityConsent].contains($0)
            }.map(\.rawValue)
        ),
    ]

    // By position: two families may share a prefix (the meeting kinds, alone and per body).
    @Test(arguments: families.indices)
    func everyValueHasWordsInBothLanguages(family: Int) throws {
        let (prefix, values) = Self.families[family]

        let missing = values.flatMap { value in
            [(Strings.danish, "da"), (Strings.english, "en")].compactMap { table, language in
                table[prefix + value]?.isEmpty == false ? nil : "\(language): \(prefix)\(value)"
            }
        }

        #expect(missing.isEmpty, "\(missing)")
    }

    /// Words live in the word tables only: no sentence is chosen by language in code
    /// (`language == .da ? "…" : "…"`, `case .da:`, `let da = language == .da`), the second text
    /// mechanism the issue "Fast pages" named, nor written inline in both languages (`messageDa:
    /// "…"`, the third). Number formatting (a decimal comma) is not words.
    @Test func noCodeChoosesASentenceByLanguage() throws {
        let app = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/App")
        let patterns: [Regex<Substring>] = [
            // `== .da ? "…"` (or `!=`, or `.en`), but not a choice of SQL columns.
            #/[=!]=\s*\.(?:da|en)\s*\?\s*"(?!COALESCE)/#, #/if\s+language\s*[=!]=\s*\.(?:da|en)\s*\{/#,
            #/case\s*\(?\.(?:da|en)\b/#, #/case\s*\(.*,\s*\.(?:da|en)\)\s*:/#,
            #/(?:let|var)\s+(?:da|danish|english)\s*=\s*language\s*[=!]=\s*\.(?:da|en)[ \t]*\n/#,
            // An API message written inline in both languages, or one of a pair picked by hand
            // (`message(in:)` picks it).
            #/messageDa:\s*"/#, #/\?\s*[\w.]+\.messageDa\s*:/#,
        ]
        var found: [String] = []
        let files = FileManager.default.enumerator(at: app, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            // The language's own formats (month and weekday names, the words' tables) are the mechanism.
            guard file.pathExtension == "swift", !file.path.contains("/Localization/"),
                let text = try? String(contentsOf: file, encoding: .utf8)
            else { continue }
            for pattern in patterns {
                for match in text.matches(of: pattern) {
                    let line = text[text.lineRange(for: match.range)]
                    guard !line.contains(#""," : ".""#) else { continue }
                    found.append("\(file.lastPathComponent): \(line.trimmingCharacters(in: .whitespacesAndNewlines))")
                }
            }
        }
        #expect(found.isEmpty, "\(found)")
    }

    /// A count's word comes in both forms: a `_one` has its plural (`_other`, or the key without
    /// `_one`), in both languages (the tables have the same keys). A job's code is not a word.
    @Test func everySingularHasItsPlural() {
        let keys = Set(Strings.danish.keys)
        let lonely = keys.filter { $0.hasSuffix("_one") && !$0.hasPrefix("jobKind_") }.filter {
            let base = String($0.dropLast(4))
            return !keys.contains(base + "_other") && !keys.contains(base)
        }
        #expect(lonely.isEmpty, "\(lonely.sorted())")
    }

    /// Every key the code names (`strings["key"]`, a form's `problems.append(("field", "key"))`) and every
    /// word a view reads (`page.t.key`) exists in both languages, and the two tables have the same
    /// keys: a missing word would show as nothing at all.
    @Test func everyKeyTheCodeAndTheViewsNameExistsInBothLanguages() throws {
        let app = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/App")
        let patterns: [(String, Regex<(Substring, Substring)>)] = [
            ("swift", #/strings\["([A-Za-z0-9_]+)"\]/#),
            ("swift", #/problems\.append\(\(\s*"[A-Za-z0-9_]+",\s*"([A-Za-z0-9_]+)"\s*\)\)/#),
            ("leaf", #/page\.t\.([A-Za-z0-9_]+)/#),
            ("swift", #/AccessRefused\(key: "([A-Za-z0-9_]+)"/#),
            // A word named by key: an API error, a rule's reason, a form's problem
            // (`RulesInputError(code: …, key: "…")`, `BilingualWords(key: "…")`).
            (
                "swift",
                #/(?:Error|Reason|Words|Problem|problem|\.init)\((?:[^()"]|"[^"]*")*?\bkey: "([A-Za-z0-9_]+)"(?!,\s*count:)/#
            ),
            // `strings.filled("key", …)`, and each word of a choice `filled(n == 1 ? "a_one" : "a_other", …)`.
            ("swift", #/\.filled\(\s*"([A-Za-z0-9_]+)"/#),
            ("swift", #/\.filled\([^()"]*\?\s*"([A-Za-z0-9_]+)"/#),
            ("swift", #/\.filled\([^()"]*\?\s*"[A-Za-z0-9_]+"\s*:\s*"([A-Za-z0-9_]+)"/#),
            // A compiled view's words (`text.word`, `word`, `w` in `CaseView`), and each of a choice
            // `w(x ? "a" : "b")`.
            ("swift", #/\b(?:word|w)\(\s*"([a-z][A-Za-z0-9_]+)"\s*\)/#),
            ("swift", #/\b(?:word|w)\([A-Za-z0-9_.!= ]*\?\s*"([a-z][A-Za-z0-9_]+)"\s*:/#),
            ("swift", #/\b(?:word|w)\([A-Za-z0-9_.!= ]*\?\s*"[a-z][A-Za-z0-9_]+"\s*:\s*"([a-z][A-Za-z0-9_]+)"\s*\)/#),
        ]
        var named: [String: String] = [:]
        let files = FileManager.default.enumerator(at: app, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            let text = try? String(contentsOf: file, encoding: .utf8)
            for (ext, pattern) in patterns where file.pathExtension == ext {
                for match in text?.matches(of: pattern) ?? [] { named[String(match.output.1)] = file.lastPathComponent }
            }
            // `strings.counted("key", n, …)` and `BilingualWords(key: "key", count: n)` name `key_one`
            // and `key_other`.
            if file.pathExtension == "swift" {
                for match in text?.matches(of: #/\.counted\(\s*"([A-Za-z0-9_]+)"|\bkey: "([A-Za-z0-9_]+)",\s*count:/#)
                    ?? []
                {
                    guard let base = match.output.1 ?? match.output.2 else { continue }
                    for form in ["_one", "_other"] { named[base + form] = file.lastPathComponent }
                }
            }
        }
        #expect(named.count > 400, "the scan found the views and the code")
        let missing = named.keys.sorted().flatMap { key in
            [(Strings.danish, "da"), (Strings.english, "en")].compactMap { table, language in
                table[key]?.isEmpty == false ? nil : "\(language): \(key) (\(named[key] ?? ""))"
            }
        }
        #expect(missing.isEmpty, "\(missing)")
        #expect(Set(Strings.danish.keys) == Set(Strings.english.keys))
    }
}
