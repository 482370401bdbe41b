import AlmenDomain
import Fluent
import Foundation

/// A record of processing (fortegnelse over behandlingsaktiviteter, GDPR article 30): a category
/// of personal data, why it is processed, on what legal basis, to whom it goes, how long it is
/// kept and who is the controller. Kept as data, shown to administrators
/// (`/admin/behandlinger`) and by the privacy article, so the two cannot disagree.
final class ProcessingRecord: Model, @unchecked Sendable {
    static let schema = "processing_records"

    @ID(key: .id) var id: UUID?
    @Field(key: "position") var position: Int
    @Field(key: "category_da") var categoryDa: String
    @Field(key: "category_en") var categoryEn: String
    @Field(key: "purpose_da") var purposeDa: String
    @Field(key: "purpose_en") var purposeEn: String
    @Field(key: "basis_da") var basisDa: String
    @Field(key: "basis_en") var basisEn: String
    @Field(key: "recipients_da") var recipientsDa: String
    @Field(key: "recipients_en") var recipientsEn: String
    /// The retention category whose period applies (`DataCategory`).
    @Field(key: "retention") var retention: DataCategory
    @Field(key: "controller") var controller: DataController
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "updated_by") var updatedBy: UUID?

    init() {}

    func text(_ language: Language) -> (category: String, purpose: String, basis: String, recipients: String) {
        language == .da
            ? (categoryDa, purposeDa, basisDa, recipientsDa) : (categoryEn, purposeEn, basisEn, recipientsEn)
    }
}

/// Who decides over the data (rules.md §9): the housing organisation, with the administration
/// company as its processor, except where the administration company is controller itself.
enum DataController: String, Codable, Sendable, CaseIterable {
    case organisation
    case administration
}

/// The records of rules.md §9 and the platform's processing, as a new installation starts with them.
struct CreateProcessingRecords: AsyncMigration {
    typealias Seed = (DataCategory, DataController, da: [String], en: [String])

