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
    /// A theme folder inside the vault (relative to it), whose files override the default theme's.
    public var theme: String?
    /// The output folder, inside the vault (relative to it; a hidden folder, as `OutputGuard` wants).
    public var output: String?
    /// Where the build cache is kept, relative to the vault (default: the user's cache directory;
    /// see `CacheLocation`).
    public var cacheDir: String?
    /// A Mermaid script (`mermaid.min.js`, version 10 or later) inside the vault, relative to it:
    /// pages with a ```` ```mermaid ```` fence load it to draw the diagram. Without it, the theme's
    /// `assets/mermaid.min.js` is used if it has one; else diagrams show as their source.
    public var mermaid: String?
    /// Whether note pages show frontmatter properties under the title (a note's own
    /// `properties: show|hide` overrides it).
    public var properties: PropertyDisplay = .show
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

    /// A `trellis.toml` that cannot be read or used; `line` and `column` when the problem has a place.
    public struct ConfigError: Error, CustomStringConvertible {
        public var line: Int?
        public var column: Int?
        public var message: String

        public init(line: Int? = nil, column: Int? = nil, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }

        public var description: String {
            let place = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
            return "\(Config.fileName)\(place): error: \(message)"
        }
    }
}
