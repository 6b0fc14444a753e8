import Foundation

/// Maps a request path to a file inside the site folder, and refuses everything else.
///
/// The path is percent-decoded once; a decoded `..` segment, a backslash, a NUL or an encoded `/`
/// is refused, so `/../etc/passwd`, `/%2e%2e/…`, `/..%2f…` and `/%5c..%5c…` never leave the site.
/// The final file is checked again after symbolic links are resolved. Dotfiles (the build's
/// `.trellis-manifest` and `.trellis-cache`, anything hidden) are not part of the site: 404.
public enum SiteRequestPath {
    public enum Outcome: Equatable, Sendable {
        /// A file inside the site.
        case file(String)
        /// A folder without a trailing slash: redirect to `path/` so relative links work (always a
        /// path on this server: it starts with exactly one `/`).
        case redirect(String)
        case notFound
        /// The path tried to leave the site, or is malformed.
        case forbidden
    }

    public static func resolve(_ rawPath: String, in root: String) -> Outcome {
        let path = rawPath.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        guard path.hasPrefix("/") || path.isEmpty else { return .forbidden }
        var segments: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            if raw.lowercased().contains("%2f") || raw.lowercased().contains("%5c") { return .forbidden }
            guard let decoded = String(raw).removingPercentEncoding else { return .forbidden }
            if decoded == ".." || decoded.contains("\\") || decoded.contains("\u{0}") || decoded.contains("/") {
                return .forbidden
            }
            if decoded == "." { continue }
            if decoded.hasPrefix(".") { return .notFound }
            segments.append(decoded)
        }
        let candidate = ([root] + segments).joined(separator: "/")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder) else { return .notFound }
        var file = candidate
        if isFolder.boolValue {
            // One leading `/`: `//host/` is a URL of another site to a browser (an open redirect).
            if !path.hasSuffix("/") && !segments.isEmpty { return .redirect("/" + path.drop { $0 == "/" } + "/") }
            file = candidate + "/index.html"
        }
        guard let real = realpath(file, nil) else { return .notFound }
        defer { free(real) }
        let resolved = String(cString: real)
        guard resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") else { return .forbidden }
        return .file(resolved)
    }
}
