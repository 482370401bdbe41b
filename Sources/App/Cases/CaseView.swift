/// A staff member's case page (`/admin/sager/:id`) as a compiled view (`CompiledView`): the
/// markup `case.leaf` wrote, written here, because a case is the page a caseworker opens most
/// after the inbox, and Leaf was a quarter of its time (docs/benchmarks.md). Each card is its
/// own function, in the order the page shows them.
extension StaffCasesController.ShowContext {
    func body(_ text: HTMLText) -> String {
        let view = CaseView(context: self, text: text)
        return view.body()
    }
}

/// The case page's markup, card by card (`FormMarkup`'s pieces: `e` escapes a value, `w` gives a word).
private struct CaseView: FormMarkup {
    let context: StaffCasesController.ShowContext
    let text: HTMLText

    private var csrf: String { csrfField(context.page.csrf) }

    func body() -> String {
        var html = ""
        html.reserveCapacity(16_384)
        html += header()
        html += assignment()
        html += status()
        if let notice = context.notice { html += self.notice(notice) }
        if let estateHref = context.estateHref { html += estate(estateHref) }
        if let landlord = context.swapLandlord { html += swapLandlord(landlord) }
        if let swap = context.swap { html += self.swap(swap) }
        if let sublet = context.sublet { html += self.sublet(sublet) }
        if let paakrav = context.paakrav { html += self.paakrav(paakrav) }
        if !context.municipalityNotices.isEmpty { html += municipalityNotices() }
        if let request = context.dataRequest { html += dataRequest(request) }
        if let fault = context.fault { html += self.fault(fault) }
        if let complaint = context.complaint { html += ComplaintView(view: self, card: complaint).body() }
        if let action = context.decisionAction { html += decision(action) }
        html += deadlinesAndParties()
        html += history()
        html += note()
        if let action = context.letterAction { html += letter(action) }
        return html
    }

    // MARK: Shared pieces

    /// What was decided, on a card whose decision is made.
    var decided: String {
        context.decided.map {
            "<p class=\"pre-line\"><strong>\(w("decisionTitle")):</strong> \(e($0))</p>\n"
        } ?? ""
    }

    /// A list of links to photos or recordings, under a heading.
    func files(_ files: [StaffCasesController.Photo], heading: String) -> String {
        guard !files.isEmpty else { return "" }
        var html = "<h3>\(heading)</h3><ul class=\"photos\">"
        for file in files { html += "<li><a href=\"\(e(file.href))\">\(e(file.label))</a></li>" }
        return html + "</ul>\n"
    }

    // MARK: Cards

    private func header() -> String {
        let file = context.caseFile
        var html = "<h1>\(w("caseTitle")) <span class=\"nowrap\">\(e(file.number))</span> – \(e(file.title))</h1>\n"
        if let notice = context.pageNotice {
            html += "<div class=\"notice\" role=\"status\"><p>\(e(notice))</p></div>\n"
        }
        html += "<dl class=\"facts\">\n"
        html += fact(w("caseKind"), file.kind) + fact(w("caseStatus"), file.status)
        html += fact(w("letterOrganisation"), file.organisation ?? "")
        if let address = context.address { html += fact(w("caseAddress"), address) }
        return html + fact(w("caseOpened"), file.opened) + "</dl>\n"
    }

    private func assignment() -> String {
        var html = "<section class=\"card\" id=\"tildeling\" aria-labelledby=\"assignee-title\">\n"
        html += "  <h2 id=\"assignee-title\">\(w("caseAssignee"))</h2>\n"
        if let notice = context.assignNotice {
            let (kind, role) = context.assignNoticeIsError ? ("error-summary", "alert") : ("notice", "status")
            html += "  <div class=\"\(kind)\" role=\"\(role)\"><p>\(e(notice))</p></div>\n"
        }
        html += "  <p>\(context.assignee.map(e) ?? w("caseNobody"))</p>\n"
        html += "  <form method=\"post\" action=\"\(e(context.assignAction))\" class=\"list-filter\">\n    \(csrf)\n"
        html += "    <div class=\"field\"><label for=\"assignee\">\(w("caseAssignTo"))</label>\n"
        html += "    <select id=\"assignee\" name=\"assignee\"><option value=\"\">\(w("caseNobody"))</option>"
        html += "\(context.staff.html)</select></div>\n"
        html += "    <button type=\"submit\" class=\"button secondary\">\(w("caseAssignButton"))</button>\n"
        return html + "  </form>\n</section>\n"
    }

    /// Reopening is one click; closing asks first, in a disclosure that needs no JavaScript,
    /// and says what closing does (the parties see it; no letter goes).
    private func status() -> String {
        let closing = context.nextStatus == CaseStatus.closed.rawValue
        var html = ""
        if closing {
            html +=
                "<details class=\"confirm\"><summary class=\"button secondary\">\(e(context.statusButton))</summary>"
            html += "<p>\(w("caseCloseConfirm"))</p>"
        }
        html += "<form method=\"post\" action=\"\(e(context.statusAction))\" class=\"actions\">\(csrf)"
        html += "<input type=\"hidden\" name=\"status\" value=\"\(e(context.nextStatus))\">"
        if context.complaint?.closeAsksAboutAnswer == true {
            html += "<div class=\"checkbox\"><input type=\"checkbox\" id=\"notObjection\" name=\"notObjection\""
            html += " value=\"ja\"><label for=\"notObjection\">\(w("complaintNotObjection"))</label></div>"
        }
        let button = closing ? w("caseCloseYes") : e(context.statusButton)
        html += "<button type=\"submit\" class=\"button\(closing ? "" : " secondary")\">\(button)</button></form>"
        return html + (closing ? "</details>\n" : "\n")
    }

