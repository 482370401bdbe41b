import Foundation
import Vapor

/// Vapor's `FileMiddleware`, asked only for paths that can name a file of the public directory
/// (issue: Fast pages).
///
/// `FileMiddleware` looks up every request's path on disk, a page's too, and NIO's file system
/// does that on its thread pool: a page request waited for a `stat` on another thread before it
/// reached its route (2.4 % of a case page's app time, and two thread switches). The public
/// directory holds a few folders (`css/`, `js/`), read once at start; a path under none of them,
/// and without percent escapes (which `FileMiddleware` decodes), goes straight to the routes.
struct PublicFilesMiddleware: AsyncMiddleware {
    let files: FileMiddleware
    /// "/css/" for a folder, "/robots.txt" for a file at the top.
    let prefixes: [String]

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory)
        var prefixes: [String] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: publicDirectory)) ?? [] {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: publicDirectory + name, isDirectory: &isDirectory)
            prefixes.append(isDirectory.boolValue ? "/\(name)/" : "/\(name)")
        }
        self.prefixes = prefixes.sorted()
    }

    /// Whether `path` may name a public file, and `FileMiddleware` should look.
    func mayBeFile(_ path: String) -> Bool {
        path.contains("%") || prefixes.contains { path.hasPrefix($0) }
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard mayBeFile(request.url.path) else { return try await next.respond(to: request) }
        return try await files.respond(to: request, chainingTo: next)
    }
}
