import CExpat
import Foundation

/// Runs expat over untrusted bytes and builds the element tree, enforcing `MeMoLimits` as it goes.
///
/// Expat calls back into C function pointers that cannot capture anything; this object is the
/// context they reach through `XML_SetUserData`, unretained because `build` holds it for as
/// long as the parser exists.
/// The first error wins: it stops the parser, and later callbacks (expat may deliver a few) do
/// nothing.
final class ExpatTreeBuilder {
    /// Bytes handed to expat per call. Between calls the deadline is checked; within a call expat
    /// cannot be interrupted, so the chunk bounds the time between checks. Larger chunks also keep
    /// expat 2.5's re-scanning of a token that spans chunks from growing quadratic too soon.
    static let chunkSize = 256 * 1024

    /// Separates namespace URI and local name in expat's names; U+0001 cannot occur in XML 1.0.
    static let separator = CChar(1)

    private struct Frame {
        var node: XMLNode
        var isContent: Bool
        var childCounts: [String: Int] = [:]
        var decoder: Base64Decoder?
    }

    private let parser: XML_Parser
    private let limits: MeMoLimits
    /// False: file contents are checked and counted, not kept (`MeMoParser.keepsFileContents`).
    private let keepsFileContents: Bool
    /// False: every byte goes through expat (for tests that compare both ways).
    private let skipsContent: Bool
    /// Where the start tag of the last `File/content` opened ended, in the bytes given to expat.
    private var contentOpenedAt: Int?
    /// The bytes of file content read here instead of by expat.
    private var skippedBytes = 0
    private let clock = ContinuousClock()
    private let deadline: ContinuousClock.Instant
    private var stack: [Frame] = []
    private var elementCount = 0
    private(set) var root: XMLNode?
    private(set) var error: MeMoParseError?

    private init(
        parser: XML_Parser,
        limits: MeMoLimits,
        keepsFileContents: Bool,
        skipsContent: Bool,
        deadline: ContinuousClock.Instant
    ) {
        self.parser = parser
        self.limits = limits
        self.keepsFileContents = keepsFileContents
        self.skipsContent = skipsContent
        self.deadline = deadline
    }

    /// Parses `data` into a tree whose root is `{MeMo}Message`, or throws the first problem met.
    static func build(
        _ data: Data,
        limits: MeMoLimits,
        keepsFileContents: Bool = true
    ) throws(MeMoParseError) -> XMLNode {
        try read(data, limits: limits, keepsFileContents: keepsFileContents).root
    }

    /// `build`, telling also how many bytes of file content were read past expat; with
    /// `skipsContent` false, expat reads every byte.
    ///
    /// A document found broken after content was read past expat is read again by expat alone,
    /// within the same time limit, and that reading's error is the one thrown: so an error, and
    /// where it is, never depends on the shortcut. Only broken documents pay for the second read.
    static func read(
        _ data: Data,
        limits: MeMoLimits,
        keepsFileContents: Bool = true,
        skipsContent: Bool = true
    ) throws(MeMoParseError) -> (root: XMLNode, skippedBytes: Int) {
        let deadline = ContinuousClock.now.advanced(by: limits.timeLimit)
        var attempt = attempt(
            data,
            limits: limits,
            keepsFileContents: keepsFileContents,
            skipsContent: skipsContent,
            deadline: deadline
        )
        if case .failed(_, afterSkipping: true) = attempt {
            attempt = self.attempt(
                data,
                limits: limits,
                keepsFileContents: keepsFileContents,
                skipsContent: false,
                deadline: deadline
            )
        }
        switch attempt {
        case .tree(let root, let skippedBytes): return (root, skippedBytes)
        case .failed(let error, _): throw error
        }
    }

    private enum Attempt {
        case tree(XMLNode, skippedBytes: Int)
        case failed(MeMoParseError, afterSkipping: Bool)
    }

