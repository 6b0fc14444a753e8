import Foundation

/// The render stage: every page of the site from a resolved vault, a site map and a theme.
/// Pages are rendered in parallel, a chunk at a time, and handed to the `SiteWriter` as they are
/// done, so memory stays bounded however large the vault.
struct SiteRenderer {
    private(set) var resolved: ResolvedVault
    let siteMap: SiteMap
    let theme: Theme
    private(set) var notes: NoteTable
    /// The published notes' titles: a page's backlinks and a tag's page want only those, and a
    /// note looked up in `notes` is copied whole.
    let titles: [VaultPath: String]
    let tree: FolderTree
    private(set) var references: ReferenceRenderer
    /// Notes by tag, and each tag's page.
    let tagged: [String: [VaultPath]]
    let tagPages: [String: SitePath]
    /// The published notes changed last, newest first (`recent`).
    private(set) var recentNotes: [Note]
    let localGraph: LocalGraph
    /// The math and diagrams the site's pages show with a script (`ContentScripts`): what its
    /// files must include.
    private(set) var siteFeatures: ContentFeatures
    /// `siteFeatures` of the build this renderer was updated from, whose script files are in the
    /// output already; nil when not known.
    private(set) var copiedFeatures: ContentFeatures?

    /// The same site with some notes' contents changed but no title, tag, folder or link between
    /// notes changed: the navigation built from those is kept, only the notes are swapped.
    /// `recent`: `recent(resolved.notes)`, when the caller has it already.
    func updating(_ resolved: ResolvedVault, changed: [Note], recent: [Note]? = nil) -> SiteRenderer {
        var copy = self
        copy.resolved = resolved
        for note in changed { copy.notes.replace(with: note) }
        copy.recentNotes = recent ?? SiteRenderer.recent(resolved.notes)
        copy.copiedFeatures = siteFeatures
        copy.siteFeatures = SiteRenderer.features(of: resolved.publishedNotes, shownBy: theme.scripts)
        var references = ReferenceRenderer(notes: copy.notes, resolutions: resolved.resolutions, siteMap: siteMap)
        references.tagPages = tagPages
        copy.references = references
        return copy
    }

    /// What the pages find their way around by, made from the published notes alone: the folder
    /// tree, the notes by tag, the notes changed last. A nested tag's note is a note of each tag
    /// above it too (`#inbox/to-read` is under `#inbox`), as Obsidian's search and tag pane find it.
    struct Navigation: Sendable {
        let tree: FolderTree
        let tagged: [String: [VaultPath]]
        let recent: [Note]

        init(published: [Note]) {
            var tagged: [String: [VaultPath]] = [:]
            for note in published {
                var listed: Set<String> = []
                for tag in note.tags {
                    for name in Navigation.tagAndParents(tag) where listed.insert(name).inserted {
                        tagged[name, default: []].append(note.path)
                    }
                }
            }
            self.tagged = tagged
            tree = FolderTree(notes: published)
            recent = SiteRenderer.recent(published)
        }

        /// `a`, `a/b`, `a/b/c` for `a/b/c`.
        static func tagAndParents(_ tag: String) -> [String] {
            guard tag.utf8.contains(UInt8(ascii: "/")) else { return [tag] }  // (not Foundation's substring search)
            var names: [String] = []
            var name = ""
            for part in tag.split(separator: "/") {
                name += (name.isEmpty ? "" : "/") + part
                names.append(name)
            }
            return names
        }
    }

    /// `jobs`: at most this many threads (default: all cores). `localGraphs`: `.onDemand` for a
    /// renderer that will render only a few pages again (one restored from the build cache).
    /// `navigation` and `published`: made already from `resolved.publishedNotes` (else they are
    /// made here).
    init(
        resolved: ResolvedVault, siteMap: SiteMap, theme: Theme, localGraphs: LocalGraph.Mode = .prepared,
        navigation: Navigation? = nil, published table: NoteTable? = nil, jobs: Int? = nil
    ) {
        self.resolved = resolved
        self.siteMap = siteMap
        self.theme = theme
        let published = resolved.publishedNotes
        notes = table ?? NoteTable(published)
        // The local graph (each note's neighbours and JSON) is the largest part: made alongside.
        let graph = resolved.graph
        let titles = Dictionary(uniqueKeysWithValues: published.map { ($0.path, $0.title) })
        self.titles = titles
        let (localGraph, navigation) = Parallel.both(jobs: navigation == nil ? jobs : 1) {
            LocalGraph(graph: graph, siteMap: siteMap, titles: titles, mode: localGraphs, jobs: jobs)
        } _: {
            navigation ?? Navigation(published: published)
        }
        self.localGraph = localGraph
        tree = navigation.tree
        tagged = navigation.tagged
        recentNotes = navigation.recent
        let tagPages = siteMap.tagPages(tagged.keys)
        self.tagPages = tagPages
        var references = ReferenceRenderer(notes: notes, resolutions: resolved.resolutions, siteMap: siteMap)
        references.tagPages = tagPages
        self.references = references
        siteFeatures = SiteRenderer.features(of: published, shownBy: theme.scripts)
        copiedFeatures = nil
    }

