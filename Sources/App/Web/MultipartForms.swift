import Vapor

/// Multipart forms (the uploads: up to 82 MB of photos and recordings) are decoded once, off the
/// event loops (a first pass, which copies nothing, looks for a NUL in their text fields,
/// `withoutNUL`). The CSRF check reads only the form's first fields, until its `_csrf` field
/// (`field(_:of:boundary:)`); the route decodes the whole form on the thread pool
/// (`Request.decodeForm`), so a large upload never holds the other requests on its loop.
enum MultipartForms {
    /// Bodies up to this size are decoded where they are, on the loop: parsing them costs less
    /// than the hop to the pool and back.
    static let inlineBytes = 256 * 1024

    /// The longest field value `field` returns: a token, not a file.
    static let maxFieldBytes = 1024

    /// The boundary of a multipart body; nil for any other body, and for one without a usable
    /// boundary (empty or over RFC 2046's 70 characters; `isMultipart` tells those apart).
    static func boundary(of headers: HTTPHeaders) -> String? {
        guard isMultipart(headers), let boundary = headers.contentType?.parameters["boundary"],
            !boundary.isEmpty, boundary.count <= 70
        else { return nil }
        return boundary
    }

    /// Whatever the letters' case: Vapor keeps the header's as sent, and would still pick the
    /// multipart decoder for "Multipart/Form-Data".
    static func isMultipart(_ headers: HTTPHeaders) -> Bool {
        headers.contentType?.type.lowercased() == "multipart"
    }

    static func isFormData(_ headers: HTTPHeaders) -> Bool {
        isMultipart(headers) && headers.contentType?.subType.lowercased() == "form-data"
    }

    /// A multipart body without a usable boundary is refused before anything reads it: the
    /// multipart parser traps on an empty one (it would stop the process).
    static func refuseUnusable(_ headers: HTTPHeaders) throws {
        if isMultipart(headers), boundary(of: headers) == nil { throw Abort(.badRequest) }
    }

    /// The text of the form field `name`, read from the body's beginning and no further than the
    /// end of that field's part (a form puts `_csrf` first, before its files); nil when the body
    /// has no such field, when it is longer than `maxFieldBytes`, or when the body is not a
    /// well-formed multipart body.
    static func field(_ name: String, of body: ByteBuffer, boundary: String) -> String? {
        final class Scan {
            var headers = HTTPHeaders()
            /// Whether the part being read is the field: decided at its first bytes.
            var matches: Bool?
            var value = ByteBuffer()
            var tooLong = false
            var found: String?
        }
        let scan = Scan()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { field, value in scan.headers.add(name: field, value: value) }
        parser.onBody = { chunk in
            if scan.matches == nil {
                scan.matches = MultipartPart(headers: scan.headers, body: ByteBuffer()).name == name
            }
            guard scan.matches == true, !scan.tooLong else { return }
            if scan.value.readableBytes + chunk.readableBytes > maxFieldBytes {
                scan.tooLong = true
            } else {
                scan.value.writeBuffer(&chunk)
            }
        }
        parser.onPartComplete = {
            // An empty field has no body: its name is read here.
            let matches = scan.matches ?? (MultipartPart(headers: scan.headers, body: ByteBuffer()).name == name)
            if matches, !scan.tooLong, scan.found == nil { scan.found = String(buffer: scan.value) }
            scan.headers = HTTPHeaders()
            scan.matches = nil
            scan.value.clear()
            scan.tooLong = false
        }
        // In slices, so that the parse stops soon after the field.
        let slice = 16 * 1024
        var offset = 0
        while scan.found == nil, offset < body.readableBytes {
            let length = min(slice, body.readableBytes - offset)
            guard let part = body.getSlice(at: body.readerIndex + offset, length: length) else { return nil }
            do { try parser.execute(part) } catch { return nil }
            offset += length
        }
        return scan.found
    }
}

extension MultipartForms {
    /// The body with NUL characters taken out of its text fields (the parts without a file
    /// name), which no text holds and PostgreSQL refuses, as `FormBodyDecoder` does for a plain
    /// form; files keep their bytes. The same buffer when no text field has one, or when the
    /// body is not well-formed (the decoder then refuses it as before).
    static func withoutNUL(_ body: ByteBuffer, boundary: String) -> ByteBuffer {
        guard body.readableBytesView.contains(0), textFieldHasNUL(body, boundary: boundary) else { return body }
        var parts: [MultipartPart] = []
        var headers = HTTPHeaders()
        var content = ByteBuffer()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { field, value in headers.replaceOrAdd(name: field, value: value) }
        parser.onBody = { chunk in content.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append(MultipartPart(headers: headers, body: content))
            (headers, content) = (HTTPHeaders(), ByteBuffer())
        }
        do { try parser.execute(body) } catch { return body }
        var changed = false
        for index in parts.indices where parts[index].filename == nil && parts[index].body.readableBytesView.contains(0)
        {
            parts[index].body = ByteBuffer(bytes: parts[index].body.readableBytesView.filter { $0 != 0 })
            changed = true
        }
        guard changed else { return body }
        var cleaned = ByteBuffer()
        cleaned.reserveCapacity(body.readableBytes)
        do { try MultipartSerializer().serialize(parts: parts, boundary: boundary, into: &cleaned) } catch {
            return body
        }
        return cleaned
    }
}

extension MultipartForms {
    /// Whether a text field (a part without a file name) of the body has a zero byte: read
    /// without copying a part, so a form with photos (whose bytes hold zeros) is parsed a second
    /// time, to be written again, only when a text field has one.
    static func textFieldHasNUL(_ body: ByteBuffer, boundary: String) -> Bool {
        final class Scan {
            var headers = HTTPHeaders()
            var isText: Bool?
            var found = false
        }
        let scan = Scan()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { field, value in scan.headers.add(name: field, value: value) }
        parser.onBody = { chunk in
            if scan.isText == nil {
                scan.isText = MultipartPart(headers: scan.headers, body: ByteBuffer()).filename == nil
            }
            if scan.isText == true, chunk.readableBytesView.contains(0) { scan.found = true }
        }
        parser.onPartComplete = {
            scan.headers = HTTPHeaders()
            scan.isText = nil
        }
        do { try parser.execute(body) } catch { return false }
        return scan.found
    }
}

/// Decodes a multipart form without the NUL characters of its text fields
/// (`MultipartForms.withoutNUL`); registered for `multipart/form-data` in `configure`.
struct MultipartBodyDecoder: ContentDecoder {
    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        guard let boundary = MultipartForms.boundary(of: headers) else { throw Abort(.badRequest) }
        return try FormDataDecoder().decode(
            D.self,
            from: MultipartForms.withoutNUL(body, boundary: boundary),
            boundary: boundary
        )
    }
}

extension Request {
    /// The request's form decoded as `T`: a large multipart upload on the thread pool, anything
    /// else where it is.
    func decodeForm<T: Decodable & Sendable>(_ type: T.Type) async throws -> T {
        guard MultipartForms.isFormData(headers), let boundary = MultipartForms.boundary(of: headers),
            let body = body.data,
            body.readableBytes > MultipartForms.inlineBytes
        else { return try content.decode(T.self) }
        return try await application.threadPool.runIfActive {
            try FormDataDecoder().decode(
                T.self,
                from: MultipartForms.withoutNUL(body, boundary: boundary),
                boundary: boundary
            )
        }
    }
}
