/// `AttentionData` and the address types it shares with `ContentData`.
extension MeMoTreeDecoder {
    func attentionData(_ node: XMLNode, path: String) throws(MeMoParseError) -> MeMoAttentionData {
        var cursor = try ChildCursor(node, path: path)
        var data = MeMoAttentionData()
        data.attentionPerson = try cursor.optional(.memo("AttentionPerson")) { node, path throws(MeMoParseError) in
            let (personID, label) = try Self.twoOptional(node, path, .memo("personID"), .memo("label"))
            return MeMoAttentionPerson(personID: personID, label: label)
        }
        data.productionUnit = try cursor.optional(XMLName(.grd, "ProductionUnit"), Self.productionUnit)
        data.globalLocationNumber = try cursor.optional(XMLName(.gln, "GlobalLocationNumber")) {
            node,
            path throws(MeMoParseError) in
            let (number, location) = try Self.requiredAndOptional(
                node,
                path,
                XMLName(.gln, "globalLocationNumber"),
                XMLName(.gln, "location")
            )
            return MeMoGlobalLocationNumber(globalLocationNumber: number, location: location)
        }
        data.email = try cursor.optional(.memo("EMail")) { node, path throws(MeMoParseError) in
            let (address, agent) = try Self.requiredAndOptional(
                node,
                path,
                .memo("emailAddress"),
                .memo("relatedAgent")
            )
            return MeMoEMail(emailAddress: address, relatedAgent: agent)
        }
        data.seNumber = try cursor.optional(XMLName(.grd, "SEnumber")) { node, path throws(MeMoParseError) in
            let (number, name) = try Self.requiredAndOptional(
                node,
                path,
                XMLName(.grd, "seNumber"),
                XMLName(.grd, "companyName")
            )
            return MeMoSENumber(seNumber: number, companyName: name)
        }
        data.telephone = try cursor.optional(.memo("Telephone")) { node, path throws(MeMoParseError) in
            let (number, agent) = try Self.requiredAndOptional(
                node,
                path,
                .memo("telephoneNumber"),
                .memo("relatedAgent")
            )
            return MeMoTelephone(telephoneNumber: number, relatedAgent: agent)
        }
        data.eid = try cursor.optional(XMLName(.grd, "EID")) { node, path throws(MeMoParseError) in
            let (eID, label) = try Self.requiredAndOptional(node, path, XMLName(.grd, "eID"), XMLName(.grd, "label"))
            return MeMoEID(eID: eID, label: label)
        }
        data.contentResponsible = try cursor.optional(.memo("ContentResponsible")) {
            node,
            path throws(MeMoParseError) in
            let (id, label) = try Self.twoOptional(node, path, .memo("contentResponsibleID"), .memo("label"))
            return MeMoContentResponsible(contentResponsibleID: id, label: label)
        }
        data.generatingSystem = try cursor.optional(.memo("GeneratingSystem")) { node, path throws(MeMoParseError) in
            let (id, label) = try Self.requiredAndOptional(node, path, .memo("generatingSystemID"), .memo("label"))
            return MeMoGeneratingSystem(generatingSystemID: id, label: label)
        }
        data.sorData = try cursor.optional(XMLName(.sor, "SORdata")) { node, path throws(MeMoParseError) in
            let (identifier, name) = try Self.requiredAndOptional(
                node,
                path,
                XMLName(.sor, "sorIdentifier"),
                XMLName(.sor, "entryName")
            )
            return MeMoSORData(sorIdentifier: identifier, entryName: name)
        }
        data.address = try cursor.optional(XMLName(.grd, "Address"), Self.address)
        data.unstructuredAddress = try cursor.optional(XMLName(.grd, "UnstructuredAddress"), Self.unstructuredAddress)
        try cursor.finish()
        return data
    }

    static func productionUnit(_ node: XMLNode, path: String) throws(MeMoParseError) -> MeMoProductionUnit {
        let (number, name) = try requiredAndOptional(
            node,
            path,
            XMLName(.grd, "productionUnitNumber"),
            XMLName(.grd, "productionUnitName")
        )
        return MeMoProductionUnit(productionUnitNumber: number, productionUnitName: name)
    }

    static func address(_ node: XMLNode, path: String) throws(MeMoParseError) -> MeMoAddress {
        var cursor = try ChildCursor(node, path: path)
        var address = MeMoAddress()
        address.id = try cursor.optionalText(XMLName(.grd, "id"))
        address.addressLabel = try cursor.optionalText(XMLName(.grd, "addressLabel"))
        address.houseNumber = try cursor.optionalText(XMLName(.grd, "houseNumber"))
        address.door = try cursor.optionalText(XMLName(.grd, "door"))
        address.floor = try cursor.optionalText(XMLName(.grd, "floor"))
        address.co = try cursor.optionalText(XMLName(.grd, "co"))
        address.zipCode = try cursor.optionalText(XMLName(.grd, "zipCode"))
        address.city = try cursor.optionalText(XMLName(.grd, "city"))
        address.country = try cursor.optionalText(XMLName(.grd, "country"))
        address.addressPoint = try cursor.optional(XMLName(.grd, "AddressPoint")) { node, path throws(MeMoParseError) in
            var cursor = try ChildCursor(node, path: path)
            var point = MeMoAddressPoint()
            point.geographicEastingMeasure = try cursor.optionalText(XMLName(.grd, "geographicEastingMeasure"))
            point.geographicNorthingMeasure = try cursor.optionalText(XMLName(.grd, "geographicNorthingMeasure"))
            point.geographicHeightMeasure = try cursor.optionalText(XMLName(.grd, "geographicHeightMeasure"))
            try cursor.finish()
            return point
        }
        try cursor.finish()
        return address
    }

    static func unstructuredAddress(_ node: XMLNode, path: String) throws(MeMoParseError) -> MeMoUnstructuredAddress {
        var cursor = try ChildCursor(node, path: path)
        let text = try cursor.text(XMLName(.grd, "unstructured"))
        try cursor.finish()
        return MeMoUnstructuredAddress(unstructured: text)
    }
}
