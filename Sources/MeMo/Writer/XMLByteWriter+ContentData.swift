/// `ContentData` and the elements it borrows from the shared data models, in their namespaces.
extension XMLByteWriter {
    mutating func write(_ content: MeMoContentData) {
        open("memo:ContentData")
        if let cpr = content.cprData {
            open("grd:CPRdata")
            leaf("grd:cprNumber", cpr.cprNumber)
            leaf("grd:name", cpr.name)
            close("grd:CPRdata")
        }
        if let cvr = content.cvrData {
            open("grd:CVRdata")
            leaf("grd:cvrNumber", cvr.cvrNumber)
            leaf("grd:companyName", cvr.companyName)
            close("grd:CVRdata")
        }
        if let vehicle = content.motorVehicle {
            open("dmv:MotorVehicle")
            leaf("dmv:licenseNumber", vehicle.licenseNumber)
            leaf("dmv:chassisNumber", vehicle.chassisNumber)
            close("dmv:MotorVehicle")
        }
        if let property = content.propertyNumber {
            open("grd:PropertyNumber")
            leaf("grd:propertyNumber", property.propertyNumber)
            close("grd:PropertyNumber")
        }
        if let caseID = content.caseID {
            open("memo:CaseID")
            leaf("memo:caseID", caseID.caseID)
            leaf("memo:caseSystem", caseID.caseSystem)
            close("memo:CaseID")
        }
        if let kle = content.kleData {
            open("kle:KLEdata")
            leaf("kle:subjectKey", kle.subjectKey)
            leaf("kle:version", kle.version)
            leaf("kle:activityFacet", kle.activityFacet)
            leaf("kle:label", kle.label)
            close("kle:KLEdata")
        }
        if let form = content.formData {
            open("form:FORMdata")
            leaf("form:taskKey", form.taskKey)
            leaf("form:version", form.version)
            leaf("form:activityFacet", form.activityFacet)
            leaf("form:label", form.label)
            close("form:FORMdata")
        }
        if let unit = content.productionUnit { write(unit) }
        if let education = content.education {
            open("udd:Education")
            leaf("udd:educationCode", education.educationCode)
            leaf("udd:educationName", education.educationName)
            close("udd:Education")
        }
        if let address = content.address { write(address) }
        if let address = content.unstructuredAddress { write(address) }
        for additional in content.additionalContentData {
            open("memo:AdditionalContentData")
            leaf("memo:contentDataType", additional.contentDataType)
            leaf("memo:contentDataName", additional.contentDataName)
            leaf("memo:contentDataValue", additional.contentDataValue)
            close("memo:AdditionalContentData")
        }
        close("memo:ContentData")
    }

    mutating func write(_ unit: MeMoProductionUnit) {
        open("grd:ProductionUnit")
        leaf("grd:productionUnitNumber", unit.productionUnitNumber)
        leaf("grd:productionUnitName", unit.productionUnitName)
        close("grd:ProductionUnit")
    }

    mutating func write(_ address: MeMoAddress) {
        open("grd:Address")
        leaf("grd:id", address.id)
        leaf("grd:addressLabel", address.addressLabel)
        leaf("grd:houseNumber", address.houseNumber)
        leaf("grd:door", address.door)
        leaf("grd:floor", address.floor)
        leaf("grd:co", address.co)
        leaf("grd:zipCode", address.zipCode)
        leaf("grd:city", address.city)
        leaf("grd:country", address.country)
        if let point = address.addressPoint {
            open("grd:AddressPoint")
            leaf("grd:geographicEastingMeasure", point.geographicEastingMeasure)
            leaf("grd:geographicNorthingMeasure", point.geographicNorthingMeasure)
            leaf("grd:geographicHeightMeasure", point.geographicHeightMeasure)
            close("grd:AddressPoint")
        }
        close("grd:Address")
    }

    mutating func write(_ address: MeMoUnstructuredAddress) {
        open("grd:UnstructuredAddress")
        leaf("grd:unstructured", address.unstructured)
        close("grd:UnstructuredAddress")
    }
}
