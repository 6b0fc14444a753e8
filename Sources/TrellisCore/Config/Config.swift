import Foundation

/// `trellis.toml` in the vault root. Every key is optional; command-line flags override it.
public struct Config: Sendable, Equatable {
    public enum Ambiguity: String, Sendable { case warn, error }

    /// The site's name, in the header and page titles.
    public var title = "Notes"
    /// The public address of the site (`https://example.org/notes/`); enables sitemap.xml, the feed
    /// and canonical links. Pages still link to each other relatively.
    public var baseURL: String?
    /// The note shown as the home page (`index.html`), by name or path.
    public var home: String?
    /// A theme folder, relative to the vault, whose files override the default theme's.
    public var theme: String?
    /// The output folder, relative to the vault's parent folder... or absolute.
    public var output: String?
    /// Where the build cache is kept, relative to the vault (default: the user's cache directory;
    /// see `CacheLocation`).
    public var cacheDir: String?
    /// Glob patterns of vault paths to leave out (`*` matches across folders).
    public var ignore: [String] = []
    /// Keep raw HTML in notes. Off by default: raw HTML is omitted and `check` says where.
    public var unsafeHTML = false
    /// Whether frontmatter `aliases` resolve links.
    public var aliasesResolve = true
    /// How an ambiguous link is reported.
    public var ambiguous: Ambiguity = .warn
    /// Severity overrides per diagnostic code (`dangling-link = "warning"`), or "off".
    public var severities: [Diagnostic.Code: Diagnostic.Severity?] = [:]

    public init() {}

    public static let fileName = "trellis.toml"

    public struct ConfigError: Error, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "\(Config.fileName):\(line): error: \(message)" }
    }

    /// Reads `trellis.toml` from a vault folder; a vault without one gets the defaults.
    public static func load(vault: URL) throws -> Config {
        let url = vault.appendingPathComponent(fileName)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return Config() }
        return try parse(text)
    }
}
