/// Rows for one table, gathered for a multi-row INSERT.
struct TableRows: Sendable {
    let table: String
    let columns: [String]
    private(set) var rows: [[any Encodable & Sendable]] = []

    init(_ table: String, _ columns: [String]) {
        self.table = table
        self.columns = columns
    }

    mutating func append(_ values: [any Encodable & Sendable]) {
        precondition(values.count == columns.count, "\(table): \(values.count) values for \(columns.count) columns")
        rows.append(values)
    }

    mutating func removeAll() {
        rows.removeAll(keepingCapacity: true)
    }
}

/// One batch of the generated register, in foreign-key order.
struct DemoBatch: Sendable {
    var people = TableRows(
        Person.schema,
        ["id", "given_name", "family_name", "cpr_ciphertext", "cpr_lookup_hash", "email", "phone"]
    )
    var dwellings = TableRows(
        Dwelling.schema,
        [
            "id", "department_id", "street", "house_number", "floor", "door", "postal_code", "city",
            "habitable_rooms", "floor_area_m2", "housing_type", "municipally_assigned",
        ]
    )
    var leases = TableRows(
        Lease.schema,
        [
            "id", "dwelling_id", "start_date", "end_date", "monthly_rent_ore", "due_day", "deposit_ore",
            "notice_weeks", "digital_opt_out", "status", "number",
        ]
    )
    var leaseTenants = TableRows(LeaseTenant.schema, ["id", "lease_id", "person_id", "role"])
    var ledgerEntries = TableRows(
        LedgerLine.schema,
        ["id", "lease_id", "kind", "entry_date", "amount_ore", "text", "source", "external_id", "created_at"]
    )
    var householdMembers = TableRows(HouseholdMember.schema, ["id", "lease_id", "person_id", "adult"])
    var sandboxCitizens = TableRows(SandboxCitizen.schema, ["id", "person_id", "registration_status"])
    var boardMemberships = TableRows(
        BoardMembership.schema,
        [
            "id", "person_id", "board", "department_id", "organisation_id", "position", "term_start", "term_end",
        ]
    )

    var tables: [TableRows] {
        [people, dwellings, leases, leaseTenants, householdMembers, sandboxCitizens, boardMemberships, ledgerEntries]
    }

    var rowCount: Int { tables.reduce(0) { $0 + $1.rows.count } }

    mutating func removeAll() {
        people.removeAll()
        dwellings.removeAll()
        leases.removeAll()
        leaseTenants.removeAll()
        householdMembers.removeAll()
        sandboxCitizens.removeAll()
        boardMemberships.removeAll()
        ledgerEntries.removeAll()
    }
}