    private func notice(_ notice: StaffCasesController.Notice) -> String {
        var html = "<section class=\"card\" aria-labelledby=\"notice-title\">\n"
        html += "  <h2 id=\"notice-title\">\(w(notice.filer == nil ? "caseNoticeTitle" : "estateSearchTitle"))</h2>\n"
        html += "  <dl class=\"facts\">\n"
        // Not received until every tenant has signed: "Modtaget" only when it is.
        html +=
            notice.received.map { "<dt>\(w("terminateReceived"))</dt><dd>\(e($0))</dd>\n" }
            ?? "<dt>\(w("caseStatus"))</dt><dd>\(w("caseNoticeAwaiting"))</dd>\n"
        if let end = notice.endDate { html += "<dt>\(w("calcEndsOn"))</dt><dd><strong>\(e(end))</strong></dd>\n" }
        if let filer = notice.filer {
            html += fact(w("estateNoticeFiler"), filer) + fact(w("estateNoticeDied"), notice.died ?? "")
            html += fact(w("estateNoticeRepresentative"), notice.representative ?? "")
        }
        html += fact(w("terminateAddressGiven"), notice.forwardingAddress, preLine: true)
        html +=
            "<dt>\(w("terminateField_viewing"))</dt><dd>\(notice.viewing.map(e) ?? w("terminateViewingLater"))</dd>\n"
        html += "  </dl>\n"
        if let href = notice.settlementHref {
            html += "<p>\(notice.settlementSent ? "\(w("settlementSentBefore")). " : "")<a href=\"\(e(href))\">"
            html += "\(w(notice.settlementSent ? "settlementTitle" : "settlementLink"))</a></p>\n"
        }
        return html + "</section>\n"
    }

    private func estate(_ href: String) -> String {
        var html = "<section class=\"card\" aria-labelledby=\"estate-title\">\n"
        html += "  <h2 id=\"estate-title\">\(w("estateRegister"))</h2>\n  <p>\(w("estateRegisterHint"))</p>\n"
        return html + "  <p><a href=\"\(e(href))\">\(w("estateRegister"))</a></p>\n</section>\n"
    }

    /// A swap's verdict for one home, and its reasons.
    private func verdict(_ verdict: SwapCard.Verdict) -> String {
        var html = "<h3>\(e(verdict.home)): \(e(verdict.decision))</h3>\n"
        if !verdict.reasons.isEmpty {
            html += "<ul>" + verdict.reasons.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
        }
        return html
    }

    /// The other landlord's answer: yes or no, and why (both swap cards).
    private func landlordAnswerFields(legend: String, reasonHint: String) -> String {
        let errors = context.swapErrors
        let answer = context.landlordForm.answer
        let radios =
            [("ja", w("swapAnswerYes")), ("nej", w("swapAnswerNo"))].map { value, label in
                "<div class=\"checkbox\"><input type=\"radio\" id=\"landlordAnswer-\(value)\" name=\"answer\""
                    + " value=\"\(value)\"\(answer == value ? " checked" : "")><label for=\"landlordAnswer-\(value)\">"
                    + "\(label)</label></div>"
            }.joined(separator: "\n")
        return radioFieldset("landlordAnswer", legend: legend, error: errors["landlordAnswer"], radios: radios)
            + textField(
                "landlordReason",
                name: "reason",
                label: w("swapField_landlordReason"),
                hint: reasonHint,
                rows: 3,
                maxLength: 1500,
                error: errors["landlordReason"],
                value: context.landlordForm.reason
            )
    }

    private func swapLandlord(_ card: SwapCard.LandlordCard) -> String {
        var html = "<section class=\"card\" id=\"bytte\" aria-labelledby=\"swap-title\">\n"
        html += "  <h2 id=\"swap-title\">\(w("swapLandlordCardTitle"))</h2>\n  <p>\(e(card.summary))</p>\n"
        html += "  <dl class=\"facts\">\n"
        html += fact(w("swapCaseDate"), card.swapDate) + fact(w("swapLandlordMovingIn"), "\(card.incomingPersons)")
        html += fact(w("swapLandlordTheirSignature"), card.signature)
        if let answer = card.answer { html += fact(w("swapLandlordYourAnswer"), answer) }
        if let reason = card.reason { html += fact(w("swapField_landlordReason"), reason, preLine: true) }
        html += "  </dl>\n"
        if card.specialHousing { html += "<p class=\"notice\">\(w("swapLandlordSpecialNote"))</p>\n" }
        if let verdict = card.verdict { html += self.verdict(verdict) }
        if let action = card.action {
            html += errorSummary(context.swapErrorList, id: "swap-error-title")
            html += "<form class=\"form\" method=\"post\" action=\"\(e(action))\">\n  \(csrf)\n"
            html += landlordAnswerFields(legend: w("swapLandlordYourAnswer"), reasonHint: w("swapLandlordReasonHint"))
            html += "<button type=\"submit\" class=\"button\">\(w("swapLandlordGive"))</button>\n</form>\n"
        }
        return html + "</section>\n"
    }

