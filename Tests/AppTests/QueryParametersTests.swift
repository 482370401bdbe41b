import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// `req.queryValue` reads a parameter as Vapor's `req.query[String.self, at:]` does.
@Suite("Query parameters")
struct QueryParametersTests {
    @Test(arguments: [
        ("q=Engvej+12", "q"),
        ("q=Engvej%2012%2C%201.%20tv", "q"),
        ("q=%C3%86blevej", "q"),
        ("q=", "q"),
        ("q", "q"),
        ("a=1&a=2", "a"),
        ("a=1&a=%ZZ", "a"),
        ("a=%ZZ&a=1", "a"),
        ("q=a=b", "q"),
        ("status=closed&type=swap&frist=idag", "type"),
        ("foer=5b4e3f0c-64a5-4f5b-9a55-0c2f4e1a7b10", "foer"),
        ("obj[key]=1", "obj"),
        ("%71=x", "q"),
        ("&&q=x&&", "q"),
        ("", "q"),
        ("q=1", "other"),
    ])
    func aParameterReadsAsVaporReadsIt(_ query: String, _ name: String) async throws {
        let app = try await Application.make(.testing)
        let request = Request(
            application: app,
            method: .GET,
            url: URI(string: "/admin/sager?" + query),
            on: app.eventLoopGroup.next()
        )
        #expect(request.queryValue(name) == request.query[String.self, at: name])
        #expect(
            request.queryValue(name).flatMap(UUID.init(uuidString:)) == request.query[UUID.self, at: name]
        )
        #expect(request.queryValue(name).flatMap { Int($0) } == request.query[Int.self, at: name])
        try await app.asyncShutdown()
    }
}

extension QueryParametersTests {
    /// A form's body loses its NUL characters, encoded or raw, and nothing else; what is left
    /// never makes a new one (`%%0000`), and a `%` that starts no escape leaves the body to be
    /// refused as before.
    @Test(arguments: [
        ("note=Ringet+op%00+kl.+10", "note=Ringet+op+kl.+10", "Ringet op kl. 10" as String?),
        ("note=%00%00", "note=", ""),
        ("note=a\u{0}b", "note=ab", "ab"),
        ("note=100%2500", "note=100%2500", "100%00"),
        ("note=%20%01", "note=%20%01", " \u{1}"),
        ("note=%0", "note=%0", nil),
        ("note=%%0000", "note=%%0000", nil),
        ("note=a%0%000b", "note=a%0%000b", nil),
    ])
    func aFormLosesItsNulCharacters(body: String, kept: String, note: String?) {
        #expect(String(buffer: FormBodyDecoder.withoutNUL(ByteBuffer(string: body))) == kept)
        struct Form: Decodable { let note: String? }
        let headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
        let decoded = try? FormBodyDecoder().decode(Form.self, from: ByteBuffer(string: body), headers: headers)
        #expect(decoded?.note == note)
    }
}

extension QueryParametersTests {
    /// A multipart form's text fields lose their NUL characters; its files keep every byte, and a
    /// body without a NUL in a text field is decoded as it came.
    @Test(arguments: [
        ("Utæt\u{0} vask", [0, 1, 0] as [UInt8], "Utæt vask"),
        ("Utæt vask", [0xFF, 0xD8, 0], "Utæt vask"),
        ("\u{0}", [], ""),
    ])
    func aMultipartFormsTextLosesItsNulCharacters(text: String, file: [UInt8], expected: String) throws {
        struct Form: Decodable {
            let description: String
            let photos: [File]?
        }
        let files = file.isEmpty ? [] : [(name: "foto.jpg", data: Data(file))]
        let (headers, body) = MultipartForm.body([("description", text)], files: files, field: "photos[]")
        let form = try MultipartBodyDecoder().decode(Form.self, from: body, headers: headers)
        #expect(form.description == expected)
        #expect(form.photos?.map { Array($0.data.readableBytesView) } ?? [] == (file.isEmpty ? [] : [file]))
    }
}
