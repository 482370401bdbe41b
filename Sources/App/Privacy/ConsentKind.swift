import AlmenDomain
import Fluent
import Foundation
import SQLKit

/// A kind of consent (samtykke) a resident may give and withdraw in the portal: its exact words in
/// both languages, and what stops when it is withdrawn. Four are built in, with effects the system
/// carries out; an administrator adds others (their effect is that staff see who gave them).
final class ConsentKind: Model, @unchecked Sendable {
    static let schema = "consent_kinds"

    @ID(key: .id) var id: UUID?
    /// Stable code: a built-in's name (`cpr_digital_post`), or a made one for an administrator's.
    @Field(key: "code") var code: String
    @Field(key: "title_da") var titleDa: String
    @Field(key: "title_en") var titleEn: String
    /// The words the resident agrees to; stored with each consent as given.
    @Field(key: "text_da") var textDa: String
    @Field(key: "text_en") var textEn: String
    /// What stops when the consent is withdrawn, told before the resident withdraws it.
    @Field(key: "effect_da") var effectDa: String
    @Field(key: "effect_en") var effectEn: String
    @Field(key: "built_in") var builtIn: Bool
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "created_by") var createdBy: UUID?
    /// No longer offered; consents given stay in their history.
    @OptionalField(key: "retired_at") var retiredAt: Date?

    init() {}

    func title(_ language: Language) -> String { language == .da ? titleDa : titleEn }
    func text(_ language: Language) -> String { language == .da ? textDa : textEn }
    func effect(_ language: Language) -> String { language == .da ? effectDa : effectEn }

    /// Keeping the CPR number from MitID, for Digital Post and login (given at activation).
    static let cpr = Consent.cprForDigitalPost
    /// Digital Post for a lease signed before 2018, whose lease did not provide for it.
    static let digitalPost = "digital_post_before_2018"
    static let photos = "photos"
    static let counselling = "counselling"

    /// The built-in kinds' words, as the migration stores them.
    static let builtIns: [(code: String, da: [String], en: [String])] = [
        (
            cpr,
            [
                "CPR-nummer til Digital Post og log ind",
                "Jeg giver samtykke til, at boligorganisationen gemmer mit CPR-nummer fra MitID, så den kan sende mig breve med Digital Post og genkende mig, når jeg logger ind.",
                "Vi sletter dit CPR-nummer. Dine breve kommer derefter med almindelig post, og næste gang du logger ind med MitID, skal du bruge en ny aktiveringskode fra os.",
            ],
            [
                "CPR number for Digital Post and login",
                "I consent to the housing organisation keeping my CPR number from MitID, so that it can send me letters by Digital Post and recognise me when I log in.",
                "We delete your CPR number. Your letters then come by ordinary post, and the next time you log in with MitID you need a new activation code from us.",
            ]
        ),
        (
            digitalPost,
            [
                "Digital Post for lejemål fra før 2018",
                "Jeg giver samtykke til, at boligorganisationen sender mig breve om mit lejemål med Digital Post, selv om min lejekontrakt er fra før 2018.",
                "Breve om lejemål fra før 2018 kommer derefter med almindelig post til din adresse.",
            ],
            [
                "Digital Post for leases from before 2018",
                "I consent to the housing organisation sending me letters about my lease by Digital Post, although my lease is from before 2018.",
                "Letters about leases from before 2018 then come by ordinary post to your address.",
            ]
        ),
        (
            photos,
            [
                "Billeder af mig",
                "Jeg giver samtykke til, at afdelingen må bruge billeder, hvor jeg kan genkendes, fra afdelingens arrangementer på afdelingens side og i beboerbladet.",
                "Vi bruger ikke længere nye billeder af dig, og vi fjerner dem, vi selv har lagt ud, når vi får besked.",
            ],
            [
                "Photos of me",
                "I consent to the department using photos in which I can be recognised, from the department's events, on the department's page and in the residents' newsletter.",
                "We no longer use new photos of you, and we remove those we published ourselves once we are told.",
            ]
        ),
        (
            counselling,
            [
                "Boligsocial rådgivning",
                "Jeg giver samtykke til, at boligorganisationens beboerrådgiver må se mine sager og kontakte mig for at hjælpe mig.",
                "Beboerrådgiveren må ikke længere se dine sager eller kontakte dig af egen drift. Det, rådgiveren allerede har noteret, gemmes i 2 år efter sagens afslutning.",
            ],
            [
                "Housing counselling",
                "I consent to the housing organisation's resident counsellor seeing my cases and contacting me to help me.",
                "The resident counsellor may no longer see your cases or contact you on their own initiative. What the counsellor has already noted is kept for 2 years after the case closed.",
            ]
        ),
    ]
}

/// How the register came to hold a person's CPR number, the legal basis recorded with it.
enum CPRBasis: String, Sendable, Codable {
    /// Given with consent at the first MitID login (activation); withdrawing the consent deletes it.
    case consent
    /// Registered by the administration when the lease was made (the lease and the letters the law
    /// requires); a consent withdrawn does not delete it.
    case register
}

/// The consent kinds and their built-in words; how each person's CPR number came to the register;
/// how each consent was given.
struct CreateConsentKinds: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ConsentKind.schema)
            .id()
            .field("code", .string, .required)
            .field("title_da", .string, .required)
            .field("title_en", .string, .required)
            .field("text_da", .string, .required)
            .field("text_en", .string, .required)
            .field("effect_da", .string, .required)
            .field("effect_en", .string, .required)
            .field("built_in", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid)
            .field("retired_at", .datetime)
            .unique(on: "code")
            .create()
        let now = Date()
        for kind in ConsentKind.builtIns {
            let row = ConsentKind()
            row.id = UUID()
            row.code = kind.code
            (row.titleDa, row.textDa, row.effectDa) = (kind.da[0], kind.da[1], kind.da[2])
            (row.titleEn, row.textEn, row.effectEn) = (kind.en[0], kind.en[1], kind.en[2])
            row.builtIn = true
            row.createdAt = now
            try await row.create(on: database)
        }
        // One column per statement: SQLite adds one at a time. Every CPR number already in the
        // register was registered with the lease; activation records `consent` from now on.
        try await database.schema(Person.schema)
            .field("cpr_basis", .string, .required, .sql(.default(CPRBasis.register.rawValue))).update()
        try await database.schema(Consent.schema)
            .field("given_how", .string, .required, .sql(.default(ConsentChannel.activation.rawValue))).update()
        try await database.schema(Consent.schema).field("withdrawn_how", .string).update()
        let sql = try database.sql()
        try await sql.raw(
            """
            UPDATE people SET cpr_basis = \(bind: CPRBasis.consent.rawValue)
            WHERE cpr_ciphertext IS NOT NULL AND EXISTS (
                SELECT 1 FROM consents c WHERE c.person_id = people.id AND c.kind = \(bind: ConsentKind.cpr))
            """
        ).run()
        try await SchemaIndex.create(
            "consents_kind_person",
            on: Consent.schema,
            columns: ["kind", "person_id", "given_at"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Consent.schema).deleteField("withdrawn_how").update()
        try await database.schema(Consent.schema).deleteField("given_how").update()
        try await database.schema(Person.schema).deleteField("cpr_basis").update()
        try await database.schema(ConsentKind.schema).delete()
    }
}

/// How a consent was given or withdrawn ("record when, how").
enum ConsentChannel: String, Sendable, Codable, CaseIterable {
    /// At the first MitID login, with the activation code.
    case activation
    /// On the resident's consents page, signed in with MitID.
    case portal
    /// By a caseworker, from a letter or a call the resident made.
    case staff
}