    private func swap(_ swap: SwapCard.Card) -> String {
        var html = "<section class=\"card\" id=\"bytte\" aria-labelledby=\"swap-title\">\n"
        html += "  <h2 id=\"swap-title\">\(w("swapCaseTitle"))</h2>\n  <dl class=\"facts\">\n"
        html += fact(w("swapCaseDate"), swap.swapDate) + fact(w("swapCaseOtherTenant"), swap.otherTenant)
        html +=
            fact(w("swapField_otherAddress"), swap.otherAddress)
            + fact(w("swapField_otherLandlord"), swap.otherLandlord)
        html += fact(w("swapCaseIncoming"), "\(swap.incomingPersons)")
        html += fact(w("swapCaseOutgoing"), "\(swap.outgoingPersons)")
        html += fact(w("swapCaseSignature"), swap.signature) + fact(w("swapCaseLandlord"), swap.landlord)
        if let reason = swap.landlordReason { html += fact(w("swapField_landlordReason"), reason, preLine: true) }
        for consent in swap.municipality {
            html += "<dt>\(w("swapCaseMunicipality")): \(e(consent.home))</dt><dd>\(e(consent.state))</dd>\n"
        }
        html += "  </dl>\n"
        if let competing = swap.competing { html += "<p class=\"notice\">\(e(competing))</p>\n" }
        if swap.municipalityNote { html += "<p class=\"notice\">\(w("swapMunicipalityNote"))</p>\n" }
        for verdict in swap.verdicts { html += self.verdict(verdict) }
        html += decided
        if let href = swap.letterHref {
            html += "<h3>\(w("swapLetterTitle"))</h3>\n<p>\(w("swapLetterCardHint"))</p>\n"
            html += "<p><a class=\"button secondary\" href=\"\(e(href))\">\(w("swapLetterWrite"))</a></p>\n"
        } else if swap.letterWaiting {
            html += "<h3>\(w("swapLetterTitle"))</h3>\n<p>\(w("swapLetterWaiting"))</p>\n"
        }
        if let action = swap.landlordAction {
            html += "<h3>\(w("swapLandlordTitle"))</h3>\n"
            html += errorSummary(context.swapErrorList, id: "swap-error-title", heading: "h4")
            html += "<form class=\"form\" method=\"post\" action=\"\(e(action))\">\n  \(csrf)\n"
            html += landlordAnswerFields(
                legend: w("swapField_landlordAnswer"),
                reasonHint: w("swapLandlordReasonHintHand")
            )
            let error = context.swapErrors["landlordAnsweredOn"]
            html +=
                "<div class=\"field\">\n  <label for=\"landlordAnsweredOn\">\(w("swapField_landlordAnsweredOn"))</label>\n"
            html += "  \(fieldError("landlordAnsweredOn", error))\n"
            html += "  <input type=\"date\" id=\"landlordAnsweredOn\" name=\"answeredOn\""
            html += " value=\"\(e(context.landlordForm.answeredOn))\"\(invalid("landlordAnsweredOn", error))>\n</div>\n"
            html += "<button type=\"submit\" class=\"button secondary\">\(w("swapLandlordSave"))</button>\n</form>\n"
        }
        for consent in swap.municipality { html += municipalityConsent(consent) }
        return html + "</section>\n"
    }

