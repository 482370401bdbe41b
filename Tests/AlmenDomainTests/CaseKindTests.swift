import AlmenDomain
import Testing

/// Which cases a caseworker's own letter answers: a reply in words answers a general case, a
/// fault report and a request about personal data; every other kind is answered by its workflow.
@Suite("A caseworker's letter as the case's answer")
struct CaseKindTests {
    @Test(arguments: [
        (CaseKind.general, true),
        (.dataRequest, true),
        (.termination, false),
        (.subletting, false),
        (.swap, false),
        (.swapLandlord, false),
        (.faultReport, true),
        (.neighbourComplaint, false),
        (.arrears, false),
        (.moveOut, false),
    ])
    func aCaseworkersLetterAnswers(kind: CaseKind, answers: Bool) {
        #expect(kind.answeredByCaseworkerLetter == answers)
        // A message alone opens a case of just these kinds (a data request is made in the portal).
        #expect(kind.opensFromMessage == (answers && kind != .dataRequest))
    }
}
