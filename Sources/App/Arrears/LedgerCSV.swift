import AlmenDomain
import Foundation

/// The account files Almen reads (docs/ledger-import.md): semicolon-separated UTF-8 text with a
/// header line, as Danish spreadsheets and administration systems write it. Every line is checked
/// and every problem reported with its line number; a file with any problem is not imported.
enum LedgerCSV {
    enum Format: String, CaseIterable, Sendable, Codable {
        /// The administration system's export: charges and payments per lease.
        case postings = "posteringer"
        /// The bank's export: payments, each naming its lease by the payment reference.
        case bank

        /// The header line, exactly (case and surrounding spaces aside).
        var columns: [String] {
            switch self {
            case .postings: ["id", "lejemaal", "art", "dato", "beloeb", "tekst"]
            case .bank: ["id", "dato", "beloeb", "reference", "tekst"]
            }
        }

        var source: LedgerLine.Source {
            switch self {
            case .postings: .postings
            case .bank: .bank
            }
        }
    }

    /// One line read: its place in the file, the id its source gave it, its lease's number, and
    /// what it books.
    struct Line: Sendable, Equatable {
        let number: Int
        let externalID: String
        let leaseNumber: String
        let entry: LedgerEntry
    }

    /// What is wrong with one line (or the file, line 0 or 1 for the header), in both languages.
    struct Problem: Error, Sendable, Equatable, Encodable {
        let line: Int
        let column: String?
        let code: String
        let message: String
        let messageDa: String
    }

    /// The largest amount one line may book: 1,000,000 kr.
    static let maxAmount = Money(kroner: 1_000_000)
    /// Lines one file may hold.
    static let maxLines = 200_000

    /// The words of the `art` column.
    static let kinds: [String: LedgerEntry.Kind] = [
        "husleje": .rent, "gebyr": .fee, "andet": .other, "indbetaling": .payment,
    ]

    /// Reads a whole file. The lines are returned only when there are no problems.
    static func parse(_ text: String, format: Format) -> (lines: [Line], problems: [Problem]) {
        var rows = records(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        guard let header = rows.first else {
            return ([], [problem(1, nil, "empty", key: "ledgerProblem_empty")])
        }
        rows.removeFirst()
        let expected = format.columns.joined(separator: ";")
        guard header.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) == format.columns else {
            return (
                [],
                [
                    problem(1, nil, "header", key: "ledgerProblem_header", ["expected": expected])
                ]
            )
        }
        guard rows.count <= maxLines else {
            return (
                [],
                [
                    problem(0, nil, "too_many_lines", key: "ledgerProblem_too_many_lines", ["most": String(maxLines)])
                ]
            )
        }
        var lines: [Line] = []
        var problems: [Problem] = []
        var seen: [String: Int] = [:]
        for row in rows {
            if row.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard row.fields.count == format.columns.count else {
                problems.append(
                    problem(
                        row.number,
                        nil,
                        "columns",
                        key: "ledgerProblem_columns",
                        ["found": String(row.fields.count), "expected": String(format.columns.count)]
                    )
                )
                continue
            }
            let field = Dictionary(
                uniqueKeysWithValues: zip(format.columns, row.fields.map { $0.trimmingCharacters(in: .whitespaces) })
            )
            let before = problems.count
            let id = field["id"] ?? ""
            if id.isEmpty || id.count > 100 {
                problems.append(
                    problem(row.number, "id", "id", key: "ledgerProblem_id")
                )
            } else if let first = seen[id] {
                problems.append(
                    problem(
                        row.number,
                        "id",
                        "duplicate_id",
                        key: "ledgerProblem_duplicate_id",
                        ["id": id, "first": String(first)]
                    )
                )
            } else {
                seen[id] = row.number
            }
            let leaseNumber = format == .postings ? field["lejemaal"] ?? "" : field["reference"] ?? ""
            let leaseColumn = format == .postings ? "lejemaal" : "reference"
            if leaseNumber.isEmpty || leaseNumber.count > 40 {
                problems.append(
                    problem(row.number, leaseColumn, "lease", key: "ledgerProblem_lease")
                )
            }
            var kind = LedgerEntry.Kind.payment
            if format == .postings {
                if let known = kinds[(field["art"] ?? "").lowercased()] {
                    kind = known
                } else {
                    problems.append(
                        problem(row.number, "art", "kind", key: "ledgerProblem_kind")
                    )
                }
            }
            let date = Self.date(field["dato"] ?? "")
            if date == nil {
                problems.append(
                    problem(row.number, "dato", "date", key: "ledgerProblem_date")
                )
            }
            let amount = Self.amount(field["beloeb"] ?? "")
            if amount == nil {
                problems.append(
                    problem(row.number, "beloeb", "amount", key: "ledgerProblem_amount")
                )
            }
            let text = field["tekst"] ?? ""
            if text.count > 200 {
                problems.append(
                    problem(row.number, "tekst", "text", key: "ledgerProblem_text")
                )
            }
            guard problems.count == before, let date, let amount else { continue }
            lines.append(
                Line(
                    number: row.number,
                    externalID: id,
                    leaseNumber: leaseNumber,
                    entry: LedgerEntry(
                        kind: kind,
                        date: date,
                        amount: amount,
                        text: text.isEmpty ? defaultText(kind, date) : text
                    )
                )
            )
        }
        return problems.isEmpty ? (lines, []) : ([], problems)
    }