    /// The caseworker's form for the municipality's consent for one home, while none is recorded.
    private func municipalityConsent(_ consent: SwapCard.Consent) -> String {
        guard let action = consent.action else { return "" }
        let side = e(consent.side)
        var html = "<h3>\(w("swapCaseMunicipality")): \(e(consent.home))</h3>\n"
        html += errorSummary(consent.errorList, id: "consent-error-title-\(side)", heading: "h4")
        html += "<form class=\"form\" method=\"post\" action=\"\(e(action))\">\n  \(csrf)\n"
        html += "  <input type=\"hidden\" name=\"side\" value=\"\(side)\">\n"
        let choices = [
            ("eligible", w("swapConsent_eligible")), ("consented", w("swapConsent_consented")),
            ("refused", w("swapConsent_refused")),
        ]
        let radios = choices.map { value, label in
            "<div class=\"checkbox\"><input type=\"radio\" id=\"consent-\(value)-\(side)\" name=\"consent\""
                + " value=\"\(value)\"><label for=\"consent-\(value)-\(side)\">\(label)</label></div>"
        }
        html += radioFieldset(
            "municipalityConsent-\(side)",
            legend: "\(w("swapField_municipalityConsent")) \(e(consent.newcomer))",
            error: consent.consentError,
            radios: radios.joined(separator: "\n")
        )
        let day = "municipalityOn-\(side)"
        html += "<div class=\"field\">\n  <label for=\"\(day)\">\(w("swapField_municipalityOn"))</label>\n"
        html += "  <p class=\"hint\" id=\"\(day)-hint\">\(w("swapMunicipalityHintOn"))</p>\n"
        html += "  \(fieldError(day, consent.dayError))\n"
        html += "  <input type=\"date\" id=\"\(day)\" name=\"answeredOn\" aria-describedby=\"\(day)-hint"
        html +=
            "\(consent.dayError == nil ? "" : " \(day)-error")\"\(consent.dayError == nil ? "" : " aria-invalid=\"true\"")>\n"
        html += "</div>\n<button type=\"submit\" class=\"button secondary\">\(w("swapMunicipalitySave"))"
        return html + "<span class=\"visually-hidden\">: \(e(consent.home))</span></button>\n</form>\n"
    }

    private func sublet(_ sublet: StaffCasesController.Sublet) -> String {
        var html = "<section class=\"card\" aria-labelledby=\"sublet-title\">\n"
        if let whole = sublet.whole {
            html += "  <h2 id=\"sublet-title\">\(w("wholeCaseTitle"))</h2>\n  <dl class=\"facts\">\n"
            html += fact(w("wholeCasePeriod"), whole.period) + fact(w("wholeCaseReason"), whole.reason)
            html += fact(w("wholeCaseReasonText"), whole.reasonText, preLine: true)
            html +=
                fact(w("wholeCaseSubtenant"), sublet.subtenants) + fact(w("wholeField_persons"), "\(sublet.occupants)")
            html += fact(w("wholeCaseRent"), whole.rent) + fact(w("wholeCaseSignature"), whole.signature)
            html += "  </dl>\n  <ul class=\"links\">\n"
            html += "    <li><a href=\"\(e(sublet.agreementHref))\">\(w("subletAgreementLink"))</a></li>\n"
            if let href = whole.documentationHref {
                html += "<li><a href=\"\(e(href))\">\(w("wholeDocumentationLink"))</a></li>\n"
            }
            html += "  </ul>\n"
        } else {
            html += "  <h2 id=\"sublet-title\">\(w("subletCaseTitle"))</h2>\n  <dl class=\"facts\">\n"
            html += fact(w("subletField_startDate"), sublet.start) + fact(w("subletCaseRooms"), sublet.rooms)
            html += fact(w("subletField_occupants"), "\(sublet.occupants)")
            if let area = sublet.area {
                html += "<dt>\(w("subletCaseArea"))</dt><dd>\(area) \(w("subletArea"))</dd>\n"
            }
            html += fact(w("subletCaseSubtenants"), sublet.subtenants) + "  </dl>\n"
            if sublet.earlierEnded { html += "  <p>\(w("subletCaseEarlierEnded"))</p>\n" }
            html += "  <p><a href=\"\(e(sublet.agreementHref))\">\(w("subletAgreementLink"))</a></p>\n"
        }
        return html + decided + "</section>\n"
    }

    private func paakrav(_ card: PaakravPresentation.Card) -> String {
        var html = "<section class=\"card\" aria-labelledby=\"paakrav-title\">\n"
        html += "  <h2 id=\"paakrav-title\">\(w("paakravCardTitle"))</h2>\n  <dl class=\"facts\">\n"
        html += fact(w("paakravSentOn"), card.sentOn) + fact(w("paakravDemanded"), card.demanded)
        html += fact(w("paakravStatedDeadline"), card.statedDeadline) + fact(w("paakravArrived"), card.arrival)
        html += "<dt>\(w("paakravDeadline"))</dt><dd><strong>\(e(card.deadline))</strong></dd>\n"
        html += fact(w("paakravOwed"), card.owed) + "  </dl>\n"
        if let standing = card.standing {
            html += "<p class=\"\(card.alert ? "error-summary" : "notice")\" role=\"status\">\(e(standing))</p>\n"
        }
        if let failed = card.failed {
            html += "<p class=\"error-summary\" role=\"status\">\(e(failed)) "
            html += "<a href=\"\(e(card.failedHref ?? ""))\">\(w("paakravFailedOpen"))</a></p>\n"
        }
        return html + decided + "</section>\n"
    }

    /// An arrears case's notices to the municipality, or a swap's letter to the other landlord.
    private func municipalityNotices() -> String {
        var html: String
        if let swap = context.swap {
            html = "<section class=\"card\" id=\"udlejer-brev\" aria-labelledby=\"municipality-title\">\n"
            html += "  <h2 id=\"municipality-title\">\(w("swapLetterSentTitle"))</h2>\n"
            if swap.landlordAction != nil { html += "  <p>\(w("swapLetterSentIntro"))</p>\n" }
        } else {
            html = "<section class=\"card\" id=\"kommunen\" aria-labelledby=\"municipality-title\">\n"
            html += "  <h2 id=\"municipality-title\">\(w("municipalityTitle"))</h2>\n"
            html += "  <p>\(w("municipalityIntro"))</p>\n"
        }
        html += "  <ul class=\"help-list\">\n"
        for notice in context.municipalityNotices {
            let title = e(notice.title)
            html += "<li>" + (notice.pdfHref.map { "<a href=\"\(e($0))\">\(title) (PDF)</a>" } ?? title)
            html += "<br><span class=\"meta\">\(w("municipalityMade")) \(e(notice.made))</span>\n"
            html += notice.attention ? "<p class=\"notice\">\(e(notice.state))</p>\n" : "<p>\(e(notice.state))</p>\n"
            if let href = notice.registerHref {
                html += "<p><a href=\"\(e(href))\">\(w("municipalityRegisterLink"))</a></p>\n"
            }
            if let action = notice.sentAction {
                html += "<form method=\"post\" action=\"\(e(action))\" class=\"actions\">\(csrf)"
                html += "<button type=\"submit\" class=\"button secondary\">\(w("municipalityMarkSent"))"
                html += "<span class=\"visually-hidden\">: \(title)</span></button></form>"
            }
            html += "</li>\n"
        }
        return html + "  </ul>\n</section>\n"
    }

    private func dataRequest(_ request: StaffCasesController.DataRequestCard) -> String {
        var html = "<section class=\"card\" aria-labelledby=\"data-request-title\">\n"
        html += "  <h2 id=\"data-request-title\">\(w("caseKind_data_request"))</h2>\n  <dl class=\"facts\">\n"
        html += fact(w("myDataRequestField_right"), request.right)
        html += fact(w("myDataRequestField_text"), request.text, preLine: true)
        return html + "  </dl>\n</section>\n"
    }

    private func fault(_ fault: StaffCasesController.Fault) -> String {
        var html = "<section class=\"card\" aria-labelledby=\"fault-title\">\n"
        html += "  <h2 id=\"fault-title\">\(w("faultCaseTitle"))</h2>\n  <dl class=\"facts\">\n"
        html += fact(w("faultField_location"), fault.location)
        html += fact(w("faultField_description"), fault.description, preLine: true)
        if let key = fault.masterKey { html += fact(w("faultStaffMasterKey"), key) }
        html += "  </dl>\n" + files(fault.photos, heading: w("faultPhotos"))
        return html + decided + "</section>\n"
    }

    private func decision(_ action: String) -> String {
        let form = context.decision
        var html = "<section class=\"card\" id=\"afgoerelse\" aria-labelledby=\"decision-title\">\n"
        html += "  <h2 id=\"decision-title\">\(w("decisionTitle"))</h2>\n"
        if let paakrav = context.paakrav {
            html += "<p class=\"hint\">\(w("decisionHintPaakrav")) \(e(paakrav.deadline)).</p>\n"
        }
        html += errorSummary(form.errorList, id: "decision-error-title")
        if let preview = form.preview {
            let to = form.previewTo ?? ""
            html +=
                to.isEmpty
                ? "<p>\(w("decisionPreviewNobody"))</p>\n" : "<p>\(w("decisionPreviewTitle")) \(e(to)):</p>\n"
            html += "<div class=\"letter-preview\">\n"
            html += "  <p><strong>\(e(form.previewSubject ?? ""))</strong></p>\n"
            html += preview.map { "<p>\(e($0))</p>" }.joined() + "\n</div>\n"
            // Who else is told, and the letter they get.
            if form.previewPartner { html += "<p>\(w("decisionPreviewPartner"))</p>\n" }
            if let subtenant = form.previewSubtenant { html += "<p>\(e(subtenant))</p>\n" }
            for other in form.previewAlso {
                html += "<p>\(w("decisionPreviewTitle")) \(e(other.to)):</p>\n"
                html += "<div class=\"letter-preview\">\n  <p><strong>\(e(other.subject))</strong></p>\n"
                html += other.paragraphs.map { "<p>\(e($0))</p>" }.joined() + "\n</div>\n"
            }
            html += "<form method=\"post\" action=\"\(e(action))\" class=\"actions\">\n  \(csrf)\n"
            html += "  <input type=\"hidden\" name=\"outcome\" value=\"\(e(form.outcome))\">\n"
            html += "  <input type=\"hidden\" name=\"reason\" value=\"\(e(form.reason))\">\n"
            html +=
                "  <button type=\"submit\" class=\"button\" name=\"step\" value=\"send\">\(w("decisionSend"))</button>\n"
            html += "  <button type=\"submit\" class=\"button secondary\" name=\"step\" value=\"edit\">"
            html += "\(w("decisionEdit"))</button>\n</form>\n"
        } else {
            html += "<form method=\"post\" action=\"\(e(action))\" class=\"form\" novalidate>\n  \(csrf)\n"
            html += "  <input type=\"hidden\" name=\"step\" value=\"preview\">\n"
            html += radioFieldset(
                "outcome",
                legend: w("decisionField_outcome"),
                error: form.errors["outcome"],
                radios: radios(form.options, name: "outcome", prefix: "outcome", invalid: form.errors["outcome"] != nil)
            )
            html += textField(
                "reason",
                name: "reason",
                label: w("decisionField_reason"),
                hint: e(form.reasonHint),
                rows: 4,
                maxLength: 2000,
                error: form.errors["reason"],
                value: form.reason
            )
            html += "<button type=\"submit\" class=\"button\">\(w("decisionPreviewButton"))</button>\n</form>\n"
        }
        return html + "</section>\n"
    }

    private func deadlinesAndParties() -> String {
        var html = ""
        if !context.deadlines.isEmpty {
            html += "<h2>\(w("caseDeadlinesTitle"))</h2>\n<ul class=\"deadlines\">"
            for due in context.deadlines {
                let kind = due.late ? "due-late" : due.today ? "due-today" : "meta"
                html += "<li>\(e(due.text)): <span class=\"\(kind)\">\(e(due.standing))</span></li>"
            }
            html += "</ul>\n"
        }
        html += "<h2>\(w("caseParties"))</h2>\n"
        guard !context.parties.isEmpty else { return html + "<p>\(w("casePartiesEmpty"))</p>\n" }
        html += "<ul>"
        for party in context.parties {
            html += "<li>\(e(party.name)) (\(e(party.role))\(party.signed.map { ", \(e($0))" } ?? ""))</li>"
        }
        return html + "</ul>\n"
    }

    /// The case's letters, mail and events, newest first (`case-history.leaf` on a resident's case).
    private func history() -> String {
        var html = "<h2 id=\"forloeb\">\(w("caseHistory"))</h2>\n"
        guard !context.history.isEmpty else { return html + "<p>\(w("caseHistoryEmpty"))</p>\n" }
        let (date, direction, subject, who) = (w("letterDate"), w("caseDirection"), w("caseSubject"), w("caseWho"))
        html += "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"history-caption\" tabindex=\"0\">\n"
        html += "<table class=\"data stack\" role=\"table\">\n"
        html += "  <caption id=\"history-caption\" class=\"visually-hidden\">\(w("caseHistory"))</caption>\n"
        html += "  <thead role=\"rowgroup\"><tr role=\"row\">"
        for label in [date, direction, subject, who] {
            html += "<th scope=\"col\" role=\"columnheader\">\(label)</th>"
        }
        html += "</tr></thead>\n  <tbody role=\"rowgroup\">\n"
        for entry in context.history {
            let title = e(entry.title)
            html += "<tr role=\"row\"><td role=\"cell\" data-label=\"\(date)\">\(e(entry.at))</td>"
            html += "<td role=\"cell\" data-label=\"\(direction)\">\(e(entry.direction))</td>"
            html += "<td role=\"cell\" data-label=\"\(subject)\" class=\"pre-line\">"
            html += entry.href.map { "<a href=\"\(e($0))\">\(title)</a>" } ?? title
            if let answers = entry.answers { html += "<br><span class=\"meta\">\(e(answers))</span>" }
            if let reply = entry.replyHref {
                html += "<br><a href=\"\(e(reply))\">\(w("caseMailReply"))"
                html += "<span class=\"visually-hidden\">: \(title)</span></a>"
            }
            html += "</td><td role=\"cell\" data-label=\"\(who)\">\(e(entry.who))</td></tr>\n"
        }
        return html + "  </tbody>\n</table>\n</div>\n"
    }

    private func note() -> String {
        var html = "<section class=\"card\" id=\"notat\" aria-labelledby=\"note-title\">\n"
        html += "  <h2 id=\"note-title\">\(w("caseNoteTitle"))</h2>\n"
        if let saved = context.noteSaved { html += "<div class=\"notice\" role=\"status\"><p>\(e(saved))</p></div>\n" }
        html += "  <form method=\"post\" action=\"\(e(context.noteAction))\">\n    \(csrf)\n"
        html += textField(
            "note",
            name: "note",
            label: w("caseNoteLabel"),
            hint: w("caseNoteHint"),
            rows: 3,
            maxLength: 5000,
            error: context.noteError,
            value: ""
        )
        html += "    <button type=\"submit\" class=\"button secondary\">\(w("caseNoteButton"))</button>\n"
        return html + "  </form>\n</section>\n"
    }

    private func letter(_ action: String) -> String {
        let form = context.form
        var html = "<section class=\"card\" id=\"brev\" aria-labelledby=\"write\">\n"
        html += "<h2 id=\"write\">\(w("caseWriteLetter"))</h2>\n"
        if let sent = context.letterSent { html += "<div class=\"notice\" role=\"status\"><p>\(e(sent))</p></div>\n" }
        let replaces =
            form.replaces.isEmpty ? "" : "  <input type=\"hidden\" name=\"replaces\" value=\"\(e(form.replaces))\">\n"
        if !form.replaces.isEmpty {
            html += "<p class=\"notice\" id=\"replaces\">\(w("caseLetterRewritingNotice"))</p>\n"
        }
        let replyTo =
            form.replyTo.isEmpty ? "" : "  <input type=\"hidden\" name=\"replyTo\" value=\"\(e(form.replyTo))\">\n"
        if !form.replyTo.isEmpty {
            let words = text.strings.filled("caseLetterAnswering", ["subject": form.replyingTo ?? ""])
            html += "<p class=\"notice\" id=\"svar\">\(e(words))</p>\n"
        }
        html += errorSummary(form.errorList, id: "letter-error-title")
        let hidden = { (name: String, value: String) in
            "  <input type=\"hidden\" name=\"\(name)\" value=\"\(self.e(value))\">\n"
        }
        if let preview = form.preview {
            html += "<p>\(w("caseLetterPreviewTitle"))</p>\n<dl class=\"facts\">\n"
            html += fact(w("letterRecipient"), preview.to)
            html += "<dt>\(w("caseLetterHow"))</dt><dd>\(e(preview.channel))"
            if !preview.channelReasons.isEmpty {
                html += "<ul>" + preview.channelReasons.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
            }
            html += "</dd>\n</dl>\n<div class=\"letter-preview\">\n"
            html += "  <p><strong>\(e(preview.subject))</strong></p>\n"
            html += preview.paragraphs.map { "<p>\(e($0))</p>" }.joined() + "\n</div>\n"
            html += "<form method=\"post\" action=\"\(e(action))\" class=\"actions\">\n  \(csrf)\n"
            html += hidden("token", form.token) + hidden("recipient", form.recipient)
            html += hidden("subject", form.subject) + hidden("text", form.text) + replaces + replyTo
            html +=
                "  <button type=\"submit\" class=\"button\" name=\"step\" value=\"send\">\(w("caseSendLetter"))</button>\n"
            html += "  <button type=\"submit\" class=\"button secondary\" name=\"step\" value=\"edit\">"
            return html + "\(w("caseLetterEdit"))</button>\n</form>\n</section>\n"
        }
        html += "<form class=\"form\" method=\"post\" action=\"\(e(action))\" novalidate>\n  \(csrf)\n"
        html += hidden("step", "preview") + hidden("token", form.token) + replaces + replyTo
        let recipient = form.errors["recipient"]
        html += "  <div class=\"field\">\n    <label for=\"recipient\">\(w("letterRecipient"))</label>\n"
        html += "    \(fieldError("recipient", recipient))\n"
        html += "    <select id=\"recipient\" name=\"recipient\"\(invalid("recipient", recipient))>\n"
        html += "      <option value=\"\">\(w("caseChooseRecipient"))</option>\n      "
        html += OptionList(context.recipients).html + "\n    </select>\n  </div>\n"
        let subject = form.errors["subject"]
        html += "  <div class=\"field\">\n    <label for=\"subject\">\(w("letterSubject"))</label>\n"
        html += "    \(fieldError("subject", subject))\n"
        html +=
            "    <input type=\"text\" id=\"subject\" name=\"subject\" value=\"\(e(form.subject))\" maxlength=\"200\""
        html += "\(invalid("subject", subject))>\n  </div>\n"
        html += textField(
            "text",
            name: "text",
            label: w("caseLetterText"),
            hint: w("caseLetterTextHint"),
            rows: 8,
            maxLength: nil,
            error: form.errors["text"],
            value: form.text
        )
        html += "  <button type=\"submit\" class=\"button\">\(w("caseLetterPreview"))</button>\n</form>\n"
        return html + "</section>\n"
    }
}

