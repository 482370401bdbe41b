/// `AttentionData`: details that direct a message within the sender's or recipient's organisation
/// (att.: a person, unit, address, ...). Every part is optional; the properties follow the XSD
/// sequence. Parts from the shared Danish data models keep their own namespaces (grd, gln, sor).
public struct MeMoAttentionData: Hashable, Sendable {
    public var attentionPerson: MeMoAttentionPerson?
    /// `grd:ProductionUnit` (P-enhed).
    public var productionUnit: MeMoProductionUnit?
    /// `gln:GlobalLocationNumber`.
    public var globalLocationNumber: MeMoGlobalLocationNumber?
    public var email: MeMoEMail?
    /// `grd:SEnumber`.
    public var seNumber: MeMoSENumber?
    public var telephone: MeMoTelephone?
    /// `grd:EID`.
    public var eid: MeMoEID?
    public var contentResponsible: MeMoContentResponsible?
    public var generatingSystem: MeMoGeneratingSystem?
    /// `sor:SORdata` (the health sector's organisation register).
    public var sorData: MeMoSORData?
    /// `grd:Address`. The examples' comments say a structured and an unstructured address are
    /// alternatives, yet the 1.2 example has both; both are kept.
    public var address: MeMoAddress?
    /// `grd:UnstructuredAddress`.
    public var unstructuredAddress: MeMoUnstructuredAddress?

    public init(
        attentionPerson: MeMoAttentionPerson? = nil,
        productionUnit: MeMoProductionUnit? = nil,
        globalLocationNumber: MeMoGlobalLocationNumber? = nil,
        email: MeMoEMail? = nil,
        seNumber: MeMoSENumber? = nil,
        telephone: MeMoTelephone? = nil,
        eid: MeMoEID? = nil,
        contentResponsible: MeMoContentResponsible? = nil,
        generatingSystem: MeMoGeneratingSystem? = nil,
        sorData: MeMoSORData? = nil,
        address: MeMoAddress? = nil,
        unstructuredAddress: MeMoUnstructuredAddress? = nil
    ) {
        self.attentionPerson = attentionPerson
        self.productionUnit = productionUnit
        self.globalLocationNumber = globalLocationNumber
        self.email = email
        self.seNumber = seNumber
        self.telephone = telephone
        self.eid = eid
        self.contentResponsible = contentResponsible
        self.generatingSystem = generatingSystem
        self.sorData = sorData
        self.address = address
        self.unstructuredAddress = unstructuredAddress
    }
}