    /// The published notes changed last (frontmatter `date`, else the file's time), newest first:
    /// as many as the home page and the feed show.
    static func recent(_ notes: [Note], count: Int = max(Feeds.entries, 10)) -> [Note] {
        typealias Key = (day: String, modified: Double, path: VaultPath, index: Int)
        func newer(_ a: Key, _ b: Key) -> Bool { (a.day, a.modified, b.path) > (b.day, b.modified, a.path) }
        // The newest `count`, kept in order while the notes go by: sorting all of them for a
        // handful took a tenth of a second-build's rendering.
        var newest: [Key] = []
        newest.reserveCapacity(count + 1)
        for index in notes.indices where notes[index].isPublished {
            let key = (
                day: notes[index].changedDay, modified: notes[index].modified, path: notes[index].path, index: index
            )
            if newest.count == count, let last = newest.last, !newer(key, last) { continue }
            newest.insert(key, at: newest.firstIndex { newer(key, $0) } ?? newest.count)
            if newest.count > count { newest.removeLast() }
        }
        return newest.map { notes[$0.index] }
    }

    enum Page: Sendable {
        case note(VaultPath)
        case folder(String)
        case allNotes
        case tagIndex
        case tag(String)
        case graph
        case notFound

        var isNote: Bool {
            if case .note = self { true } else { false }
        }
    }

    /// Every page the site has.
    var pages: [Page] {
        var pages = resolved.publishedNotes.map { Page.note($0.path) }
        let claimed = Set(siteMap.pages.values)
        if resolved.home == nil { pages.append(.allNotes) }
        for folder in tree.allFolders where !claimed.contains(siteMap.folderPage(folder.path)) {
            pages.append(.folder(folder.path))
        }
        pages += [.tagIndex, .graph, .notFound]
        pages += tagged.keys.sorted().map(Page.tag)
        return pages
    }

