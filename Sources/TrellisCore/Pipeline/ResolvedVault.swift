import Foundation

/// A vault after scan → parse → resolve: every note learnt, every link resolved. `check` stops
/// here; `build` renders it.
public struct ResolvedVault: Sendable {
    public let vault: Vault
    public let config: Config
    /// Every note, published or not, sorted by path.
    public let notes: [Note]
    /// For each note, the resolution of each of its references, in order.
    public let resolutions: [VaultPath: [Resolution]]
    /// The links between notes, made the first time something asks (`check` never does).
    public var graph: LinkGraph { lazyGraph.value }
    private let lazyGraph: LazyGraph
    /// The note shown as the home page, if the vault has one.
    public let home: VaultPath?
    /// Where each published note and attachment goes in the site. Part of resolving, so that
    /// `check` reports the same output-path collisions as `build`.
    public let siteMap: SiteMap
    /// Every problem found so far, sorted by place.
    public private(set) var diagnostics: [Diagnostic]

    public var linkCount: Int { notes.reduce(0) { $0 + $1.references.count } }

    /// The notes that become pages, in the same order; kept, as every stage after this asks.
    public let publishedNotes: [Note]

    init(
        vault: Vault, config: Config, notes: [Note], resolutions: [VaultPath: [Resolution]], graph: LinkGraph? = nil,
        home: VaultPath?, siteMap: SiteMap, diagnostics: [Diagnostic], jobs: Int? = nil
    ) {
        self.vault = vault
        self.config = config
        self.notes = notes
        self.resolutions = resolutions
        lazyGraph =
            graph.map(LazyGraph.init) ?? LazyGraph { LinkGraph(notes: notes, resolutions: resolutions, jobs: jobs) }
        self.home = home
        self.siteMap = siteMap
        self.diagnostics = diagnostics
        publishedNotes = notes.allSatisfy(\.isPublished) ? notes : notes.filter(\.isPublished)
    }

    func replacingDiagnostics(_ diagnostics: [Diagnostic]) -> ResolvedVault {
        var copy = self
        copy.diagnostics = diagnostics
        return copy
    }
}

/// The link graph, made once, on first use, by whichever thread asks first.
private final class LazyGraph: @unchecked Sendable {
    private let lock = NSLock()
    private var made: LinkGraph?
    private let make: (@Sendable () -> LinkGraph)?

    init(_ graph: LinkGraph) {
        made = graph
        make = nil
    }

    init(make: @escaping @Sendable () -> LinkGraph) {
        self.make = make
    }

    var value: LinkGraph {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let graph = make!()
        made = graph
        return graph
    }
}
