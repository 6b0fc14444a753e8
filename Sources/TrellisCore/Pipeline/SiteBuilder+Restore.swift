import Foundation

extension SiteBuilder {
    /// The state a cached build left, as if this builder had made it: the parsed notes and their
    /// resolved links as stored, the indexes and navigation rebuilt from them. Nil when the config
    /// changed since (every link may resolve differently).
    /// `outputComplete`: whether every page the cache knows is still in the output.
    func restore(_ cache: BuildCache, _ config: Config, _ output: URL, _ theme: Theme, outputComplete complete: Bool)
        -> Snapshot?
    {
        guard cache.configFingerprint == config.fingerprint else { return nil }
        let vault = Vault(
            root: options.vault, notes: cache.notes.map(\.path), attachments: cache.attachments,
            diagnostics: cache.scanDiagnostics)
        let published = cache.notes.filter(\.isPublished)
        // Five independent pieces of work, taken by the cores in turn, longest first. A page
        // deleted from the output by hand must be written again (`complete`): render everything then.
        let parts = Parallel.map(RestoredPart.Kind.allCases, jobs: options.jobs) { kind -> RestoredPart in
            switch kind {
            case .graph: .graph(LinkGraph(notes: cache.notes, resolutions: cache.resolutions, jobs: 1))
            case .index:
                .index(
                    VaultIndex(
                        notes: cache.notes, attachments: cache.attachments, aliasesResolve: config.aliasesResolve,
                        jobs: 1))
            case .navigation: .navigation(SiteRenderer.Navigation(published: published))
            case .siteMap:
                .siteMap(
                    SiteMap(
                        notes: published.map(\.path),
                        attachments: SiteMap.publishedAttachments(
                            cache.notes, cache.resolutions, among: cache.attachments),
                        home: cache.home))
            case .table: .table(NoteTable(cache.notes))
            }
        }
        var graph: LinkGraph?, index: VaultIndex?, navigation: SiteRenderer.Navigation?, siteMap: SiteMap?
        var table: NoteTable?
        for part in parts {
            switch part {
            case .graph(let made): graph = made
            case .index(let made): index = made
            case .navigation(let made): navigation = made
            case .siteMap(let made): siteMap = made
            case .table(let made): table = made
            }
        }
        guard let graph, let index, let navigation, let siteMap, let table else { return nil }
        let resolved = ResolvedVault(
            vault: vault, config: config, notes: cache.notes, resolutions: cache.resolutions, graph: graph,
            home: cache.home, siteMap: siteMap, diagnostics: cache.diagnostics)
        // It renders again only the pages an edit shows on (a new renderer renders them all).
        let renderer = SiteRenderer(
            resolved: resolved, siteMap: siteMap, theme: theme, localGraphs: .onDemand, navigation: navigation,
            published: published.count == table.count ? table : nil, jobs: options.jobs)
        return Snapshot(
            resolved: resolved, stamps: cache.stamps, stampedAt: cache.stampedAt,
            attachmentStamps: cache.attachmentStamps,
            renderedWith: complete ? cache.themeFingerprint : nil, config: config, output: output, siteMap: siteMap,
            resolver: LinkResolver(index: index), theme: theme,
            notes: table,
            renderer: renderer, indexFiles: cache.indexFiles,
            indexIsStale: false, search: cache.search, searchLayout: cache.searchLayout, cacheSource: cache.source)
    }
}

/// A piece of the state a build restores from its cache.
private enum RestoredPart: Sendable {
    /// Longest to make first.
    enum Kind: CaseIterable { case index, graph, siteMap, navigation, table }

    case graph(LinkGraph)
    case index(VaultIndex)
    case navigation(SiteRenderer.Navigation)
    case siteMap(SiteMap)
    case table(NoteTable)
}
