import Foundation

extension SiteBuilder {
    /// When only the contents of some notes changed — no note added or removed, and each changed
    /// note keeps its title, aliases, tags, headings, block ids and publishing — every other
    /// note's links resolve as before: resolve the changed notes' links alone.
    func quickResolve(
        _ previous: Snapshot, _ vault: Vault, _ notes: [Note], changed parsed: [VaultPath: Note], _ config: Config
    ) -> (resolved: ResolvedVault, plan: RenderPlan, recent: [Note])? {
        let before = previous.resolved
        // (The scan's own problems are part of the diagnostics kept below: new ones are a new resolve.)
        guard before.vault.notes == vault.notes, before.vault.attachments == vault.attachments,
            before.vault.diagnostics == vault.diagnostics
        else { return nil }
        let old = previous.notes
        let changed = Set(parsed.keys)
        guard IncrementalPlanner.keepsNames(parsed.values.map { (old[$0.path], $0) }) else { return nil }
        // Names, aliases, headings and block ids are as before: the last index still answers.
        let resolver = previous.resolver
        var resolutions = before.resolutions
        var fresh: [Diagnostic] = []
        var graphChanged = false
        for (path, note) in parsed {
            let outcomes = note.references.map { resolver.resolve($0, from: path) }
            resolutions[path] = outcomes.map(\.resolution)
            fresh += (note.diagnostics + outcomes.compactMap(\.diagnostic)).compactMap { config.adjust($0) }
            let edgesBefore = LinkGraph.edges(of: old[path]!, before.resolutions[path] ?? [])
            let edgesAfter = LinkGraph.edges(of: note, resolutions[path]!)
            if edgesBefore != edgesAfter { graphChanged = true }
        }
        // An edit that starts or stops using an attachment changes what the site holds: the site
        // map is made again, as for any change of names.
        let attachments = SiteMap.publishedAttachments(notes, resolutions, among: vault.attachments)
        guard attachments.count == before.siteMap.files.count,
            attachments.allSatisfy({ before.siteMap.files[$0] != nil })
        else { return nil }
        let graph = graphChanged ? LinkGraph(notes: notes, resolutions: resolutions, jobs: options.jobs) : before.graph
        // Unchanged notes keep their diagnostics from the last build, but for how much they embed
        // when they embed a changed note, directly or through other notes; the same notes,
        // published as before, keep the same site map and its collisions.
        var embedding = changed
        var unvisited = Array(changed)
        while let path = unvisited.popLast() {
            for page in graph.embedders(of: path) where embedding.insert(page).inserted { unvisited.append(page) }
        }
        let kept = before.diagnostics.filter { diagnostic in
            guard let file = diagnostic.file else { return true }
            let path = VaultPath(file)
            return !changed.contains(path) && !(diagnostic.code == .embedLimit && embedding.contains(path))
                && diagnostic.code != .embedCycle
        }
        let collisions = before.siteMap.diagnostics.filter { changed.contains(VaultPath($0.file ?? "")) }
        fresh += collisions.compactMap { config.adjust($0) }
        let published = { (path: VaultPath) in (parsed[path] ?? old[path]).flatMap { $0.isPublished ? $0 : nil } }
        fresh += EmbedBudget.diagnostics(
            on: embedding.sorted().compactMap(published), note: published, resolutions: { resolutions[$0] }
        ).compactMap { config.adjust($0) }
        // An edit may close or open a cycle through notes it did not touch: the cycles are found
        // again (a walk over the embeds alone).
        fresh += EmbedCycles.diagnostics(notes, resolutions).compactMap { config.adjust($0) }
        let resolved = ResolvedVault(
            vault: vault, config: config, notes: notes, resolutions: resolutions, graph: graph, home: before.home,
            siteMap: before.siteMap, diagnostics: (kept + fresh).sortedByPlace())
        var pages = IncrementalPlanner.pages(
            edited: changed, linksChanged: graphChanged, before: before.graph.neighbours(of:),
            after: graph.neighbours(of:), embedders: graph.embedders(of:))
        // An edit moves its note up "recently changed": the home page and the feed show that list.
        let recent = SiteRenderer.recent(notes)
        let listed = { (notes: [Note]) in notes.prefix(Feeds.entries).map { [$0.path.string, $0.title, $0.changedDay] }
        }
        let listsChanged = listed(previous.renderer.recentNotes) != listed(recent)
        if listsChanged, let home = before.home { pages.insert(home) }
        return (resolved, .notes(pages, graphChanged: graphChanged, listsChanged: listsChanged), recent)
    }
}
