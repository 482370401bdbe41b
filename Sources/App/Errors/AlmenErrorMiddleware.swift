import Leaf
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
            page: await PageChrome.make(for: request, title: problem.title(language)),
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
            self.error = RulesInputError(
                code: "csrf_failed",
                field: nil,
                message: Strings.english["csrfFailed"] ?? "",
                messageDa: Strings.danish["csrfFailed"] ?? ""
            )
        case let input as RulesInputError:
            status = .badRequest
            self.error = input
        case let refused as AccessRefused:
            status = .forbidden
            self.error = RulesInputError(
                code: "forbidden",
                field: nil,
                message: refused.message,
                messageDa: refused.messageDa
            )
        case let abort as any AbortError:
            status = abort.status
            self.error = Self.describe(abort.status)
        default:
            status = .internalServerError
            self.error = Self.describe(.internalServerError)
        }
    }

    func title(_ language: Language) -> String {
        switch (status.code, language) {
        case (403, .da): "Handlingen blev afvist"
        case (403, .en): "The action was refused"
        case (404, .da): "Siden findes ikke"
        case (404, .en): "Page not found"
        case (413, .da): "Filen er for stor"
        case (413, .en): "The file is too large"
        case (400..<500, .da): "Forespørgslen kan ikke bruges"
        case (400..<500, .en): "The request cannot be used"
        case (_, .da): "Der gik noget galt"
        case (_, .en): "Something went wrong"
        }
    }

    static func describe(_ status: HTTPResponseStatus) -> RulesInputError {
        switch status.code {
        case 401:
            RulesInputError(
                code: "unauthorized",
                field: nil,
                message: "Log in first.",
                messageDa: "Log ind først."
            )
        case 403:
            RulesInputError(
                code: "forbidden",
                field: nil,
                message: "You do not have access to this page. Ask an administrator if you need it.",
                messageDa: "Du har ikke adgang til denne side. Spørg en administrator, hvis du har brug for den."
            )
        case 404:
            RulesInputError(
                code: "not_found",
                field: nil,
                message: "There is nothing at this address.",
                messageDa: "Der er intet på denne adresse."
            )
        case 413:
            RulesInputError(
                code: "payload_too_large",
                field: nil,
                message: "The file or form is too large to be received. Nothing was saved.",
                messageDa: "Filen eller formularen er for stor til at blive modtaget. Intet er gemt."
            )
        case 400..<500:
            RulesInputError(
                code: "bad_request",
                field: nil,
                message: "The request could not be understood (\(status.code)).",
                messageDa: "Forespørgslen kunne ikke forstås (\(status.code))."
            )
        default:
            RulesInputError(
                code: "internal_error",
                field: nil,
                message: "Something went wrong on our side. Nothing was changed; please try again.",
                messageDa: "Der gik noget galt hos os. Intet er ændret; prøv igen."
            )
        }
    }
}

/// A signed-in person asked for something their role does not give, with the reason in words
/// they understand (403).
struct AccessRefused: Error {
    let messageDa: String
    let message: String
}
