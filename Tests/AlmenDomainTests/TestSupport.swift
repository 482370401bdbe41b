import AlmenDomain

/// A fixture date from its ISO form; the parser itself is tested in `LocalDateISOTests`.
func day(_ iso: String) -> LocalDate {
    guard let date = LocalDate(iso: iso) else { preconditionFailure("Bad fixture date \(iso)") }
    return date
}
