/// `ContentData`.
extension MeMoTreeDecoder {
    func contentData(_ node: XMLNode, path: String) throws(MeMoParseError) -> MeMoContentData {
        var cursor = try ChildCursor(node, path: path)
        var data = MeMoContentData()
        data.cprData = try cursor.optional(XMLName(.grd, "CPRdata")) { node, path throws(MeMoParseError) in
            let (number, name) = try Self.requiredAndOptional(
                node,
                path,
                XMLName(.grd, "cprNumber"),
                XMLName(.grd, "name")
            )
            return MeMoCPRData(cprNumber: number, name: name)
        }
        data.cvrData = try cursor.optional(XMLName(.grd, "CVRdata")) { node, path throws(MeMoParseError) in
            let (number, name) = try Self.requiredAndOptional(
                node,
                path,
                XMLName(.grd, "cvrNumber"),
                XMLName(.grd, "companyName")
            )
            return MeMoCVRData(cvrNumber: number, companyName: name)
        }
        data.motorVehicle = try cursor.optional(XMLName(.dmv, "MotorVehicle")) { node, path throws(MeMoParseError) in
            let (license, chassis) = try Self.requiredAndOptional(
                node,
                path,
                XMLName(.dmv, "licenseNumber"),
                XMLName(.dmv, "chassisNumber")
            )
            return MeMoMotorVehicle(licenseNumber: license, chassisNumber: chassis)
        }
        data.propertyNumber = try cursor.optional(XMLName(.grd, "PropertyNumber")) {
            node,
            path throws(MeMoParseError) in
            var cursor = try ChildCursor(node, path: path)
            let number = try cursor.text(XMLName(.grd, "propertyNumber"))
            try cursor.finish()
            return MeMoPropertyNumber(propertyNumber: number)
        }
        data.caseID = try cursor.optional(.memo("CaseID")) { node, path throws(MeMoParseError) in
            let (caseID, system) = try Self.pair(node, path, .memo("caseID"), .memo("caseSystem"))
            return MeMoCaseID(caseID: caseID, caseSystem: system)
        }
        data.kleData = try cursor.optional(XMLName(.kle, "KLEdata")) { node, path throws(MeMoParseError) in
            var cursor = try ChildCursor(node, path: path)
            let subjectKey = try cursor.text(XMLName(.kle, "subjectKey"))
            let version = try cursor.text(XMLName(.kle, "version"))
            let activityFacet = try cursor.optionalText(XMLName(.kle, "activityFacet"))
            let label = try cursor.text(XMLName(.kle, "label"))
            try cursor.finish()
            return MeMoKLEData(subjectKey: subjectKey, version: version, activityFacet: activityFacet, label: label)
        }
        data.formData = try cursor.optional(XMLName(.form, "FORMdata")) { node, path throws(MeMoParseError) in
            var cursor = try ChildCursor(node, path: path)
            let taskKey = try cursor.text(XMLName(.form, "taskKey"))
            let version = try cursor.text(XMLName(.form, "version"))
            let activityFacet = try cursor.optionalText(XMLName(.form, "activityFacet"))
            let label = try cursor.text(XMLName(.form, "label"))
            try cursor.finish()
            return MeMoFORMData(taskKey: taskKey, version: version, activityFacet: activityFacet, label: label)
        }
        data.productionUnit = try cursor.optional(XMLName(.grd, "ProductionUnit"), Self.productionUnit)
        data.education = try cursor.optional(XMLName(.udd, "Education")) { node, path throws(MeMoParseError) in
            let (code, name) = try Self.requiredAndOptional(
                node,
                path,
                XMLName(.udd, "educationCode"),
                XMLName(.udd, "educationName")
            )
            return MeMoEducation(educationCode: code, educationName: name)
        }
        data.address = try cursor.optional(XMLName(.grd, "Address"), Self.address)
        data.unstructuredAddress = try cursor.optional(XMLName(.grd, "UnstructuredAddress"), Self.unstructuredAddress)
        data.additionalContentData = try cursor.repeated(.memo("AdditionalContentData")) {
            node,
            path throws(MeMoParseError) in
            var cursor = try ChildCursor(node, path: path)
            let type = try cursor.optionalText("contentDataType")
            let name = try cursor.text("contentDataName")
            let value = try cursor.text("contentDataValue")
            try cursor.finish()
            return MeMoAdditionalContentData(contentDataType: type, contentDataName: name, contentDataValue: value)
        }
        try cursor.finish()
        return data
    }
}
