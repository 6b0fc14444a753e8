import Dispatch
import Foundation

/// Builds the site, and builds it again after changes doing only the work they need: `trellis
/// serve` keeps one `SiteBuilder` alive, so a save re-parses only the notes whose files changed,
/// re-resolves only their links when no name, heading or alias changed, and re-renders only the
/// pages that show them. Anything structural (a note added, removed or renamed; a title, alias,
/// heading, tag or link target changed; the theme or config changed) rebuilds every page from
/// the notes already parsed. With `RunOptions.cacheKey`, what a build learnt is kept in a cache
/// folder outside the output (`BuildCache`, `CacheLocation`), so the next `trellis build`
/// process starts from it too.
public final class SiteBuilder: @unchecked Sendable {
    let options: RunOptions
    private var previous: Snapshot?
    private var deferIndex = false

    /// What the last build learnt, to compare the next one with.
    struct Snapshot {
        var resolved: ResolvedVault
        var stamps: [VaultPath: FileStamp]
        /// When those stamps were taken (`FileStamp.clock`).
        var stampedAt: Int64
        var attachmentStamps: [VaultPath: FileStamp]
        /// The fingerprint of the theme the pages in `output` were rendered with; nil when they
        /// cannot be trusted (a page is missing), so every page is rendered again.
        var renderedWith: String?
        var config: Config
        var output: URL
        var siteMap: SiteMap
        var resolver: LinkResolver
        var theme: Theme
        var notes: NoteTable
        var renderer: SiteRenderer
        /// The search index files of the last build, and whether they are behind the notes.
        var indexFiles: [String]
        var indexIsStale: Bool
        /// What the search index was made of, and the notes edited since (a deferred index).
        var search: SearchIndexState?
        var searchPending: Set<VaultPath> = []
        /// How the index files in `output` were made from `search`.
        var searchLayout: SearchIndexLayout?
        /// The cache file this state was restored from, and the notes whose record in it is out
        /// of date (parsed again, touched, or resolved differently since); none once the build
        /// that restored it has written a new cache.
        var cacheSource: CacheSource?
        var changedSinceCache: Set<VaultPath> = []
    }

    public init(options: RunOptions) {
        self.options = options
    }

    /// Builds the site. `changed`, the absolute paths a file watcher saw change, lets the build
    /// skip listing the vault and reloading the theme when only known notes were edited.
    ///
    /// With `deferIndex`, an edit that re-renders only a few pages leaves the search index as it
    /// was, so the page can reload at once; `refreshIndex()` then brings the index up to date.
    public func build(changed hint: Set<String>? = nil, deferIndex: Bool = false) throws -> BuildReport {
        var timings = StageTimings()
        self.deferIndex = deferIndex
        if let hint, let previous, let edited = knownNotes(hint, previous) {
            let vault = previous.resolved.vault
            var stamps = previous.stamps
            let stampedAt = FileStamp.clock()
            for path in edited { stamps[path] = FileStamp(atPath: vault.filePath(of: path)) }
            return try build(previous.config, previous.output, previous.theme, vault, (stamps, stampedAt), &timings)
        }
        let config = try Config.load(vault: options.vault)
        let output = Pipeline.outputFolder(options, config)
        try OutputGuard.check(
            output: output, vault: options.vault, themes: (try? Pipeline.themeFolders(options, config)) ?? [])
        // Whether every page of the last build is still in the output: a listing of each of its
        // folders, on another core while the theme loads and the vault is scanned on this one.
        let cacheFolder = CacheLocation.folder(options, config, output: output)
        if options.cacheKey != nil { try CacheLocation.check(cacheFolder, output: output, vault: options.vault) }
        let restoring = previous == nil && options.cacheKey != nil && BuildCache.exists(in: cacheFolder)
        let outputComplete = restoring ? Parallel.Pending(jobs: options.jobs) { SiteWriter.isComplete(output) } : nil
        let theme = try timings.measure(.render) { try Pipeline.theme(options, config) }
        let ignore = IgnoreRules(config)
        let vault = try timings.measure(.scan) {
            try VaultScanner(isIgnored: { ignore.skips($0) }, jobs: options.jobs).scan(options.vault)
        }
        let stampedAt = FileStamp.clock()
        let stamps = timings.measure(.scan) { FileStamp.of(vault.notes, in: vault, jobs: options.jobs) }
        if previous == nil, let key = options.cacheKey {
            previous = timings.measure(.parse) {
                BuildCache.load(from: cacheFolder, key: key, jobs: options.jobs).flatMap {
                    restore($0, config, output, theme, outputComplete: outputComplete?.wait() ?? false)
                }
            }
        }
        return try build(config, output, theme, vault, (stamps, stampedAt), &timings)
    }

