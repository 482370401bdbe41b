/// A tenant's lease (`/mit-hjem/lejemaal/:id`) as a compiled view (`CompiledView`): its facts,
/// its notice, and the requests a tenant can make from it, written here rather than by Leaf,
/// for the time Leaf took of it (docs/benchmarks.md).
extension MyHomeController.LeaseContext {
    func body(_ text: HTMLText) -> String {
        LeaseView(context: self, text: text).body()
    }
}

/// The lease's markup, card by card (`FormMarkup`'s pieces).
private struct LeaseView: FormMarkup {
    let context: MyHomeController.LeaseContext
    let text: HTMLText

    /// A card with a heading (`id`, a word) and `content` (HTML).
    private func card(_ id: String, heading: String, _ content: String, result: Bool = false) -> String {
        "<section class=\"card\(result ? " result" : "")\" aria-labelledby=\"\(id)\">\n"
            + "  <h2 id=\"\(id)\">\(heading)</h2>\n" + content + "</section>\n"
    }

    func body() -> String {
        var html = "<h1>\(e(context.address))</h1>\n"
        html.reserveCapacity(6_144)
        html += "<p class=\"lead\">\(e(context.postalCity)) · \(e(context.organisation)), "
        html += "\(w("department")) \(e(context.department))</p>\n"
        var facts = "  <dl class=\"facts\">\n"
        facts += fact(w("calcHousing"), context.housingType) + fact(w("leaseRooms"), "\(context.rooms)")
        facts += fact(w("leaseArea"), "\(context.areaM2) m²") + fact(w("leaseStart"), context.startDate)
        facts += fact(w("leaseRent"), context.monthlyRent) + fact(w("leaseDeposit"), context.deposit)
        let tenants = context.tenants.count > 1 ? w("leaseTenants") : w("leaseTenant")
        facts += fact(tenants, context.tenants.joined(separator: ", "))
        if !context.household.isEmpty {
            facts += fact(w("leaseHousehold"), context.household.joined(separator: ", "))
        }
        html += card("lease-facts", heading: w("leaseTitle"), facts + "  </dl>\n")
        let terminate = e(context.terminateHref)
        if let endsOn = context.endsOn {
            html += card(
                "ends-on",
                heading: w("leaseTerminatedTitle"),
                "  <p class=\"result-date\">\(w("calcEndsOn")) <strong>\(e(endsOn))</strong></p>\n"
                    + "  <p><a href=\"\(terminate)\">\(w("terminateSeeNotice"))</a></p>\n",
                result: true
            )
        }
        if context.pendingNotice {
            html += card(
                "pending-notice",
                heading: w("terminatePendingTitle"),
                "  <p><a class=\"button\" href=\"\(terminate)\">\(w("terminateSeeNotice"))</a></p>\n"
            )
        }
        html += card(
            "fault-title",
            heading: w("faultTitle"),
            action(context.faultHref, w("faultLink"))
        )
        html += card(
            "complaint-title",
            heading: w("complaintTitle"),
            action(context.complaintHref, w("complaintLink"))
        )
        html += subletting() + swap()
        if let ending = context.terminationIfToday {
            html += card(
                "if-today",
                heading: w("leaseIfToday"),
                "  <p class=\"result-date\">\(w("calcEndsOn")) <strong><time datetime=\"\(e(ending.endDate))\">"
                    + "\(e(ending.endDateText))</time></strong></p>\n"
                    + "  <p><a class=\"button\" href=\"\(terminate)\">\(w("terminateLink"))</a></p>\n"
                    + "  <p><a href=\"\(e(context.calculatorHref))\">\(w("navCalculator"))</a></p>\n",
                result: true
            )
        }
        return html
    }

    /// The open sub-letting case, or the links to the forms that can be sent.
    private func subletting() -> String {
        if let open = context.openSublettingHref {
            return card(
                "sublet-title",
                heading: w("leaseSublet"),
                "  <p>\(w("leaseSublettingOpen")) <a href=\"\(e(open))\">\(w("leaseSeeCase"))</a></p>\n"
            )
        }
        guard context.subletHref != nil || context.wholeSubletHref != nil else { return "" }
        var links = ""
        if let href = context.subletHref { links += action(href, w("subletLink")) }
        if let href = context.wholeSubletHref { links += action(href, w("wholeLink")) }
        return card("sublet-title", heading: w("leaseSublet"), links)
    }

    /// A card's way to a form: a secondary button, as every request card has.
    private func action(_ href: String, _ label: String) -> String {
        "  <p><a class=\"button secondary\" href=\"\(e(href))\">\(label)</a></p>\n"
    }

    /// The open swap case, or the link to the swap form.
    private func swap() -> String {
        if let open = context.openSwapHref {
            return card(
                "swap-title",
                heading: w("swapSection"),
                "  <p>\(w("leaseSwapOpen")) <a href=\"\(e(open))\">\(w("leaseSeeCase"))</a></p>\n"
            )
        }
        guard let href = context.swapHref else { return "" }
        return card("swap-title", heading: w("swapSection"), action(href, w("swapLink")))
    }
}
