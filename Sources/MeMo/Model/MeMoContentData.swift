/// `ContentData`: structured facts the letter is about (sagsdata), for the recipient's systems.
/// Every part is optional; the properties follow the XSD sequence. Parts from the shared Danish
/// data models keep their own namespaces (grd, dmv, kle, form, udd).
public struct MeMoContentData: Hashable, Sendable {
    /// `grd:CPRdata`: a person the letter concerns (may differ from the recipient).
    public var cprData: MeMoCPRData?
    /// `grd:CVRdata`.
    public var cvrData: MeMoCVRData?
    /// `dmv:MotorVehicle`.
    public var motorVehicle: MeMoMotorVehicle?
    /// `grd:PropertyNumber` (ejendomsnummer).
    public var propertyNumber: MeMoPropertyNumber?
    public var caseID: MeMoCaseID?
    /// `kle:KLEdata`.
    public var kleData: MeMoKLEData?
    /// `form:FORMdata`.
    public var formData: MeMoFORMData?
    /// `grd:ProductionUnit`.
    public var productionUnit: MeMoProductionUnit?
    /// `udd:Education`.
    public var education: MeMoEducation?
    /// `grd:Address`.
    public var address: MeMoAddress?
    /// `grd:UnstructuredAddress`.
    public var unstructuredAddress: MeMoUnstructuredAddress?
    /// Free name/value pairs; at most ten (digital-post.md).
    public var additionalContentData: [MeMoAdditionalContentData]

    public init(
        cprData: MeMoCPRData? = nil,
        cvrData: MeMoCVRData? = nil,
        motorVehicle: MeMoMotorVehicle? = nil,
        propertyNumber: MeMoPropertyNumber? = nil,
        caseID: MeMoCaseID? = nil,
        kleData: MeMoKLEData? = nil,
        formData: MeMoFORMData? = nil,
        productionUnit: MeMoProductionUnit? = nil,
        education: MeMoEducation? = nil,
        address: MeMoAddress? = nil,
        unstructuredAddress: MeMoUnstructuredAddress? = nil,
        additionalContentData: [MeMoAdditionalContentData] = []
    ) {
        self.cprData = cprData
        self.cvrData = cvrData
        self.motorVehicle = motorVehicle
        self.propertyNumber = propertyNumber
        self.caseID = caseID
        self.kleData = kleData
        self.formData = formData
        self.productionUnit = productionUnit
        self.education = education
        self.address = address
        self.unstructuredAddress = unstructuredAddress
        self.additionalContentData = additionalContentData
    }
}
