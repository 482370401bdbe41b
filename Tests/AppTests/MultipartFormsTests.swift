import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Uploads are parsed once: the CSRF check reads a multipart form's fields only up to its
/// `_csrf` field, and the route decodes the whole form (on the thread pool when it is large).
@Suite("Multipart forms")
struct MultipartFormsTests {
    static let boundary = MultipartForm.boundary

    static func body(_ parts: [(String, String)], tail: String = "--\(boundary)--\r\n") -> ByteBuffer {
        var text = ""
        for (name, value) in parts {
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        return ByteBuffer(string: text + tail)
    }

    @Test(
        "The _csrf field of a multipart body",
        arguments: [
            ([("_csrf", "abc"), ("about", "home")], "abc"),
            ([("about", "home"), ("_csrf", "abc")], "abc"),
            ([("_csrfx", "abc"), ("about", "home")], nil),
            ([("about", "home")], nil),
            ([("_csrf", "")], ""),
            ([("_csrf", String(repeating: "a", count: 1025))], nil),
            ([("_csrf", String(repeating: "a", count: 1024))], String(repeating: "a", count: 1024)),
            // The first of two.
            ([("_csrf", "first"), ("_csrf", "second")], "first"),
        ] as [([(String, String)], String?)]
    )
    func field(parts: [(String, String)], expected: String?) {
        #expect(MultipartForms.field("_csrf", of: Self.body(parts), boundary: Self.boundary) == expected)
    }

    @Test func theFieldIsReadWithoutParsingWhatFollowsIt() {
        // What comes after the field's part is never parsed: a broken rest (here, after 64 kB of
        // file) does not stop the token being read, and a broken beginning gives none.
        let file = String(repeating: "x", count: 64 * 1024)
        let broken = "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"photos[]\"\r\n\r\n\(file)--garbage"
        let body = Self.body([("_csrf", "abc"), ("about", "home")], tail: broken)
        #expect(MultipartForms.field("_csrf", of: body, boundary: Self.boundary) == "abc")
        #expect(MultipartForms.field("_csrf", of: ByteBuffer(string: "not multipart"), boundary: Self.boundary) == nil)
        #expect(MultipartForms.field("_csrf", of: Self.body([("_csrf", "abc")]), boundary: "other") == nil)
        #expect(MultipartForms.boundary(of: ["Content-Type": "multipart/form-data; boundary=b1"]) == "b1")
        #expect(MultipartForms.boundary(of: ["Content-Type": "application/x-www-form-urlencoded"]) == nil)
    }

    @Test func aMultipartBodyWithoutAUsableBoundaryIsRefusedNotParsed() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let session = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            // Vapor's multipart parser traps on an empty boundary: refused before any reads it,
            // with or without the CSRF header, signed in or not, on any route.
            for (boundary, withHeader) in [
                ("", true), ("", false), ("\"\"", true), (String(repeating: "b", count: 71), true),
            ] {
                var headers: HTTPHeaders = [
                    "Cookie": "\(SessionCookie.session)=\(session)",
                    // Whatever the letters' case.
                    "Content-Type":
                        "\(withHeader ? "Multipart/Form-Data" : "multipart/form-data"); boundary=\(boundary)",
                ]
                if withHeader { headers.add(name: "X-CSRF-Token", value: CSRFProtection.token(forSession: session)) }
                for path in [
                    SiteRoute.myFaultReport(tenancy.lease_id).path, SiteRoute.mySignCode.path,
                    SiteRoute.localLogin.path,
                ] {
                    try await app.testing().test(.POST, path, headers: headers, body: ByteBuffer(string: "--\r\n")) {
                        res async in
                        #expect(res.status == .badRequest, "\(path) \(boundary)")
                    }
                }
            }
            #expect(MultipartForms.boundary(of: ["Content-Type": "multipart/form-data; boundary="]) == nil)
        }
    }

    /// A photo over the size decoded on the loop: a JPEG whose scan is 400 kB.
    static let largePhoto: Data = {
        let jpeg = FaultReportTests.jpeg
        let scanEnd = jpeg.count - 2
        return jpeg.prefix(scanEnd) + Data(repeating: 0x12, count: 400 * 1024) + jpeg.suffix(2)
    }()

    @Test func aLargeUploadFromABrowserIsCheckedByItsFormFieldAndStoredOnce() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let session = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            let path = SiteRoute.myFaultReport(tenancy.lease_id).path
            let fields = [
                ("location", "bathroom"), ("description", "Håndvasken er utæt."), ("masterKey", "ja"),
                ("token", UUID().uuidString),
            ]
            // As a browser without JavaScript sends it: the token in the form, no header.
            func post(csrf: String, first: Bool) async throws -> HTTPStatus {
                let named = [("photos[]", "foto.jpg", Self.largePhoto)]
                let (type, form) = MultipartForm.body(first ? [("_csrf", csrf)] + fields : fields, namedFiles: named)
                var body = form
                if !first {
                    // The token after the photo: found all the same.
                    body = ByteBuffer(
                        data: Data(buffer: form).dropLast(Data("--\(Self.boundary)--\r\n".utf8).count)
                            + Data(
                                "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n--\(Self.boundary)--\r\n"
                                    .utf8
                            )
                    )
                }
                var headers: HTTPHeaders = ["Cookie": "\(SessionCookie.session)=\(session)"]
                headers.add(contentsOf: type)
                var status = HTTPStatus.internalServerError
                try await app.testing().test(.POST, path, headers: headers, body: body) { res async in
                    status = res.status
                }
                return status
            }
            #expect(try await post(csrf: "forged", first: true) == .forbidden)
            #expect(try await CaseFile.query(on: app.db).filter(\.$kind == .faultReport).count() == 0)
            let token = CSRFProtection.token(forSession: session)
            #expect(try await post(csrf: token, first: true) == .seeOther)
            #expect(try await post(csrf: token, first: false) == .seeOther)
            // One case (the form's token), with the whole photo.
            let caseFile = try #require(try await CaseFile.query(on: app.db).filter(\.$kind == .faultReport).first())
            #expect(try await CaseFile.query(on: app.db).filter(\.$kind == .faultReport).count() == 1)
            let photo = try #require(
                try await CaseAttachment.query(on: app.db).filter(\.$caseID == caseFile.requireID()).first()
            )
            #expect(photo.data.count > 400 * 1024)
        }
    }
}