    static let seeds: [Seed] = [
        (
            .formerResidents, .organisation,
            [
                "Lejemål og bolig: navn, adresse, kontaktoplysninger, lejekontrakt, husstand, husleje og indskud",
                "At opfylde lejekontrakten: opkræve husleje, vedligeholde boligen og behandle fremleje, bytte og fraflytning",
                "Lejekontrakten (databeskyttelsesforordningen art. 6, stk. 1, litra b)",
                "Kommunen, når den har anvist boligen; Udbetaling Danmark ved boligstøtte",
            ],
            [
                "Lease and home: name, address, contact details, lease, household, rent and deposit",
                "To perform the lease: collect rent, maintain the home and handle sub-letting, swaps and moving out",
                "The lease (GDPR art. 6(1)(b))",
                "The municipality, when it assigned the home; Udbetaling Danmark for housing benefit",
            ]
        ),
        (
            .formerResidents, .organisation,
            [
                "CPR-nummer",
                "At sende Digital Post og kende beboeren sikkert ved log ind",
                "Samtykke givet ved første log ind med MitID (databeskyttelsesloven § 11, stk. 2, nr. 2), eller registreret ved udlejningen",
                "Digitaliseringsstyrelsen (Digital Post)",
            ],
            [
                "CPR number",
                "To send Digital Post and recognise the resident reliably at login",
                "Consent given at the first MitID login (Danish Data Protection Act s. 11(2)(ii)), or registered at the letting",
                "The Agency for Digital Government (Digital Post)",
            ]
        ),
        (
            .formerResidents, .organisation,
            [
                "Breve og post: breve til beboeren og post fra beboeren med Digital Post",
                "At give beboeren de meddelelser, loven og lejekontrakten kræver, og at svare på henvendelser",
                "Retlig forpligtelse og lejekontrakten (art. 6, stk. 1, litra b og c)",
                "Digitaliseringsstyrelsen; printleverandøren ved breve på papir",
            ],
            [
                "Letters and mail: letters to the resident and mail from the resident by Digital Post",
                "To give the resident the notices the law and the lease require, and to answer enquiries",
                "Legal obligation and the lease (art. 6(1)(b) and (c))",
                "The Agency for Digital Government; the print provider for letters on paper",
            ]
        ),
        (
            .formerResidents, .organisation,
            [
                "Sager og anmodninger: opsigelse, fremleje, bytte, fejlmeldinger og anmodninger om persondata",
                "At behandle beboerens anmodninger og svare inden fristen",
                "Lejekontrakten og retlig forpligtelse (art. 6, stk. 1, litra b og c)",
                "Ingen uden for boligorganisationen og administrationen",
            ],
            [
                "Cases and requests: termination, sub-letting, swaps, fault reports and personal data requests",
                "To handle the resident's requests and answer within the deadline",
                "The lease and legal obligation (art. 6(1)(b) and (c))",
                "Nobody outside the housing organisation and the administration",
            ]
        ),
        (
            .formerResidents, .administration,
            [
                "Juridiske sager: naboklager, sager for beboerklagenævnet og boligretten, ophævelse",
                "At behandle klager over husorden og føre sager for nævn og ret",
                "Retlig forpligtelse og berettiget interesse (art. 6, stk. 1, litra c og f)",
                "Beboerklagenævnet, boligretten, kommunen ved opsigelse for restance",
            ],
            [
                "Legal cases: neighbour complaints, cases at the residents' complaints board and the housing court, termination for breach",
                "To handle complaints about house rules and bring cases before the board and the court",
                "Legal obligation and legitimate interest (art. 6(1)(c) and (f))",
                "The residents' complaints board, the housing court, the municipality on termination for arrears",
            ]
        ),
        (
            .accounting, .organisation,
            [
                "Husleje og betalinger: lejekonto, restance og påkrav",
                "At opkræve husleje, sende påkrav og føre regnskab",
                "Lejekontrakten og bogføringsloven (art. 6, stk. 1, litra b og c)",
                "Kommunen ved restance, revisor",
            ],
            [
                "Rent and payments: lease account, arrears and påkrav",
                "To collect rent, send påkrav and keep the accounts",
                "The lease and the Bookkeeping Act (art. 6(1)(b) and (c))",
                "The municipality on arrears, the auditor",
            ]
        ),
        (
            .accounting, .administration,
            [
                "Forbrugsregnskaber: vand, varme og el",
                "At fordele og afregne forbrug",
                "Lejekontrakten og retlig forpligtelse (art. 6, stk. 1, litra b og c)",
                "Målerfirmaet",
            ],
            [
                "Consumption accounts: water, heating and electricity",
                "To divide and settle consumption",
                "The lease and legal obligation (art. 6(1)(b) and (c))",
                "The metering company",
            ]
        ),
        (
            .formerResidents, .organisation,
            [
                "Beboerdemokrati: forslag, tilmeldinger, urafstemninger og bestyrelsesposter",
                "At holde afdelingsmøder, urafstemninger og valg",
                "Almenboligloven og normalvedtægten (art. 6, stk. 1, litra c og e)",
                "Afdelingsbestyrelsen og organisationsbestyrelsen, så længe de er valgt",
            ],
            [
                "Resident democracy: proposals, registrations, ballots and board seats",
                "To hold department meetings, ballots and elections",
                "The Social Housing Act and the standard statutes (art. 6(1)(c) and (e))",
                "The department board and the organisation board, while they are elected",
            ]
        ),
        (
            .counselling, .administration,
            [
                "Boligsocial rådgivning",
                "At hjælpe beboere, der har brug for det",
                "Samtykke (art. 6, stk. 1, litra a)",
                "Ingen uden samtykke",
            ],
            [
                "Housing counselling",
                "To help residents who need it",
                "Consent (art. 6(1)(a))",
                "Nobody without consent",
            ]
        ),
        (
            .rehousing, .administration,
            [
                "Permanent genhusning",
                "At finde en ny bolig ved renovering eller nedrivning",
                "Almenlejeloven (art. 6, stk. 1, litra c)",
                "Kommunen",
            ],
            [
                "Permanent rehousing",
                "To find a new home during renovation or demolition",
                "The Social Housing Rent Act (art. 6(1)(c))",
                "The municipality",
            ]
        ),
        (
            .newBuildAllocation, .organisation,
            [
                "Udlejning af nybyggeri",
                "At fordele nye boliger efter ventelisten",
                "Almenboligloven (art. 6, stk. 1, litra c)",
                "Kommunen ved kommunal anvisning",
            ],
            [
                "Letting of new buildings",
                "To allocate new homes from the waiting list",
                "The Social Housing Act (art. 6(1)(c))",
                "The municipality for municipal assignment",
            ]
        ),
        (
            .offersAndPayments, .organisation,
            [
                "Tilbud og betalingsdokumentation",
                "At dokumentere tilbud og betalinger",
                "Lejekontrakten (art. 6, stk. 1, litra b)",
                "Banken",
            ],
            [
                "Offers and payment documentation",
                "To document offers and payments",
                "The lease (art. 6(1)(b))",
                "The bank",
            ]
        ),
        (
            .formerResidents, .organisation,
            [
                "Revisionsspor: hvem har set eller ændret oplysninger",
                "At kunne vise beboeren, hvem der har set oplysningerne, og opdage misbrug",
                "Retlig forpligtelse (art. 6, stk. 1, litra c, og art. 32)",
                "Ingen; beboeren ser sit eget under Hvem har set mine oplysninger",
            ],
            [
                "Audit trail: who has seen or changed data",
                "To show residents who has seen their data, and to detect misuse",
                "Legal obligation (art. 6(1)(c) and art. 32)",
                "Nobody; residents see their own under Who has seen my data",
            ]
        ),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(ProcessingRecord.schema)
            .id()
            .field("position", .int, .required)
            .field("category_da", .string, .required)
            .field("category_en", .string, .required)
            .field("purpose_da", .string, .required)
            .field("purpose_en", .string, .required)
            .field("basis_da", .string, .required)
            .field("basis_en", .string, .required)
            .field("recipients_da", .string, .required)
            .field("recipients_en", .string, .required)
            .field("retention", .string, .required)
            .field("controller", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid)
            .create()
        let now = Date()
        for (index, seed) in Self.seeds.enumerated() {
            let record = ProcessingRecord()
            record.id = UUID()
            record.position = index + 1
            (record.categoryDa, record.purposeDa, record.basisDa, record.recipientsDa) =
                (seed.da[0], seed.da[1], seed.da[2], seed.da[3])
            (record.categoryEn, record.purposeEn, record.basisEn, record.recipientsEn) =
                (seed.en[0], seed.en[1], seed.en[2], seed.en[3])
            record.retention = seed.0
            record.controller = seed.1
            record.updatedAt = now
            try await record.create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProcessingRecord.schema).delete()
    }
}