/// A neighbour complaint's card: its step, diary, files, co-signers and replies, and the forms
/// for its next step, the nævn's decision, a grave breach, disclosure and a new episode.
private struct ComplaintView: FormMarkup {
    let view: CaseView
    let card: ComplaintCard.Context

    var text: HTMLText { view.text }
    private var form: ComplaintCard.Form { card.form }
    private var csrf: String { csrfField(view.context.page.csrf) }

    /// The start of a form posted to the card's action, with its intent.
    private func formStart(intent: String, action: String) -> String {
        "<form method=\"post\" action=\"\(e(action))\" class=\"form\" novalidate>\n  \(csrf)\n"
            + "  <input type=\"hidden\" name=\"intent\" value=\"\(intent)\">\n"
    }

    func body() -> String {
        var html = "<section class=\"card\" id=\"naboklage\" aria-labelledby=\"complaint-card-title\">\n"
        html += "  <h2 id=\"complaint-card-title\">\(w("complaintCardTitle"))</h2>\n  <dl class=\"facts\">\n"
        html += view.fact(w("complaintStepNow"), card.step) + view.fact(w("complaintAboutLabel"), card.about)
        html += view.fact(w("complaintComplainant"), card.complainant) + "  </dl>\n"
        for notice in [card.demand, card.naevn, card.naevnDeadlines, card.sanction].compactMap({ $0 }) {
            html += "<p class=\"notice\">\(e(notice))</p>\n"
        }
        if let letters = card.terminationLetters {
            html += "<p class=\"notice\"><strong>\(e(letters))</strong></p>\n"
        }
        html += naevn()
        html += "<h3>\(w("complaintEpisodes"))</h3>\n<ol class=\"help-list\">\n"
        for episode in card.episodes {
            html += "<li><strong>\(e(episode.when))</strong> <span class=\"meta\">\(w("complaintToldBy")) "
            html += "\(e(episode.who ?? ""))</span><p class=\"pre-line\">\(e(episode.description))</p>"
            if let witnesses = episode.witnesses {
                html += "<p class=\"meta\">\(w("complaintWitnesses")): \(e(witnesses))</p>"
            }
            html += "</li>"
        }
        html += "</ol>\n" + view.files(card.photos, heading: w("faultPhotos"))
        html += view.files(card.recordings, heading: w("complaintRecordings"))
        if !card.cosigners.isEmpty {
            html += "<h3>\(w("complaintCosigners"))</h3>\n<ul class=\"help-list\">"
            for cosigner in card.cosigners {
                html += "<li><strong>\(e(cosigner.name))</strong>, \(e(cosigner.address))"
                if let statement = cosigner.statement { html += "<p class=\"pre-line\">\(e(statement))</p>" }
                html += "</li>"
            }
            html += "</ul>\n"
        }
        if !card.replies.isEmpty {
            html += "<h3>\(w("complaintReplies"))</h3>\n<ol class=\"help-list\">"
            for reply in card.replies {
                html += "<li><strong>\(e(reply.at))</strong> <span class=\"meta\">\(e(reply.who))"
                if reply.afterTermination { html += " · \(w("complaintReplyAfterTermination"))" }
                html += "</span><p class=\"pre-line\">\(e(reply.text))</p></li>"
            }
            html += "</ol>\n"
        }
        html += "<p><a href=\"\(e(card.bundleHref))\">\(w("complaintBundle"))</a> · "
        html += "<a href=\"\(e(card.zipHref))\">\(w("complaintOriginals"))</a></p>\n"
        if let disclosed = card.disclosed { html += "<p class=\"notice\">\(e(disclosed))</p>\n" }
        if let grave = card.grave { html += "<p><strong>\(e(grave))</strong></p>\n" }
        html += graveAndDisclosure()
        if !card.blocked.isEmpty {
            html += "<h3>\(w("complaintBlocked"))</h3><ul class=\"hint\">"
            html += card.blocked.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
        }
        if let action = card.action { html += step(action) + episode(action) }
        return html + "</section>\n"
    }

