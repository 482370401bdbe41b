/// `Sender`, `Recipient` and what they share: attention data and contact points.
extension XMLByteWriter {
    mutating func write(_ sender: MeMoSender) {
        open("memo:Sender")
        leaf("memo:senderID", sender.senderID)
        leaf("memo:idType", sender.idType.rawValue)
        leaf("memo:idTypeLabel", sender.idTypeLabel)
        leaf("memo:label", sender.label)
        if let attention = sender.attentionData { write(attention) }
        if let contactPoint = sender.contactPoint { write(contactPoint) }
        if let representative = sender.representative {
            open("memo:Representative")
            leaf("memo:representativeID", representative.representativeID)
            leaf("memo:idType", representative.idType.rawValue)
            leaf("memo:label", representative.label)
            close("memo:Representative")
        }
        close("memo:Sender")
    }

    mutating func write(_ recipient: MeMoRecipient) {
        open("memo:Recipient")
        leaf("memo:recipientID", recipient.recipientID)
        leaf("memo:idType", recipient.idType.rawValue)
        leaf("memo:idTypeLabel", recipient.idTypeLabel)
        leaf("memo:label", recipient.label)
        if let attention = recipient.attentionData { write(attention) }
        if let contactPoint = recipient.contactPoint { write(contactPoint) }
        close("memo:Recipient")
    }

    mutating func write(_ contactPoint: MeMoContactPoint) {
        open("memo:ContactPoint")
        leaf("memo:contactGroup", contactPoint.contactGroup)
        leaf("memo:contactPointID", contactPoint.contactPointID)
        leaf("memo:label", contactPoint.label)
        for info in contactPoint.contactInfo {
            open("memo:ContactInfo")
            leaf("memo:label", info.label)
            leaf("memo:value", info.value)
            close("memo:ContactInfo")
        }
        close("memo:ContactPoint")
    }

    mutating func write(_ attention: MeMoAttentionData) {
        open("memo:AttentionData")
        if let person = attention.attentionPerson {
            open("memo:AttentionPerson")
            leaf("memo:personID", person.personID)
            leaf("memo:label", person.label)
            close("memo:AttentionPerson")
        }
        if let unit = attention.productionUnit { write(unit) }
        if let gln = attention.globalLocationNumber {
            open("gln:GlobalLocationNumber")
            leaf("gln:globalLocationNumber", gln.globalLocationNumber)
            leaf("gln:location", gln.location)
            close("gln:GlobalLocationNumber")
        }
        if let email = attention.email {
            open("memo:EMail")
            leaf("memo:emailAddress", email.emailAddress)
            leaf("memo:relatedAgent", email.relatedAgent)
            close("memo:EMail")
        }
        if let se = attention.seNumber {
            open("grd:SEnumber")
            leaf("grd:seNumber", se.seNumber)
            leaf("grd:companyName", se.companyName)
            close("grd:SEnumber")
        }
        if let telephone = attention.telephone {
            open("memo:Telephone")
            leaf("memo:telephoneNumber", telephone.telephoneNumber)
            leaf("memo:relatedAgent", telephone.relatedAgent)
            close("memo:Telephone")
        }
        if let eid = attention.eid {
            open("grd:EID")
            leaf("grd:eID", eid.eID)
            leaf("grd:label", eid.label)
            close("grd:EID")
        }
        if let responsible = attention.contentResponsible {
            open("memo:ContentResponsible")
            leaf("memo:contentResponsibleID", responsible.contentResponsibleID)
            leaf("memo:label", responsible.label)
            close("memo:ContentResponsible")
        }
        if let system = attention.generatingSystem {
            open("memo:GeneratingSystem")
            leaf("memo:generatingSystemID", system.generatingSystemID)
            leaf("memo:label", system.label)
            close("memo:GeneratingSystem")
        }
        if let sor = attention.sorData {
            open("sor:SORdata")
            leaf("sor:sorIdentifier", sor.sorIdentifier)
            leaf("sor:entryName", sor.entryName)
            close("sor:SORdata")
        }
        if let address = attention.address { write(address) }
        if let address = attention.unstructuredAddress { write(address) }
        close("memo:AttentionData")
    }
}
