/// A vault after scan → parse → resolve: every note learnt, every link resolved. `check` stops
/// here; `build` renders it.
public struct ResolvedVault: Sendable {
    public let vault: Vault
    public let config: Config
    /// Every note, published or not, sorted by path.
    public let notes: [Note]
    /// For each note, the resolution of each of its references, in order.
    public let resolutions: [VaultPath: [Resolution]]
    public let graph: LinkGraph
    /// The note shown as the home page, if the vault has one.
    public let home: VaultPath?
    /// Every problem found so far, sorted by place.
    public let diagnostics: [Diagnostic]

    public var linkCount: Int { notes.reduce(0) { $0 + $1.markdown.references.count } }

    /// The notes that become pages, in the same order; kept, as every stage after this asks.
    public let publishedNotes: [Note]

    init(
        vault: Vault, config: Config, notes: [Note], resolutions: [VaultPath: [Resolution]], graph: LinkGraph,
        home: VaultPath?, diagnostics: [Diagnostic]
    ) {
        self.vault = vault
        self.config = config
        self.notes = notes
        self.resolutions = resolutions
        self.graph = graph
        self.home = home
        self.diagnostics = diagnostics
        publishedNotes = notes.allSatisfy(\.isPublished) ? notes : notes.filter(\.isPublished)
    }

    func replacingDiagnostics(_ diagnostics: [Diagnostic]) -> ResolvedVault {
        ResolvedVault(
            vault: vault, config: config, notes: notes, resolutions: resolutions, graph: graph, home: home,
            diagnostics: diagnostics)
    }
}