    /// Brings a search index left behind by a deferred build up to date; returns how long it took.
    @discardableResult
    public func refreshIndex() throws -> Double {
        guard var snapshot = previous, snapshot.indexIsStale else { return 0 }
        let started = DispatchTime.now().uptimeNanoseconds
        let builder = SearchIndexBuilder(jobs: options.jobs, properties: snapshot.config.properties)
        let (state, update) = indexState(
            builder, snapshot.search, changed: snapshot.searchPending, snapshot.resolved.publishedNotes,
            snapshot.siteMap)
        let files = builder.files(from: state, update: update, last: snapshot.searchLayout)
        let writer = try SiteWriter(root: snapshot.output, jobs: options.jobs, force: options.force)
        for file in files.written { try writer.write(file.path, file.contents) }
        try writer.commit()
        snapshot.indexFiles = files.written.map(\.path) + files.kept
        snapshot.searchLayout = files.layout
        snapshot.indexIsStale = false
        snapshot.search = state
        snapshot.searchPending = []
        previous = snapshot
        return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    }

    /// The vault paths of `paths` when every one is a note the last build already had (an edit,
    /// not a new, deleted or renamed file, nor the config or the theme); nil otherwise.
    private func knownNotes(_ paths: Set<String>, _ previous: Snapshot) -> [VaultPath]? {
        let root = previous.resolved.vault.root.path + "/"
        let known = Set(previous.resolved.vault.notes)
        var notes: [VaultPath] = []
        for path in paths {
            guard path.hasPrefix(root), FileManager.default.fileExists(atPath: path) else { return nil }
            let note = VaultPath(String(path.dropFirst(root.count)))
            guard known.contains(note) else { return nil }
            notes.append(note)
        }
        return notes
    }

