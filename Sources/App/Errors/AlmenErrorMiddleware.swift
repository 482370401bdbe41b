import Leaf
import PostgresNIO
import Vapor

/// Turns every error into a clear answer and never leaks internals: structured JSON under
/// `/api` and for NgDP's machine endpoints under `/digital-post`, a Danish (or English) page
/// elsewhere. Bad input is 400, never 500.
struct AlmenErrorMiddleware: AsyncMiddleware {
    /// Paths whose callers are programs: they get JSON errors.
    static func wantsJSON(_ path: String) -> Bool {
        path.hasPrefix("/api/") || path.hasPrefix("/digital-post/")
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await answer(request, next)
        // An error page for a signed-in person is as private as the page would have been.
        if request.principal != nil { response.headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        return response
    }

    private func answer(_ request: Request, _ next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch is LoginRequired {
            if Self.wantsJSON(request.url.path) {
                return try JSONResponse.make(Problem.describe(.unauthorized).body, status: .unauthorized)
            }
            // A page's filters come back too (a reminder's link to the inbox's late cases).
            let query = request.method == .GET ? request.url.query.map { "?" + $0 } ?? "" : ""
            let path = request.url.path + query
            return request.redirect(
                to: SiteRoute.login.path(query: [("tilbage", LoginController.safeReturnPath(path))])
            )
        } catch let required as ReauthenticationRequired {
            // The change is not made; after a fresh login the person comes back to the form.
            return request.redirect(
                to: SiteRoute.login.path(query: [
                    ("tilbage", LoginController.safeReturnPath(required.returnTo)), ("friskt", "1"),
                ])
            )
        } catch let failure as LoginFailure {
            return await loginPage(failure, request: request)
        } catch {
            let problem = Problem(error, request: request)
            if let refused = error as? PSQLError, Problem.unstorableText(refused) {
                // Bad input, answered 400, but worth seeing: a value of ours would be a bug.
                request.logger.warning(
                    "Text PostgreSQL cannot store was refused",
                    metadata: [
                        "sqlstate": "\(refused.serverInfo?[.sqlState] ?? "")", "path": "\(request.url.path)",
                    ]
                )
            }
            if problem.status.code >= 500 {
                request.logger.error(
                    "Request failed",
                    metadata: [
                        "error": "\(String(reflecting: type(of: error)))",
                        "detail":
                            "\(String(reflecting: type(of: error)).hasPrefix("LeafKit.") ? String(describing: error) : "-")",
                        "path": "\(request.url.path)",
                    ]
                )
            }
            if Self.wantsJSON(request.url.path) {
                return (try? JSONResponse.make(problem.error.body, status: problem.status))
                    ?? Response(status: problem.status)
            }
            return await page(problem, request: request)
        }
    }

    /// A refused login goes back to the login page with the reason (400, nothing half-done).
    private func loginPage(_ failure: LoginFailure, request: Request) async -> Response {
        let language = request.language
        let strings = Strings.table(language)
        let context = LoginController.ChooserContext(
            page: await PageChrome.make(for: request, title: strings["loginTitle"] ?? ""),
            residentHref: SiteRoute.loginStart(.resident).path,
            staffHref: SiteRoute.loginStart(.staff).path,
            localHref: SiteRoute.localLogin.path,
            error: failure.error.message(language)
        )
        do {
            let response = try await request.view.render("login", context).encodeResponse(for: request)
            response.status =
                switch failure.error {
                case .providerUnavailable: .serviceUnavailable
                case .tooManyStarts: .tooManyRequests
                default: .badRequest
                }
            return response
        } catch {
            return Response(status: .badRequest, body: .init(string: failure.error.message(language)))
        }
    }

    private func page(_ problem: Problem, request: Request) async -> Response {
        let language = request.language
        let context = ErrorPage(
            page: await PageChrome.make(for: request, title: problem.title(language), marksNavigation: false),
            heading: problem.title(language),
            message: problem.error.message(in: language)
        )
        do {
            let view = try await request.view.render("error", context)
            let response = try await view.encodeResponse(for: request)
            response.status = problem.status
            return response
        } catch {
            let response = Response(status: problem.status, body: .init(string: problem.error.message(in: language)))
            response.headers.contentType = .plainText
            return response
        }
    }
}

/// The view model of the error page.
struct ErrorPage: Encodable {
    let page: PageChrome
    let heading: String
    let message: String
}

/// What went wrong, as a status and a bilingual message.
struct Problem {
    let status: HTTPResponseStatus
    let error: RulesInputError

    init(_ error: any Error, request: Request) {
        switch error {
        case is CSRFFailure:
            status = .forbidden
            self.error = RulesInputError(code: "csrf_failed", field: nil, key: "csrfFailed")
        case let input as RulesInputError:
            status = .badRequest
            self.error = input
        case let refused as AccessRefused:
            status = .forbidden
            self.error = RulesInputError(code: "forbidden", field: nil, key: refused.key, refused.values)
        case let abort as any AbortError:
            status = abort.status
            self.error = Self.describe(abort.status)
        case let refused as PSQLError where Self.unstorableText(refused):
            // Text PostgreSQL cannot hold (a NUL character, `%00` in a form or a query) is bad
            // input: the statement failed and wrote nothing.
            status = .badRequest
            self.error = Self.describe(.badRequest)
        default:
            status = .internalServerError
            self.error = Self.describe(.internalServerError)
        }
    }

    func title(_ language: Language) -> String {
        let family: String =
            switch status.code {
            case 403, 404, 413: String(status.code)
            case 400..<500: "4xx"
            default: "5xx"
            }
        return Strings.table(language)["errorTitle_\(family)"] ?? ""
    }

    /// The words for a status (`errorMessage_` and `errorTitle_` in `Strings`) and the API's code.
    static let families: [(family: String, code: String)] = [
        ("401", "unauthorized"), ("403", "forbidden"), ("404", "not_found"), ("413", "payload_too_large"),
        ("4xx", "bad_request"), ("5xx", "internal_error"),
    ]

    /// PostgreSQL refused a text it cannot store in its encoding (`character_not_in_repertoire`,
    /// `untranslatable_character`): a NUL character.
    static func unstorableText(_ error: PSQLError) -> Bool {
        ["22021", "22P05"].contains(error.serverInfo?[.sqlState] ?? "")
    }

    static func describe(_ status: HTTPResponseStatus) -> RulesInputError {
        let (family, code): (String, String) =
            switch status.code {
            case 401: families[0]
            case 403: families[1]
            case 404: families[2]
            case 413: families[3]
            case 400..<500: families[4]
            default: families[5]
            }
        return RulesInputError(code: code, field: nil, key: "errorMessage_\(family)", ["status": String(status.code)])
    }
}

/// A signed-in person asked for something their role does not give, with the reason in words
/// they understand (403).
struct AccessRefused: Error {
    /// The words' key (`Strings`), with `{placeholders}` filled from `values`.
    let key: String
    var values: [String: String] = [:]
}