    private static func attempt(
        _ data: Data,
        limits: MeMoLimits,
        keepsFileContents: Bool,
        skipsContent: Bool,
        deadline: ContinuousClock.Instant
    ) -> Attempt {
        // MeMo is UTF-8; any other encoding is an error rather than a silent conversion. Forcing
        // UTF-8 makes expat ignore a different `encoding` in the XML declaration, but expat still
        // switches to UTF-16 on a byte-order mark or on a first `<` with a zero byte beside it, so
        // those are refused first.
        let start = Array(data.prefix(2))
        if start == [0xFF, 0xFE] || start == [0xFE, 0xFF] || start.contains(0) {
            return .failed(.malformedXML(line: 1, column: 0, reason: "the document is not UTF-8"), afterSkipping: false)
        }
        guard let parser = XML_ParserCreateNS("UTF-8", separator) else {
            preconditionFailure("expat could not allocate a parser")
        }
        defer { XML_ParserFree(parser) }
        let builder = ExpatTreeBuilder(
            parser: parser,
            limits: limits,
            keepsFileContents: keepsFileContents,
            skipsContent: skipsContent,
            deadline: deadline
        )
        builder.install()
        builder.feed(data)
        guard let root = builder.root, builder.error == nil else {
            let error = builder.error ?? .malformedXML(line: 1, column: 0, reason: "no element found")
            return .failed(error, afterSkipping: builder.skippedBytes > 0)
        }
        return .tree(root, skippedBytes: builder.skippedBytes)
    }

