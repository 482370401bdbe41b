/// The XML namespaces of a MeMo message: MeMo's own and those of the shared Danish data models it
/// borrows elements from. The prefixes are the ones of the official examples; we always write them
/// (a receiver was seen to reject other prefixes), and read any prefix bound to the same URI.
enum MeMoNamespace: CaseIterable, Hashable, Sendable {
    case memo
    /// The common data model (grunddata): addresses, CPR, CVR, P-enheder, SE-numre, EID.
    case grd
    /// GS1 global location numbers.
    case gln
    /// The health sector's organisation register.
    case sor
    /// The motor register.
    case dmv
    /// KL's subject classification.
    case kle
    /// The public sector's task classification.
    case form
    /// Statistics Denmark's educations.
    case udd

    var uri: String {
        switch self {
        case .memo: "https://DigitalPost.dk/MeMo-1"
        case .grd: "https://data.gov.dk/model/core/"
        case .gln: "https://www.gs1.dk/gs1-standarder/identifikation/gln-global-location-number/"
        case .sor: "https://services.nsi.dk/en/Services/SOR"
        case .dmv: "https://motorregister.skat.dk/"
        case .kle: "http://kle-online.dk/"
        case .form: "http://www.form-online.dk/"
        case .udd:
            "https://www.dst.dk/da/TilSalg/Forskningsservice/Dokumentation/hoejkvalitetsvariable/elevregister-2/udd#"
        }
    }

    var prefix: String {
        switch self {
        case .memo: "memo"
        case .grd: "grd"
        case .gln: "gln"
        case .sor: "sor"
        case .dmv: "dmv"
        case .kle: "kle"
        case .form: "form"
        case .udd: "udd"
        }
    }

    /// The URIs as bytes, to recognise a namespace in expat's output without making a `String`.
    static let uriBytes: [(MeMoNamespace, [UInt8])] = allCases.map { ($0, Array($0.uri.utf8)) }
}