    func renderAndWrite(
        to writer: SiteWriter, plan: RenderPlan, jobs: Int?, timings: inout StageTimings,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> Int {
        let every = pages
        var all = every
        if case .notes = plan {
            all = every.filter { page in
                let wanted: Bool
                switch page {
                case .note(let path): wanted = plan.includes(path)
                case .allNotes: wanted = plan.rewritesLists
                default: wanted = false
                }
                if !wanted, let path = sitePath(of: page) { writer.retain(path.string) }
                return wanted
            }
        }
        // Listing pages first: a tag or folder with thousands of notes is one long page, and the
        // last page handed out keeps one core working while the other waits.
        all = all.filter { !$0.isNote } + all.filter(\.isNote)
        // A page is let go once written, so a chunk holds no pages: chunks are for the progress
        // bar, and to stop soon after a write fails.
        let chunkSize = 256
        // The explorer's and the graph's data come from the notes, not the pages: made and
        // written on another thread while the pages are rendered, not on one core at the end
        // (the graph is tens of megabytes in a large vault). Nil, or why a write failed.
        let graphFiles =
            plan.rewritesGraph
            ? Parallel.Pending(jobs: jobs) { [self] () -> String? in
                do {
                    try writer.write("_trellis/explorer.js", "window.TRELLIS_TREE = \(tree.json(siteMap: siteMap));\n")
                    let graph = GraphExport(resolved: resolved, siteMap: siteMap).json()
                    // The same JSON twice, written as bytes without a third copy in memory.
                    try writer.write("graph.json", Array(graph.utf8))
                    var script = Array("window.TRELLIS_GRAPH = ".utf8)
                    script.reserveCapacity(script.count + graph.utf8.count + 2)
                    script += graph.utf8
                    script += ";\n".utf8
                    try writer.write("_trellis/graph.js", script)
                    return nil
                } catch {
                    return "\(error)"
                }
            } : nil
        // Each page is written as soon as it is rendered, on the same core. Rendering a chunk and
        // then writing it left both cores making files in one folder at once, which the kernel
        // takes in turn (the folder's lock): one of them often slept.
        let clock = SplitClock()
        for start in stride(from: 0, to: all.count, by: chunkSize) {
            let chunk = Array(all[start..<min(all.count, start + chunkSize)])
            let began = DispatchTime.now().uptimeNanoseconds
            let failures = Parallel.map(chunk, jobs: jobs) { page -> String? in
                let page = clock.measure(.render) { render(page) }
                do {
                    try clock.measure(.write) { try writer.write(page.path.string, page.bytes) }
                    return nil
                } catch {
                    return "\(error)"
                }
            }
            clock.split(DispatchTime.now().uptimeNanoseconds - began, into: &timings)
            if let failure = failures.compactMap({ $0 }).first {
                _ = graphFiles?.wait()  // nothing is left writing when the build stops
                throw SiteWriter.WriteError(description: failure)
            }
            progress?(min(all.count, start + chunkSize), all.count)
        }
        try timings.measure(.render) {
            if let graphFiles {
                if let failure = graphFiles.wait() { throw SiteWriter.WriteError(description: failure) }
            } else {
                for file in ["_trellis/explorer.js", "graph.json", "_trellis/graph.js"] { writer.retain(file) }
            }
            guard let base = resolved.config.baseURL else { return }
            if plan.rewritesGraph || plan.rewritesLists {
                let feeds = Feeds(baseURL: base, title: resolved.config.title)
                try writer.write(
                    "sitemap.xml", feeds.sitemap(every.compactMap(sitePath(of:)).filter { $0.string != "404.html" }))
                try writer.write(
                    "feed.xml",
                    feeds.atom(
                        recentNotes.prefix(Feeds.entries).compactMap { note in
                            siteMap.pages[note.path].map { (note, $0) }
                        }))
            } else {
                for file in ["sitemap.xml", "feed.xml"] { writer.retain(file) }
            }
        }
        return every.count
    }

    /// Where a page is written, without rendering it.
    func sitePath(of page: Page) -> SitePath? {
        switch page {
        case .note(let path): siteMap.pages[path]
        case .folder(let folder): siteMap.folderPage(folder)
        case .allNotes: SitePath("index.html")
        case .tagIndex: SitePath("tags/index.html")
        case .tag(let tag): tagPages[tag]
        case .graph: SitePath("graph.html")
        case .notFound: SitePath("404.html")
        }
    }

    /// Copies the theme's assets (and the scripts the site's math and diagrams need) to
    /// `_trellis/`, and the vault's attachments to their site paths.
    func copyAssets(to writer: SiteWriter, vault: Vault, jobs: Int?) throws {
        var copies = theme.assets.map { CopyJob(source: $0.value, target: "_trellis/" + $0.key) }
        copies += theme.scripts.files(for: siteFeatures).map { CopyJob(source: $0.value, target: "_trellis/" + $0.key) }
        for (path, site) in siteMap.files { copies.append(CopyJob(source: vault.url(of: path), target: site.string)) }
        try copy(copies, to: writer, jobs: jobs)
    }

    private func copy(_ copies: [CopyJob], to writer: SiteWriter, jobs: Int?) throws {
        let failures = Parallel.map(copies, jobs: jobs) { job -> String? in
            guard let bytes = NoteParser.readFile(job.source) else { return nil }  // vanished: skip
            do {
                try writer.write(job.target, bytes)
                return nil
            } catch {
                return "\(error)"
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw SiteWriter.WriteError(description: failure) }
    }

    /// Keeps the assets and the attachments an earlier build copied, without reading them, and
    /// copies again the attachments in `changed` (and the scripts for math or diagrams the
    /// site did not have before).
    func updateAssets(in writer: SiteWriter, vault: Vault, changed: Set<VaultPath>, jobs: Int?) throws {
        for name in theme.assets.keys { writer.retain("_trellis/" + name) }
        var copies: [CopyJob] = []
        let copied = copiedFeatures.map { theme.scripts.files(for: $0) } ?? [:]
        for (name, url) in theme.scripts.files(for: siteFeatures) {
            if copied[name] == url {
                writer.retain("_trellis/" + name)
            } else {
                copies.append(CopyJob(source: url, target: "_trellis/" + name))
            }
        }
        for (path, site) in siteMap.files {
            if changed.contains(path) {
                copies.append(CopyJob(source: vault.url(of: path), target: site.string))
            } else {
                writer.retain(site.string)
            }
        }
        try copy(copies, to: writer, jobs: jobs)
    }

    private struct CopyJob: Sendable {
        var source: URL
        var target: String
    }

    struct RenderedPage: Sendable {
        var path: SitePath
        var bytes: [UInt8]
    }

    func render(_ page: Page) -> RenderedPage {
        switch page {
        case .note(let path): return notePage(path)
        case .folder(let folder): return folderPage(folder)
        case .allNotes: return allNotesPage()
        case .tagIndex: return tagIndexPage()
        case .tag(let tag): return tagPage(tag)
        case .graph: return graphPage()
        case .notFound: return notFoundPage()
        }
    }
}