    private func install() {
        XML_SetUserData(parser, Unmanaged.passUnretained(self).toOpaque())
        // Defence in depth: a DOCTYPE already stops the parse, so none of these should ever run.
        XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER)
        XML_SetStartDoctypeDeclHandler(parser) { userData, _, _, _, _ in
            ExpatTreeBuilder.from(userData).fail(.doctypeNotAllowed)
        }
        XML_SetEntityDeclHandler(parser) { userData, _, _, _, _, _, _, _, _ in
            ExpatTreeBuilder.from(userData).fail(.entityNotAllowed)
        }
        XML_SetExternalEntityRefHandler(parser) { _, _, _, _, _ in
            Int32(XML_STATUS_ERROR.rawValue)
        }
        XML_SetElementHandler(
            parser,
            { userData, name, attributes in
                guard let name else { return }
                ExpatTreeBuilder.from(userData).start(name, attributes)
            },
            { userData, _ in
                ExpatTreeBuilder.from(userData).end()
            }
        )
        XML_SetCharacterDataHandler(parser) { userData, text, length in
            guard let text, length > 0 else { return }
            ExpatTreeBuilder.from(userData).characters(text, Int(length))
        }
    }

    private static func from(_ userData: UnsafeMutableRawPointer?) -> ExpatTreeBuilder {
        Unmanaged<ExpatTreeBuilder>.fromOpaque(userData!).takeUnretainedValue()
    }

    /// Gives `data` to expat in chunks, except the runs of file content, which are read here.
    ///
    /// Almost all of a message is the base64 of its files, and expat looks at each of its bytes
    /// through the whole XML machinery, only to hand them over unchanged. So a chunk ends where a
    /// file's content seems to start: after a `content>` followed by base64. If expat then reports
    /// that it has just read the start tag of a `File/content` ending exactly there, the bytes
    /// that follow, as long as they are base64 characters and white space, go straight to the
    /// decoder and not to expat. Such bytes are character data wherever they stand in element
    /// content, so expat, which reads on from the first byte of another kind, sees a document
    /// that is well-formed exactly when the whole one is, and the tree is the same. (Which error a
    /// broken document gets could differ; `read` sees to that.)
    private func feed(_ data: Data) {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            var offset = 0
            var misses = 0
            while error == nil {
                guard clock.now < deadline else { return fail(.timeLimitExceeded) }
                var end = min(offset + Self.chunkSize, bytes.count)
                // Each chunk that ends inside a token costs expat a scan of that token again, so
                // after a few places that looked like file content but were not, stop looking.
                let content =
                    skipsContent && misses < Self.maxMisses
                    ? Self.likelyContent(in: bytes, from: offset, before: end) : nil
                if let content { end = content }
                let isFinal = end == bytes.count
                let status = XML_Parse(
                    parser,
                    bytes.baseAddress.map { UnsafeRawPointer($0 + offset).assumingMemoryBound(to: CChar.self) },
                    Int32(end - offset),
                    isFinal ? 1 : 0
                )
                guard status != XML_STATUS_ERROR else {
                    if error == nil { error = expatError() }
                    return
                }
                if isFinal { return }
                offset = end
                if content != nil {
                    let read = readContent(bytes, at: offset)
                    if read == 0 { misses += 1 }
                    offset += read
                }
            }
        }
    }

    /// Where a run of file content seems to start in `bytes[start..<end]`: just after a
    /// `content>` that is followed by at most 16 bytes of white space and then 64 characters of
    /// the base64 alphabet (no padding).
    private static func likelyContent(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, before end: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var position = start
        while position < end, let found = memchr(base + position, Int32(UInt8(ascii: ">")), end - position) {
            let after = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base + 1
            position = after
            guard after > contentTag.count, contentTag.elementsEqual(bytes[(after - contentTag.count)..<after]) else {
                continue
            }
            var first = after
            while first < bytes.count, first - after < 16, MeMoDate.isXMLSpace(bytes[first]) { first += 1 }
            if first + 2 * Base64.block <= bytes.count, Base64.isAlphabetBlock(base + first),
                Base64.isAlphabetBlock(base + first + Base64.block)
            {
                return after
            }
        }
        return nil
    }

    private static let contentTag = Array("content>".utf8)
    private static let maxMisses = 4

    /// Reads the run of base64 at `start` into the open file content, if expat has just read that
    /// content's start tag and nothing after it; returns how many bytes it read (0 otherwise).
    private func readContent(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let fedOffset = start - skippedBytes
        guard error == nil, contentOpenedAt == fedOffset, let top = stack.indices.last, stack[top].isContent else {
            return 0
        }
        var read = 0
        while start + read < bytes.count {
            guard clock.now < deadline else {
                fail(.timeLimitExceeded)
                break
            }
            let piece = UnsafeBufferPointer(
                rebasing: bytes[(start + read)..<min(start + read + Self.chunkSize, bytes.count)]
            )
            let count = stack[top].decoder!.feedRun(piece)
            read += count
            if stack[top].decoder!.failed {
                fail(.invalidValue(path: path(), reason: "the content is not valid base64"))
                break
            }
            if count < piece.count { break }
        }
        skippedBytes += read
        return read
    }

    /// Expat's own error, with entity problems given their own case: without a DTD, the only way
    /// to meet one is a reference to an undeclared entity such as `&xxe;`.
    private func expatError() -> MeMoParseError {
        let code = XML_GetErrorCode(parser)
        switch code {
        case XML_ERROR_UNDEFINED_ENTITY, XML_ERROR_RECURSIVE_ENTITY_REF, XML_ERROR_EXTERNAL_ENTITY_HANDLING,
            XML_ERROR_BINARY_ENTITY_REF, XML_ERROR_ATTRIBUTE_EXTERNAL_ENTITY_REF:
            return .entityNotAllowed
        default:
            let reason = XML_ErrorString(code).map { String(cString: $0) } ?? "unknown error"
            return .malformedXML(
                line: Int(XML_GetCurrentLineNumber(parser)),
                column: Int(XML_GetCurrentColumnNumber(parser)),
                reason: reason
            )
        }
    }

    private func fail(_ error: MeMoParseError) {
        guard self.error == nil else { return }
        self.error = error
        XML_StopParser(parser, 0)
    }

    /// The path of the open elements plus `component`, as in `MessageHeader.Sender.label`; the root
    /// `Message` is left out, as in NgDP's field names.
    private func path(appending component: String? = nil) -> String {
        var components = stack.dropFirst().map(\.node.pathComponent)
        if let component { components.append(component) }
        return components.isEmpty ? "Message" : components.joined(separator: ".")
    }

    private func start(_ rawName: UnsafePointer<CChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<CChar>?>?) {
        guard error == nil else { return }
        elementCount += 1
        guard elementCount <= limits.maxElements else { return fail(.tooManyElements(limit: limits.maxElements)) }
        guard stack.count < limits.maxDepth else { return fail(.tooDeep(limit: limits.maxDepth)) }
        guard clock.now < deadline else { return fail(.timeLimitExceeded) }

        let name = Self.expandedName(rawName)
        var component = name.display
        if let parentIndex = stack.indices.last {
            guard !stack[parentIndex].isContent else {
                return fail(.unexpectedElement(path: path(appending: component)))
            }
            if name.isRepeatable {
                let index = stack[parentIndex].childCounts[name.local, default: 0]
                stack[parentIndex].childCounts[name.local] = index + 1
                component += "[\(index)]"
            }
        } else if name != .memo("Message") {
            return fail(.wrongRoot)
        }

        var node = XMLNode(name: name, pathComponent: component)
        if let attributes, attributes[0] != nil {
            guard stack.isEmpty else {
                return fail(.invalidValue(path: path(appending: component), reason: "attributes are not allowed here"))
            }
            var index = 0
            while let attributeName = attributes[index], let value = attributes[index + 1] {
                node.attributes.append((Self.expandedName(attributeName), String(cString: value)))
                index += 2
            }
        }
        let isContent = name == .memo("content") && stack.last?.node.name == .memo("File")
        if isContent { contentOpenedAt = Int(XML_GetCurrentByteIndex(parser)) + Int(XML_GetCurrentByteCount(parser)) }
        stack.append(
            Frame(
                node: node,
                isContent: isContent,
                decoder: isContent ? Base64Decoder(counting: !keepsFileContents) : nil
            )
        )
    }

    private func end() {
        guard error == nil, var frame = stack.popLast() else { return }
        if frame.isContent {
            guard var decoder = frame.decoder, let bytes = decoder.finish() else {
                stack.append(frame)
                return fail(.invalidValue(path: path(), reason: "the content is not valid base64"))
            }
            frame.node.binary = bytes
            if decoder.counting { frame.node.skippedBinaryBytes = decoder.count }
        }
        if stack.isEmpty {
            root = frame.node
        } else {
            stack[stack.count - 1].node.children.append(frame.node)
        }
    }

    private func characters(_ text: UnsafePointer<CChar>, _ length: Int) {
        guard error == nil, !stack.isEmpty else { return }
        let top = stack.count - 1
        let bytes = UnsafeBufferPointer(
            start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self),
            count: length
        )
        if stack[top].isContent {
            stack[top].decoder!.feed(bytes)
            if stack[top].decoder!.failed {
                fail(.invalidValue(path: path(), reason: "the content is not valid base64"))
            }
            return
        }
        // White space after a child element is layout, not text: dropping it keeps an indented
        // element with many children from counting as one long text. (White space before the
        // first child still counts; 64 KiB of it is no layout.)
        if !stack[top].node.children.isEmpty, bytes.allSatisfy(MeMoDate.isXMLSpace) { return }
        guard stack[top].node.text.count + length <= limits.maxTextBytes else {
            return fail(.textTooLong(path: path(), limit: limits.maxTextBytes))
        }
        stack[top].node.text.append(contentsOf: bytes)
    }

    /// Splits expat's `URI<U+0001>local` (or bare `local`) and recognises MeMo's namespaces from the
    /// bytes, without making a `String` of a known URI.
    private static func expandedName(_ raw: UnsafePointer<CChar>) -> XMLName {
        let length = strlen(raw)
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: length)
        guard let separatorIndex = bytes.firstIndex(of: UInt8(bitPattern: separator)) else {
            return XMLName(namespace: .none, local: String(decoding: bytes, as: UTF8.self))
        }
        let uri = UnsafeBufferPointer(rebasing: bytes[..<separatorIndex])
        let local = String(decoding: UnsafeBufferPointer(rebasing: bytes[(separatorIndex + 1)...]), as: UTF8.self)
        for (namespace, known) in MeMoNamespace.uriBytes where known.elementsEqual(uri) {
            return XMLName(namespace, local)
        }
        return XMLName(namespace: .other(String(decoding: uri, as: UTF8.self)), local: local)
    }
}