    /// A problem with its words (`ErrorWords`) in both languages.
    static func problem(
        _ line: Int,
        _ column: String?,
        _ code: String,
        key: String,
        _ values: [String: String] = [:]
    ) -> Problem {
        let words = BilingualWords(key: key, values)
        return Problem(line: line, column: column, code: code, message: words.english, messageDa: words.danish)
    }

    /// "Husleje november 2026", "Indbetaling": what a line without a text says.
    static func defaultText(_ kind: LedgerEntry.Kind, _ date: LocalDate) -> String {
        switch kind {
        case .rent: "Husleje \(DateText.danishMonths[date.month - 1]) \(date.year)"
        case .fee: "Gebyr"
        case .other: "Andet"
        case .payment: "Indbetaling"
        }
    }

    /// `2026-11-30`, `30-11-2026` or `30.11.2026`.
    static func date(_ text: String) -> LocalDate? {
        if let iso = LocalDate(iso: text) { return iso }
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "." }).map(String.init)
        guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
            let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2])
        else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    /// Danish notation with two decimals, thousands optionally grouped with dots: "6.845,00",
    /// "6845,00". Above zero and at most `maxAmount`.
    static func amount(_ text: String) -> Money? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, parts[1].allSatisfy(\.isASCIIDigit) else { return nil }
        let whole = parts[0]
        let groups = whole.split(separator: ".", omittingEmptySubsequences: false)
        guard !whole.isEmpty, groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        if groups.count > 1 {
            guard groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        let digits = groups.joined()
        guard digits.count <= 9, let kroner = Int64(digits), let ore = Int64(parts[1]) else { return nil }
        let amount = Money(ore: kroner * 100 + ore)
        guard amount > .zero, amount <= maxAmount else { return nil }
        return amount
    }

    /// A record of the file: its first line's number and its fields.
    struct Record {
        let number: Int
        let fields: [String]
    }

    /// Splits semicolon-separated text into records (RFC 4180 quoting: a field in double quotes may
    /// hold semicolons, line breaks and doubled quotes).
    static func records(_ text: String) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var atFieldStart = true
        var line = 1
        var recordLine = 1
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let scalar = pending {
                pending = nil
                return scalar
            }
            return iterator.next()
        }
        while let scalar = next() {
            if quoted {
                if scalar == "\"" {
                    if let following = next() {
                        if following == "\"" {
                            field.unicodeScalars.append("\"")
                        } else {
                            quoted = false
                            pending = following
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where atFieldStart:
                quoted = true
                atFieldStart = false
            case ";":
                fields.append(field)
                field = ""
                atFieldStart = true
            case "\r":
                continue
            case "\n":
                fields.append(field)
                records.append(Record(number: recordLine, fields: fields))
                fields = []
                field = ""
                atFieldStart = true
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(scalar)
                atFieldStart = false
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append(Record(number: recordLine, fields: fields))
        }
        return records
    }
}

extension Character {
    /// 0–9 only (not other scripts' digits).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