    /// The nævn's decision, while the case is at the nævn without one.
    private func naevn() -> String {
        guard !card.naevnOptions.isEmpty else { return "" }
        var html = "<h3>\(w("naevnTitle"))</h3>\n" + formStart(intent: "naevn", action: card.action ?? "")
        html += view.radioFieldset(
            "naevnOutcome",
            legend: w("naevnField_naevnOutcome"),
            error: form.errors["naevnOutcome"],
            radios: view.radios(
                card.naevnOptions,
                name: "outcome",
                prefix: "naevnOutcome",
                invalid: form.errors["naevnOutcome"] != nil
            )
        )
        let error = form.errors["naevnDecided"]
        html += "<div class=\"field\">\n  <label for=\"naevnDecided\">\(w("naevnField_naevnDecided"))</label>\n"
        html += "  \(view.fieldError("naevnDecided", error))\n"
        html += "  <input type=\"date\" id=\"naevnDecided\" name=\"decided\" value=\"\(e(form.decided))\""
        html += "\(view.invalid("naevnDecided", error))>\n</div>\n"
        return html + "<button type=\"submit\" class=\"button secondary\">\(w("naevnSave"))</button>\n</form>\n"
    }

    /// The forms to record a grave breach and to tell the other household who complained.
    private func graveAndDisclosure() -> String {
        var html = ""
        let action = card.action ?? ""
        if card.mayMarkGrave {
            let error = form.errors["graveReason"]
            html += "<details\(error == nil ? "" : " open")>\n  <summary>\(w("complaintGraveTitle"))</summary>\n"
            html += "  <p class=\"hint\" id=\"graveReason-hint\">\(w("complaintGraveHint"))</p>\n"
            html += formStart(intent: "grave", action: action)
            html += "<div class=\"field\">\n  <label for=\"graveReason\">\(w("complaintField_graveReason"))</label>\n"
            html += "  \(view.fieldError("graveReason", error))\n  "
            html += view.hintedTextarea(
                "graveReason",
                name: "reason",
                rows: 3,
                maxLength: 2000,
                error: error,
                value: form.graveReason
            )
            html +=
                "\n</div>\n<button type=\"submit\" class=\"button secondary\">\(w("complaintGraveButton"))</button>\n"
            html += "</form>\n</details>\n"
        }
        if card.mayDisclose {
            let error = form.errors["disclosureReason"]
            html += "<details>\n  <summary>\(w("complaintDiscloseTitle"))</summary>\n"
            html += "  <p class=\"hint\">\(w("complaintDiscloseHint"))</p>\n"
            html += formStart(intent: "disclose", action: action)
            html +=
                "<div class=\"field\">\n  <label for=\"disclosureReason\">\(w("complaintDisclosureReason"))</label>\n"
            html += "  \(view.fieldError("disclosureReason", error))\n"
            html += "  <textarea id=\"disclosureReason\" name=\"reason\" rows=\"3\" maxlength=\"2000\""
            html += "\(view.invalid("disclosureReason", error))>\(e(form.reason))</textarea>\n</div>\n"
            html += "<button type=\"submit\" class=\"button secondary\">\(w("complaintDiscloseButton"))</button>\n"
            html += "</form>\n</details>\n"
        }
        return html
    }

