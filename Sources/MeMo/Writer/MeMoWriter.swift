import Foundation

/// Writes a MeMo message as the UTF-8 XML NgDP expects: the `memo:` prefix on every MeMo element,
/// the root attributes of the message's version, and every element in XSD order.
///
/// The writer does not check the message; run `MeMoValidator` first. It cannot fail: text is
/// escaped, and characters XML cannot carry are replaced (the validator reports them).
public enum MeMoWriter {
    public static func write(_ message: MeMoMessage) -> Data {
        var writer = XMLByteWriter(capacity: estimatedSize(of: message))
        writer.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<memo:Message")
        for namespace in usedNamespaces(message) {
            writer.raw(" xmlns:\(namespace.prefix)=\"\(namespace.uri)\"")
        }
        writer.raw(" memoVersion=\"\(message.version.rawValue)\"")
        if let schemaVersion = message.version.schemaVersion {
            writer.raw(" memoSchVersion=\"\(schemaVersion)\"")
        }
        writer.raw(">\n")
        writer.push()
        writer.write(message.header)
        if let body = message.body { writer.write(body) }
        writer.pop()
        writer.raw("</memo:Message>\n")
        return Data(writer.bytes)
    }

    /// Room for the base64 of every file plus the header, so the buffer grows once at most.
    private static func estimatedSize(of message: MeMoMessage) -> Int {
        let files = message.body?.allFiles ?? []
        return files.reduce(16_384) { $0 + Base64.encodedCount($1.content.count) + 256 }
    }

    /// MeMo's namespace, and the borrowed ones only when an element of theirs is present, so that
    /// a plain letter declares one namespace.
    static func usedNamespaces(_ message: MeMoMessage) -> [MeMoNamespace] {
        var used: Set<MeMoNamespace> = [.memo]
        for attention in [message.header.sender.attentionData, message.header.recipient.attentionData] {
            guard let attention else { continue }
            if attention.productionUnit != nil || attention.seNumber != nil || attention.eid != nil
                || attention.address != nil || attention.unstructuredAddress != nil
            {
                used.insert(.grd)
            }
            if attention.globalLocationNumber != nil { used.insert(.gln) }
            if attention.sorData != nil { used.insert(.sor) }
        }
        if let content = message.header.contentData {
            if content.cprData != nil || content.cvrData != nil || content.propertyNumber != nil
                || content.productionUnit != nil || content.address != nil || content.unstructuredAddress != nil
            {
                used.insert(.grd)
            }
            if content.motorVehicle != nil { used.insert(.dmv) }
            if content.kleData != nil { used.insert(.kle) }
            if content.formData != nil { used.insert(.form) }
            if content.education != nil { used.insert(.udd) }
        }
        return MeMoNamespace.allCases.filter(used.contains)
    }
}
