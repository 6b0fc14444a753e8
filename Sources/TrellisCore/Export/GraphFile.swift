/// The link graph of a resolved vault as a file (`trellis graph`): `graph.json` exactly as a build
/// writes it, or a Graphviz digraph.
///
/// Both list the same things: published notes, the links and embeds between them, and the dangling
/// links of published notes (but for those pointing outside the vault).
public struct GraphFile: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        /// `graph.json`: `{"nodes":[…],"edges":[…],"dangling":[…]}`.
        case json
        /// Graphviz DOT, for `dot -Tsvg`.
        case dot
    }

    public let resolved: ResolvedVault
    /// Where each note's page is, for the `url`s.
    public let siteMap: SiteMap

    public init(resolved: ResolvedVault) {
        self.resolved = resolved
        siteMap = SiteMap(
            notes: resolved.publishedNotes.map(\.path), attachments: resolved.vault.attachments, home: resolved.home)
    }

    /// The graph in `format`, ending with a newline.
    public func render(_ format: Format) -> String {
        switch format {
        case .json: GraphExport(resolved: resolved, siteMap: siteMap).json()
        case .dot: GraphDot(resolved: resolved, siteMap: siteMap).render()
        }
    }
}