    /// A letter as it will read: what it is, to whom, its subject and its lines.
    private func letter(_ title: String, to: String?, _ subject: String?, _ lines: [String]) -> String {
        var html = "<p>\(title) \(w("complaintPreviewTo")) \(e(to ?? ""))</p>\n"
        html += "<div class=\"letter-preview\">\n  <p><strong>\(e(subject ?? ""))</strong></p>\n"
        return html + lines.map { "<p class=\"pre-line\">\(e($0))</p>" }.joined() + "\n</div>\n"
    }

    /// The next step: its confirmation (a letter's preview, or what the step does), or its form.
    private func step(_ action: String) -> String {
        var html = view.errorSummary(form.errorList, id: "complaint-error-title")
        if !form.seen.isEmpty {
            if let changed = form.changed { html += "<p class=\"notice\" role=\"alert\">\(e(changed))</p>\n" }
            if let preview = form.preview {
                html += letter(w("complaintPreviewTitle"), to: form.previewTo, form.previewSubject, preview)
            } else {
                html += "<p class=\"notice\">\(e(form.previewNote ?? ""))</p>\n"
                if !form.text.isEmpty { html += "<p class=\"pre-line\">\(e(form.text))</p>\n" }
            }
            if let also = form.also {
                html += letter(w("complaintPreviewAlso"), to: form.alsoTo, form.alsoSubject, also)
            }
            html += "<form method=\"post\" action=\"\(e(action))\" class=\"actions\">\n  \(csrf)\n"
            for (name, value) in [
                ("action", form.action), ("text", form.text), ("seen", form.seen), ("counted", form.counted),
            ] {
                html += "  <input type=\"hidden\" name=\"\(name)\" value=\"\(e(value))\">\n"
            }
            html += "  <button type=\"submit\" class=\"button\" name=\"intent\" value=\"send\">"
            html += "\(w(form.preview == nil ? "complaintTakeStep" : "complaintSendStep"))</button>\n"
            html += "  <button type=\"submit\" class=\"button secondary\" name=\"intent\" value=\"edit\">"
            return html + "\(w("decisionEdit"))</button>\n</form>\n"
        }
        guard !card.options.isEmpty else { return html }
        html += "<h3>\(w("complaintNextStep"))</h3>\n" + formStart(intent: "preview", action: action)
        html += view.radioFieldset(
            "complaintAction",
            legend: w("complaintField_action"),
            error: form.errors["complaintAction"],
            radios: view.radios(
                card.options,
                name: "action",
                prefix: "complaintAction",
                invalid: form.errors["complaintAction"] != nil
            )
        )
        html += view.textField(
            "complaintText",
            name: "text",
            label: w("complaintField_text"),
            hint: w("complaintHintText"),
            rows: 5,
            maxLength: 4000,
            error: form.errors["complaintText"],
            value: form.text
        )
        return html + "<button type=\"submit\" class=\"button\">\(w("decisionPreviewButton"))</button>\n</form>\n"
    }