    /// `stamped`: the stamps of the vault's notes now, and when they were taken.
    private func build(
        _ config: Config, _ output: URL, _ theme: Theme, _ vault: Vault,
        _ stamped: (stamps: [VaultPath: FileStamp], at: Int64), _ timings: inout StageTimings
    ) throws -> BuildReport {
        let stamps = stamped.stamps
        // The site in `output` is about to change: a cache of it would lie until it is written
        // again. (A build that keeps no cache deletes it whole.)
        let cacheFolder = CacheLocation.folder(options, config, output: output)
        if options.cacheKey == nil {
            BuildCache.remove(from: cacheFolder)
        } else {
            BuildCache.invalidate(in: cacheFolder)
        }
        CacheLocation.removeLegacy(from: output)
        let reusable = previous.flatMap { $0.config == config && $0.output == output ? $0 : nil }
        let attachmentStamps = timings.measure(.scan) {
            FileStamp.of(vault.attachments, in: vault, jobs: options.jobs)
        }
        var old = reusable?.notes ?? NoteTable([])
        // Most notes keep their stamp: that is checked on every core; the others are read.
        let sameStamp = timings.measure(.parse) { [old] in
            IncrementalPlanner.keptUnread(
                vault.notes, before: reusable?.stamps, stampedAt: reusable?.stampedAt ?? 0, now: stamps,
                known: { old.contains($0) }, jobs: options.jobs)
        }
        let changed = timings.measure(.parse) {
            zip(vault.notes, sameStamp).compactMap { path, same -> VaultPath? in
                guard !same else { return nil }
                guard let was = old[path], let stamp = stamps[path] else { return path }
                // A new time but the same bytes (a checkout, a save without changes): not an edit.
                let bytes = NoteParser.readFile(atPath: vault.filePath(of: path))?.0
                guard IncrementalPlanner.touched(hash: bytes.map(ContentHash.of), was: was.contentHash) else {
                    return path
                }
                var touched = was
                touched.modified = stamp.seconds
                old.replace(with: touched)
                return nil
            }
        }
        let changedAttachments = Set(
            vault.attachments.filter { reusable?.attachmentStamps[$0] != attachmentStamps[$0] })
        let markdown = MarkdownOptions(unsafeHTML: config.unsafeHTML, render: true)
        let parsed = timings.measure(.parse) {
            var parsed: [VaultPath: Note] = [:]
            for start in stride(from: 0, to: changed.count, by: 1024) {
                let part = Array(changed[start..<min(changed.count, start + 1024)])
                for note in Pipeline.parseNotes(
                    Vault(root: vault.root, notes: part, attachments: []), markdown, jobs: options.jobs)
                {
                    parsed[note.path] = note
                }
                options.progress?(.parse, parsed.count, changed.count)
            }
            return parsed
        }
        let table = old.with(paths: vault.notes, replacing: parsed)
        let notes = table.all
        var changedSinceCache = reusable?.changedSinceCache ?? []
        if let reusable, reusable.cacheSource != nil {
            changedSinceCache.formUnion(parsed.keys)
            for (path, same) in zip(vault.notes, sameStamp) where !same && reusable.stamps[path] != stamps[path] {
                changedSinceCache.insert(path)
            }
        }

        var plan = RenderPlan.everything
        var resolver: LinkResolver?
        var recent: [Note]?
        let resolved: ResolvedVault = timings.measure(.resolve) {
            if let reusable, let quick = quickResolve(reusable, vault, notes, changed: parsed, config) {
                plan = quick.plan
                recent = quick.recent
                resolver = reusable.resolver
                return quick.resolved
            }
            let index = VaultIndex(
                notes: notes, attachments: vault.attachments, aliasesResolve: config.aliasesResolve, jobs: options.jobs)
            resolver = LinkResolver(index: index)
            let resolved = Pipeline.resolveLinks(
                vault, notes, config, resolver: resolver!, orphans: false, jobs: options.jobs)
            if let before = reusable?.resolved.resolutions, reusable?.cacheSource != nil {
                changedSinceCache.formUnion(vault.notes.filter { resolved.resolutions[$0] != before[$0] })
            }
            return resolved
        }.notingMissingKaTeX(options.katex)
        let sameTheme = reusable?.renderedWith == theme.fingerprint
        if !sameTheme { plan = .everything }

        let siteMap = resolved.siteMap
        var indexFiles = reusable?.indexFiles ?? []
        var indexIsStale = false
        var search = reusable?.search
        var searchLayout = reusable?.searchLayout
        var searchPending = (reusable?.searchPending ?? []).union(parsed.keys)
        // The search index is made from the notes, not the pages: on another thread, alongside
        // the render stage (the renderer's set-up included), so each fills the other's waits.
        // The next build's cache is then written there too, under a temporary name, while pages
        // are still rendered (it holds the notes and the index, nothing of the pages); it is
        // renamed into place once the site is.
        var indexing: Parallel.Pending<Indexed>?
        if deferIndex, plan.isNotes, reusable != nil {
            indexIsStale = true
        } else {
            let builder = SearchIndexBuilder(jobs: options.jobs, properties: config.properties)
            // The index files an edit leaves as they were are kept when the output is trusted (the
            // pages are: only some are rendered again). Then the notes indexed and their pages are
            // also those of the last state: an edit that changed a name, a page or publishing is
            // never a `.notes` plan, and only such builds leave the index behind (`deferIndex`).
            let trusted = plan.isNotes
            let (last, lastLayout, pending) = (search, searchLayout, searchPending)
            let key = options.cacheKey
            let caches = key != nil && CacheLocation.prepare(cacheFolder)
            let (jobs, source) = (options.jobs, reusable?.cacheSource)
            indexing = Parallel.Pending(jobs: options.jobs) { [self, changedSinceCache] in
                var clock = StageTimings()
                let (state, files) = clock.measure(.index) {
                    let (state, update) = indexState(
                        builder, last, changed: pending, resolved.publishedNotes, siteMap, sameNotes: trusted)
                    return (state, builder.files(from: state, update: update, last: trusted ? lastLayout : nil))
                }
                guard caches, let key else { return Indexed(state: state, files: files, seconds: clock, caching: nil) }
                let cache = BuildCache(
                    notes: resolved.notes, stamps: stamps, stampedAt: stamped.at, attachments: vault.attachments,
                    attachmentStamps: attachmentStamps, resolutions: resolved.resolutions,
                    diagnostics: resolved.diagnostics, scanDiagnostics: vault.diagnostics, home: resolved.home,
                    configFingerprint: config.fingerprint, themeFingerprint: theme.fingerprint,
                    indexFiles: files.written.map(\.path) + files.kept, search: state, searchLayout: files.layout)
                // On a thread of its own: a build that renders a few pages goes on to write the
                // index files and put the site in place meanwhile.
                let caching = Parallel.Pending(jobs: jobs) {
                    cache.writeTemporary(
                        to: cacheFolder, key: key, jobs: jobs, reusing: source, changed: changedSinceCache)
                }
                return Indexed(state: state, files: files, seconds: clock, caching: caching)
            }
            searchPending = []
        }
        let site = timings.measure(.render) {
            if case .notes(_, graphChanged: false, _) = plan, let reusable {  // `.notes` only with the same theme
                return reusable.renderer.updating(resolved, changed: Array(parsed.values), recent: recent)
            }
            return SiteRenderer(resolved: resolved, siteMap: siteMap, theme: theme, jobs: options.jobs)
        }
        let writer = try SiteWriter(root: output, jobs: options.jobs, force: options.force)
        var renderProgress: (@Sendable (Int, Int) -> Void)?
        if let report = options.progress { renderProgress = { done, total in report(.render, done, total) } }
        let pages: Int
        do {
            pages = try site.renderAndWrite(
                to: writer, plan: plan, jobs: options.jobs, timings: &timings, progress: renderProgress)
        } catch {
            // The cache may be half written on another thread: it is let finish, then removed.
            if indexing?.wait().caching?.wait() == true { BuildCache.remove(from: cacheFolder) }
            throw error
        }
        var indexWritten: [(path: String, contents: String)] = []
        var caching: Parallel.Pending<Bool>?
        if let indexing {
            let made = indexing.wait()
            timings.add(.index, seconds: made.seconds.seconds[.index] ?? 0)
            caching = made.caching
            search = made.state
            indexWritten = made.files.written
            made.files.kept.forEach(writer.retain)
            indexFiles = made.files.written.map(\.path) + made.files.kept
            searchLayout = made.files.layout
        } else {
            indexFiles.forEach(writer.retain)
        }
        let removed: Int
        do {
            try timings.measure(.write) {
                for file in indexWritten { try writer.write(file.path, file.contents) }
                if case .notes = plan {
                    // Same theme, same attachment names: copy only the attachments whose files changed.
                    try site.updateAssets(
                        in: writer, vault: resolved.vault, changed: changedAttachments, jobs: options.jobs)
                } else {
                    try site.copyAssets(to: writer, vault: resolved.vault, jobs: options.jobs)
                }
            }
            removed = try timings.measure(.write) { try writer.finish() }
        } catch {
            if caching?.wait() == true { BuildCache.remove(from: cacheFolder) }
            throw error
        }
        var snapshot = Snapshot(
            resolved: resolved, stamps: stamps, stampedAt: stamped.at, attachmentStamps: attachmentStamps,
            renderedWith: theme.fingerprint,
            config: config, output: output,
            siteMap: siteMap, resolver: resolver!, theme: theme,
            notes: table,
            renderer: site, indexFiles: indexFiles, indexIsStale: indexIsStale, search: search,
            searchPending: searchPending, searchLayout: searchLayout)
        timings.measure(.write) {
            // A cache that cannot be written (a full disk) only makes the next build a full one.
            if let caching, !(caching.wait() && BuildCache.commit(in: cacheFolder)) {
                BuildCache.remove(from: cacheFolder)
            }
        }
        // Once a new cache is written, the one loaded is let go; until then, it is kept.
        if caching == nil {
            snapshot.cacheSource = reusable?.cacheSource
            snapshot.changedSinceCache = changedSinceCache
        }
        previous = snapshot
        let unwritable = writer.unwritable(siteMap)
        return BuildReport(
            diagnostics: unwritable.isEmpty ? resolved.diagnostics : resolved.diagnostics + unwritable,
            notes: resolved.notes.count, pages: pages, attachments: resolved.vault.attachments.count,
            written: (writer.created, writer.updated, writer.unchanged, removed), timings: timings,
            seconds: timings.elapsed, output: output,
            reparsed: changed.count, rerendered: plan.count(of: pages))
    }

    /// What the thread beside the render stage made: the search index, with how long it took, and
    /// the next build's cache being written under its temporary name (true once written).
    private struct Indexed: Sendable {
        var state: SearchIndexState
        var files: SearchIndexFiles
        var seconds: StageTimings
        var caching: Parallel.Pending<Bool>?
    }

    /// The search index's state for these notes: the last one with the edited notes analysed
    /// again when the notes indexed are the same (with what that changed), else one made afresh.
    /// `sameNotes`: the notes and pages are those of `last` (see `SearchIndexBuilder.updating`).
    private func indexState(
        _ builder: SearchIndexBuilder, _ last: SearchIndexState?, changed: Set<VaultPath>, _ notes: [Note],
        _ siteMap: SiteMap, sameNotes: Bool = false
    ) -> (SearchIndexState, SearchIndexUpdate?) {
        if let last,
            let update = builder.updating(last, notes: notes, changed: changed, siteMap: siteMap, sameNotes: sameNotes)
        {
            return (update.state, update)
        }
        return (builder.state(notes: notes, siteMap: siteMap), nil)
    }
}
