/// `Sender`, `Recipient` and their attention data and contact points.
extension ValidationRun {
    mutating func check(_ sender: MeMoSender, path: String) {
        // Our letters are sent as the organisation, by CVR-nummer; mail to us may come from anyone.
        let allowed: [MeMoIDType] = context.direction == .outgoing ? [.cvr] : [.cpr, .cvr]
        identifier(
            sender.senderID,
            type: sender.idType,
            field: "\(path).senderID",
            typeField: "\(path).idType",
            allowed: allowed
        )
        text(sender.idTypeLabel, "\(path).idTypeLabel")
        requiredText(sender.label, "\(path).label")
        if let attention = sender.attentionData { check(attention, path: "\(path).AttentionData") }
        if let contactPoint = sender.contactPoint { check(contactPoint, path: "\(path).ContactPoint") }
        if let representative = sender.representative {
            let representativePath = "\(path).Representative"
            if !version.hasRepresentative {
                report(representativePath, MeMoFieldError.Code.notAllowedInVersion, "Representative requires MeMo 1.2.")
            }
            identifier(
                representative.representativeID,
                type: representative.idType,
                field: "\(representativePath).representativeID",
                typeField: "\(representativePath).idType",
                allowed: [.cpr, .cvr]
            )
            requiredText(representative.label, "\(representativePath).label")
        }
    }

    mutating func check(_ recipient: MeMoRecipient, path: String) {
        identifier(
            recipient.recipientID,
            type: recipient.idType,
            field: "\(path).recipientID",
            typeField: "\(path).idType",
            allowed: [.cpr, .cvr]
        )
        text(recipient.idTypeLabel, "\(path).idTypeLabel")
        text(recipient.label, "\(path).label")
        if let attention = recipient.attentionData { check(attention, path: "\(path).AttentionData") }
        if let contactPoint = recipient.contactPoint { check(contactPoint, path: "\(path).ContactPoint") }
    }

    mutating func check(_ contactPoint: MeMoContactPoint, path: String) {
        text(contactPoint.contactGroup, "\(path).contactGroup")
        requiredText(contactPoint.contactPointID, "\(path).contactPointID")
        text(contactPoint.label, "\(path).label")
        maxCount(contactPoint.contactInfo.count, 2, "\(path).ContactInfo")
        for (index, info) in contactPoint.contactInfo.enumerated() {
            requiredText(info.label, "\(path).ContactInfo[\(index)].label")
            requiredText(info.value, "\(path).ContactInfo[\(index)].value")
        }
    }

    mutating func check(_ attention: MeMoAttentionData, path: String) {
        if let person = attention.attentionPerson {
            text(person.personID, "\(path).AttentionPerson.personID")
            text(person.label, "\(path).AttentionPerson.label")
        }
        if let unit = attention.productionUnit { check(unit, path: "\(path).grd:ProductionUnit") }
        if let gln = attention.globalLocationNumber {
            requiredText(gln.globalLocationNumber, "\(path).gln:GlobalLocationNumber.gln:globalLocationNumber")
            text(gln.location, "\(path).gln:GlobalLocationNumber.gln:location")
        }
        if let email = attention.email {
            requiredText(email.emailAddress, "\(path).EMail.emailAddress")
            text(email.relatedAgent, "\(path).EMail.relatedAgent")
        }
        if let se = attention.seNumber {
            requiredText(se.seNumber, "\(path).grd:SEnumber.grd:seNumber")
            text(se.companyName, "\(path).grd:SEnumber.grd:companyName")
        }
        if let telephone = attention.telephone {
            requiredText(telephone.telephoneNumber, "\(path).Telephone.telephoneNumber")
            text(telephone.relatedAgent, "\(path).Telephone.relatedAgent")
        }
        if let eid = attention.eid {
            requiredText(eid.eID, "\(path).grd:EID.grd:eID")
            text(eid.label, "\(path).grd:EID.grd:label")
        }
        if let responsible = attention.contentResponsible {
            text(responsible.contentResponsibleID, "\(path).ContentResponsible.contentResponsibleID")
            text(responsible.label, "\(path).ContentResponsible.label")
        }
        if let system = attention.generatingSystem {
            requiredText(system.generatingSystemID, "\(path).GeneratingSystem.generatingSystemID")
            text(system.label, "\(path).GeneratingSystem.label")
        }
        if let sor = attention.sorData {
            requiredText(sor.sorIdentifier, "\(path).sor:SORdata.sor:sorIdentifier")
            text(sor.entryName, "\(path).sor:SORdata.sor:entryName")
        }
        if let address = attention.address { check(address, path: "\(path).grd:Address") }
        if let address = attention.unstructuredAddress {
            requiredText(address.unstructured, "\(path).grd:UnstructuredAddress.grd:unstructured")
        }
    }

    mutating func check(_ unit: MeMoProductionUnit, path: String) {
        requiredText(unit.productionUnitNumber, "\(path).grd:productionUnitNumber")
        text(unit.productionUnitName, "\(path).grd:productionUnitName")
    }

    mutating func check(_ address: MeMoAddress, path: String) {
        text(address.id, "\(path).grd:id")
        text(address.addressLabel, "\(path).grd:addressLabel")
        text(address.houseNumber, "\(path).grd:houseNumber")
        text(address.door, "\(path).grd:door")
        text(address.floor, "\(path).grd:floor")
        text(address.co, "\(path).grd:co")
        text(address.zipCode, "\(path).grd:zipCode")
        text(address.city, "\(path).grd:city")
        text(address.country, "\(path).grd:country")
        if let point = address.addressPoint {
            text(point.geographicEastingMeasure, "\(path).grd:AddressPoint.grd:geographicEastingMeasure")
            text(point.geographicNorthingMeasure, "\(path).grd:AddressPoint.grd:geographicNorthingMeasure")
            text(point.geographicHeightMeasure, "\(path).grd:AddressPoint.grd:geographicHeightMeasure")
        }
    }
}