    /// An episode reported by telephone.
    private func episode(_ action: String) -> String {
        var html = "<h3>\(w("complaintAddEpisode"))</h3>\n" + formStart(intent: "episode", action: action)
        for (id, name, label, value, type) in [
            ("episodeDate", "date", w("complaintField_date"), form.date, "date"),
            ("episodeTime", "time", w("complaintField_time"), form.time, "text"),
        ] {
            let error = form.errors[id]
            html += "<div class=\"field\">\n  <label for=\"\(id)\">\(label)</label>\n"
            html += "  \(view.fieldError(id, error))\n"
            html += "  <input type=\"\(type)\" id=\"\(id)\" name=\"\(name)\" value=\"\(e(value))\""
            html += "\(type == "text" ? " maxlength=\"40\"" : "")\(view.invalid(id, error))>\n</div>\n"
        }
        let error = form.errors["episodeDescription"]
        html +=
            "<div class=\"field\">\n  <label for=\"episodeDescription\">\(w("complaintField_description"))</label>\n"
        html += "  \(view.fieldError("episodeDescription", error))\n"
        html += "  <textarea id=\"episodeDescription\" name=\"description\" rows=\"4\" maxlength=\"4000\""
        html += "\(view.invalid("episodeDescription", error))>\(e(form.description))</textarea>\n</div>\n"
        return html
            + "<button type=\"submit\" class=\"button secondary\">\(w("complaintAddEpisodeButton"))</button>\n</form>\n"
    }
}
