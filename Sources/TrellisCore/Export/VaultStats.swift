/// A vault's health at a glance (`trellis stats`): how many notes, files and links it has, how many
/// links are broken or ambiguous, which notes nothing links to, and which are linked most.
public struct VaultStats: Sendable, Equatable {
    /// Every link, embed, Markdown link and image of every note, by outcome.
    public struct Links: Sendable, Equatable {
        public var total = 0
        /// To a note (and its heading or block, when named) or an attachment.
        public var resolved = 0
        /// To nothing: no such note, file, heading or block.
        public var dangling = 0
        /// Resolved, but several notes or files matched the name (counted in `resolved` too).
        public var ambiguous = 0
        /// Markdown links left as written: a `#fragment` of the same note that names no heading.
        public var external = 0
    }

    /// A note and how many notes link to it.
    public struct LinkedNote: Sendable, Equatable {
        public var path: String
        public var title: String
        public var backlinks: Int
    }

    /// The site's title, from `trellis.toml`.
    public var title = ""
    /// Every note, published or not.
    public var notes = 0
    /// Notes that become pages (not `draft: true`, not `publish: false`).
    public var publishedNotes = 0
    public var attachments = 0
    public var links = Links()
    /// Notes no other note links to, but for the home note, sorted by path.
    public var orphans: [String] = []
    /// The most linked-to notes, most first (ties by path).
    public var mostLinked: [LinkedNote] = []
    /// Distinct tags, from frontmatter and inline `#tags`, over every note.
    public var tags = 0
    public var errors = 0
    public var warnings = 0

    /// Computes the statistics of a resolved vault.
    /// - Parameter top: how many notes `mostLinked` lists.
    public init(_ resolved: ResolvedVault, top: Int = 10) {
        title = resolved.config.title
        notes = resolved.notes.count
        publishedNotes = resolved.publishedNotes.count
        attachments = resolved.vault.attachments.count
        links = Self.countLinks(resolved)
        orphans = resolved.graph.orphans(among: resolved.notes).filter { $0 != resolved.home }.map(\.string)
        let titles = Dictionary(resolved.notes.map { ($0.path, $0.title) }, uniquingKeysWith: { first, _ in first })
        mostLinked = resolved.graph.backlinkCounts
            .map { LinkedNote(path: $0.path.string, title: titles[$0.path] ?? $0.path.stem, backlinks: $0.count) }
            .sorted { ($1.backlinks, $0.path) < ($0.backlinks, $1.path) }
            .prefix(top).map { $0 }
        tags = Set(resolved.notes.flatMap(\.tags)).count
        errors = resolved.diagnostics.count(of: .error)
        warnings = resolved.diagnostics.count(of: .warning)
    }

    private static func countLinks(_ resolved: ResolvedVault) -> Links {
        var links = Links()
        for resolutions in resolved.resolutions.values {
            for resolution in resolutions {
                links.total += 1
                switch resolution {
                case .note, .missingAnchor, .attachment: links.resolved += 1
                case .dangling: links.dangling += 1
                case .external: links.external += 1
                }
            }
        }
        links.ambiguous = countAmbiguous(resolved)
        return links
    }

    /// Ambiguity is not kept in the resolutions, and its warning may be turned off in `[check]`, so
    /// the links are resolved once more and the `ambiguous-link` outcomes counted.
    private static func countAmbiguous(_ resolved: ResolvedVault) -> Int {
        let index = VaultIndex(
            notes: resolved.notes, attachments: resolved.vault.attachments,
            aliasesResolve: resolved.config.aliasesResolve)
        let resolver = LinkResolver(index: index)
        var count = 0
        for note in resolved.notes {
            for reference in note.references
            where resolver.resolve(reference, from: note.path).diagnostic?.code == .ambiguousLink {
                count += 1
            }
        }
        return count
    }
}
