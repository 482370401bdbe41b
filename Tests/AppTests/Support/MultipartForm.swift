import Foundation
import Vapor
import VaporTesting

@testable import App

/// A form as a browser sends it with files (`multipart/form-data`), signed in, with the CSRF
/// token the test sessions use.
enum MultipartForm {
    static let boundary = "almen-test-boundary"

    /// The body: the text fields, then each file in the field `field`.
    static func body(
        _ fields: [(String, String)],
        files: [(name: String, data: Data)],
        field: String
    ) -> (
        HTTPHeaders, ByteBuffer
    ) {
        body(fields, namedFiles: files.map { (field, $0.name, $0.data) })
    }

    /// The body: the text fields, then each file in its own field.
    static func body(
        _ fields: [(String, String)],
        namedFiles files: [(field: String, name: String, data: Data)]
    ) -> (HTTPHeaders, ByteBuffer) {
        var body = Data()
        for (name, value) in fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    .utf8
            )
            body += file.data + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        return (["Content-Type": "multipart/form-data; boundary=\(boundary)"], ByteBuffer(data: body))
    }

    /// Posts the form as the session `token`; the status, the body and where it redirects.
    static func post(
        _ app: Application,
        _ path: String,
        _ fields: [(String, String)],
        files: [(name: String, data: Data)] = [],
        field: String,
        as token: String
    ) async throws -> (HTTPStatus, String, String?) {
        try await post(app, path, fields, namedFiles: files.map { (field, $0.name, $0.data) }, as: token)
    }

    /// Posts the form with files in fields of their own, as the session `token`.
    static func post(
        _ app: Application,
        _ path: String,
        _ fields: [(String, String)],
        namedFiles files: [(field: String, name: String, data: Data)],
        as token: String
    ) async throws -> (HTTPStatus, String, String?) {
        var headers: HTTPHeaders = [
            "Cookie": "\(SessionCookie.session)=\(token)", "X-CSRF-Token": CSRFProtection.token(forSession: token),
        ]
        let (type, body) = body(fields, namedFiles: files)
        headers.add(contentsOf: type)
        var answer: (HTTPStatus, String, String?) = (.internalServerError, "", nil)
        try await app.testing().test(.POST, path, headers: headers, body: body) { res async throws in
            answer = (res.status, res.body.string, res.headers.first(name: .location))
        }
        return answer
    }
}
