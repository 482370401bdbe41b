import Foundation
import Testing

@testable import App

/// The audit log's purposes are words in both languages, filled with the same values.
@Suite("Audit purposes")
struct AuditPurposeTests {
    @Test(arguments: [
        (
            AuditPurpose("caseDecision", ["number": "2026-000123"]),
            "Sagsbehandling: afgørelse i sag 2026-000123", "Case handling: decision in case 2026-000123"
        ),
        (
            AuditPurpose("complaintStep", ["step": .word("complaintStepEvent_henstilling")]),
            "Naboklage: \(Strings.danish["complaintStepEvent_henstilling"] ?? "?")",
            "Neighbour complaint: \(Strings.english["complaintStepEvent_henstilling"] ?? "?")"
        ),
        (
            AuditPurpose("consent", ["title": .both(da: "Nyhedsbrev", en: "Newsletter")]),
            "Samtykke: Nyhedsbrev", "Consent: Newsletter"
        ),
        (
            AuditPurpose("logout").within("viaAPIKey", ["name": "Økonomi"]),
            "Log ud (API-nøgle: Økonomi)", "Log out (API key: Økonomi)"
        ),
        (
            AuditPurpose("ledgerImported_other", ["format": "bank", "n": "3"]).within("ledgerKnown", ["n": "2"]),
            "Kontofil (bank) indlæst: 3 nye linjer, 2 var indlæst i forvejen",
            "Account file (bank) read: 3 new lines, 2 already read"
        ),
    ])
    func aPurposeIsSaidInBothLanguages(purpose: AuditPurpose, danish: String, english: String) {
        #expect(purpose.danish == danish)
        #expect(purpose.english == english)
        #expect(AuditPurpose.text(danish: purpose.danish, english: purpose.english, .en) == english)
        #expect(AuditPurpose.text(danish: purpose.danish, english: nil, .en) == danish, "older events: the Danish")
    }

    /// Each purpose names the same values in both languages, so neither loses what the other says.
    @Test func bothLanguagesFillTheSameValues() {
        let names = { (text: String) in Set(text.matches(of: #/\{([a-z]+)\}/#).map { String($0.output.1) }) }
        let different = AuditPurposeWords.danish.keys.sorted().filter { key in
            names(AuditPurposeWords.danish[key] ?? "") != names(AuditPurposeWords.english[key] ?? "")
        }
        #expect(different.isEmpty, "\(different)")
        #expect(Set(AuditPurposeWords.danish.keys) == Set(AuditPurposeWords.english.keys))
    }

    /// The words the code picks from a value exist for every value it can have.
    @Test func everyWordAPurposeTakesFromAValueExists() {
        var keys = Activation.Refusal.allCases.map(\.auditWord)
        keys += DigitalPostConnections.Choice.allCases.map { "auditConnectionWay_\($0.rawValue)" }
        keys += MunicipalityNotice.Reason.allCases.map(\.purposeWord)
        keys += [CaseFilesController.SublettingFile.agreement, .documentation].map(\.purposeWord)
        keys += [
            "/mit-hjem", "/mit-hjem/breve/x", "/mit-hjem/sager", "/mit-hjem/moeder", "/mit-hjem/mine-data",
            "/mit-hjem/samtykker", "/mit-hjem/indsigt", "/mit-hjem/fuldmagter", "/mit-hjem/lejemaal/x", "/api/v1/me",
            "/andet",
        ].map(ActingGuard.pageWord)
        let missing = keys.filter { Strings.danish[$0] == nil || Strings.english[$0] == nil }
        #expect(missing.isEmpty, "\(missing)")
    }

    /// Values are filled in one pass: a typed value holding a name stays as typed.
    @Test func aValueIsNeverFilledAgain() {
        #expect(Strings.fill("{a} og {b}", ["a": "{b}", "b": "x"]) == "{b} og x")
        #expect(Strings.fill("{a} {ukendt} {", ["a": "1"]) == "1 {ukendt} {")
        #expect(Strings.fill("ingen", [:]) == "ingen")
    }

    /// Every purpose and word the code names exists: `AuditPurpose("key"`, `.within("key"`,
    /// `.word("key")`, and both words of a choice `cond ? "a" : "b"` inside `AuditPurpose(`.
    @Test func everyPurposeTheCodeNamesExists() throws {
        let app = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/App")
        var named: Set<String> = []
        let files = FileManager.default.enumerator(at: app, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift", let text = try? String(contentsOf: file, encoding: .utf8) else {
                continue
            }
            for match in text.matches(of: #/AuditPurpose\(\s*"([A-Za-z_]+)"/#) {
                named.insert("auditPurpose_" + match.output.1)
            }
            for match in text.matches(of: #/\.within\(\s*"([A-Za-z_]+)"/#) {
                named.insert("auditPurpose_" + match.output.1)
            }
            for match in text.matches(of: #/AuditPurpose\([^()]*?\?\s*"([A-Za-z_]+)"\s*:\s*"([A-Za-z_]+)"/#) {
                named.insert("auditPurpose_" + match.output.1)
                named.insert("auditPurpose_" + match.output.2)
            }
            for match in text.matches(of: #/\.word\(\s*"([A-Za-z_]+)"\s*\)/#) { named.insert(String(match.output.1)) }
        }
        #expect(named.count > 80, "the scan found the purposes")
        #expect(
            named.isSuperset(of: ["auditPurpose_ledgerImported_one", "auditPurpose_arrearsAutomatic"]),
            "and the choices"
        )
        let missing = named.sorted().filter { Strings.danish[$0] == nil || Strings.english[$0] == nil }
        #expect(missing.isEmpty, "\(missing)")
    }
}
