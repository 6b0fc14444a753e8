import Foundation

/// What a run is asked to do: the vault, where the site goes, and how.
public struct RunOptions: Sendable {
    public var vault: URL
    public var output: URL?
    public var theme: URL?
    /// The default theme, underneath `theme` and the config's theme.
    public var defaultTheme: URL?
    public var jobs: Int?
    public var orphans = false
    /// Replace files in the output folder that trellis did not write, instead of refusing to.
    public var force = false
    /// Keep what a build learnt (`BuildCache`) and start from it the next time, when it was
    /// written by a binary that gives the same key. Nil: no cache (and any there is removed).
    public var cacheKey: String?
    /// Where the cache is kept; nil: the config's `cache_dir`, else the user's cache directory
    /// (`CacheLocation`).
    public var cacheFolder: URL?
    /// Where KaTeX is, to typeset math (default: where Debian's libjs-katex installs it); nil
    /// when it is not installed, and math stays TeX source with a warning.
    public var katex: KaTeX? = KaTeX.installed
    /// Told how far a long stage has come: (stage, done, total). For a progress bar.
    public var progress: (@Sendable (StageTimings.Stage, Int, Int) -> Void)?

    public init(vault: URL, output: URL? = nil, theme: URL? = nil, defaultTheme: URL? = nil, jobs: Int? = nil) {
        self.vault = vault
        self.output = output
        self.theme = theme
        self.defaultTheme = defaultTheme
        self.jobs = jobs
    }
}

/// What a build did, for the summary line and `--timings`.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var notes: Int
    public var pages: Int
    public var attachments: Int
    public var written: (created: Int, updated: Int, unchanged: Int, removed: Int)
    public var timings: StageTimings
    /// How long the build took, start to end (more than its stages' sum: not all work is a stage).
    public var seconds: Double
    public var output: URL
    /// How many notes were parsed and how many pages rendered this time (fewer than all in an
    /// incremental build).
    public var reparsed = 0
    public var rerendered = 0
}

/// The pipeline, top to bottom: scan → parse → resolve → render → index → emit. Each stage takes
/// values and returns values; only the emit stage writes, through `SiteWriter`.
public enum Pipeline {
    /// scan → parse → resolve: everything `check` needs, nothing written.
    /// `render` renders each note's HTML too; the rest of what a note is parsed into is the same.
    public static func resolve(_ options: RunOptions, render: Bool, timings: inout StageTimings) throws
        -> ResolvedVault
    {
        let config = try Config.load(vault: options.vault)
        let ignore = IgnoreRules(config)
        let vault = try timings.measure(.scan) {
            try VaultScanner(isIgnored: { ignore.skips($0) }, jobs: options.jobs).scan(options.vault)
        }
        let markdown = MarkdownOptions(unsafeHTML: config.unsafeHTML, render: render)
        let notes = timings.measure(.parse) { parseNotes(vault, markdown, jobs: options.jobs) }
        return timings.measure(.resolve) {
            resolveLinks(vault, notes, config, orphans: options.orphans, jobs: options.jobs).notingMissingKaTeX(
                options.katex)
        }
    }

    /// The whole build: resolve, render every page, write the site.
    public static func build(_ options: RunOptions) throws -> BuildReport {
        try SiteBuilder(options: options).build()
    }

    /// The output folder: `--output`, else the config's `output` (relative to the vault), else `./public`.
    static func outputFolder(_ options: RunOptions, _ config: Config) -> URL {
        options.output ?? config.output.map { inVault($0, options.vault) } ?? URL(fileURLWithPath: "public")
    }

    /// A folder named in `trellis.toml`: relative to the vault, and inside it (`Config.checkPaths`).
    static func inVault(_ path: String, _ vault: URL) -> URL {
        vault.appendingPathComponent(path, isDirectory: true)
    }

    /// The theme, with KaTeX and the config's Mermaid script.
    static func theme(_ options: RunOptions, _ config: Config) throws -> Theme {
        let mermaid = config.mermaid.map { options.vault.appendingPathComponent($0) }
        return try Theme(
            folders: try themeFolders(options, config), scripts: ContentScripts(katex: options.katex, mermaid: mermaid))
    }

    static func themeFolders(_ options: RunOptions, _ config: Config) throws -> [URL] {
        var isFolder: ObjCBool = false
        if let explicit = options.theme,
            !(FileManager.default.fileExists(atPath: explicit.path, isDirectory: &isFolder) && isFolder.boolValue)
        {
            throw Theme.ThemeError(file: explicit.path, message: "no theme folder is there (--theme names a folder)")
        }
        var folders: [URL] = []
        if let base = options.defaultTheme { folders.append(base) }
        if let configured = config.theme { folders.append(inVault(configured, options.vault)) }
        if let explicit = options.theme, !folders.contains(explicit) { folders.append(explicit) }
        return folders
    }

    // MARK: Stages

    static func parseNotes(_ vault: Vault, _ options: MarkdownOptions, jobs: Int?) -> [Note] {
        Parallel.map(vault.notes, jobs: jobs) { path in
            guard let (bytes, stamp) = NoteParser.readFile(atPath: vault.filePath(of: path)) else {
                let code = errno
                let hint = code == EACCES || code == EPERM ? "; check its permissions" : ""
                let problem = Diagnostic(
                    file: path.string, severity: .error, code: .unreadable,
                    message: "cannot read the note: \(String(cString: strerror(code)))\(hint)")
                return Note(path: path, frontmatter: Frontmatter(), markdown: ParsedMarkdown(), diagnostics: [problem])
            }
            var note = NoteParser.parse(path: path, bytes: bytes, options: options)
            note.modified = stamp.seconds
            note.contentHash = ContentHash.of(bytes)
            return note
        }
    }

    static func resolveLinks(_ vault: Vault, _ notes: [Note], _ config: Config, orphans: Bool, jobs: Int?)
        -> ResolvedVault
    {
        let index = VaultIndex(
            notes: notes, attachments: vault.attachments, aliasesResolve: config.aliasesResolve, jobs: jobs)
        return resolveLinks(vault, notes, config, resolver: LinkResolver(index: index), orphans: orphans, jobs: jobs)
    }

    static func resolveLinks(
        _ vault: Vault, _ notes: [Note], _ config: Config, resolver: LinkResolver, orphans: Bool, jobs: Int?
    ) -> ResolvedVault {
        let outcomes = Parallel.map(notes, jobs: jobs) { note in
            note.references.map { resolver.resolve($0, from: note.path) }
        }
        let resolved = assemble(vault, notes, outcomes, config, resolver: resolver, orphans: orphans, jobs: jobs)
        // `check` prints the diagnostics next: the index and the outcomes are freed meanwhile.
        Parallel.letGo((resolver, outcomes), jobs: jobs)
        return resolved
    }

    /// Puts resolved notes together: resolutions, the graph, the home note, where each page goes,
    /// sorted diagnostics.
    static func assemble(
        _ vault: Vault, _ notes: [Note], _ outcomes: [[LinkResolver.Outcome]], _ config: Config,
        resolver: LinkResolver, orphans: Bool, jobs: Int? = nil
    ) -> ResolvedVault {
        var homeProblems: [Diagnostic] = []
        let home = findHome(config, notes: notes, resolver: resolver, diagnostics: &homeProblems)
        let attachments = SiteMap.publishedAttachments(
            notes, resolutions: { index, _ in outcomes[index].lazy.map(\.resolution) }, among: vault.attachments)
        // Where each page goes, on one core; the links' outcomes gathered on the other.
        let (siteMap, (resolutions, found)) = Parallel.both(jobs: jobs) {
            SiteMap(notes: notes.filter(\.isPublished).map(\.path), attachments: attachments, home: home)
        } _: {
            var resolutions: [VaultPath: [Resolution]] = [:]
            resolutions.reserveCapacity(notes.count)
            var diagnostics = vault.diagnostics
            for (note, noteOutcomes) in zip(notes, outcomes) {
                resolutions[note.path] = noteOutcomes.map(\.resolution)
                diagnostics += note.diagnostics
                diagnostics += noteOutcomes.compactMap(\.diagnostic)
            }
            diagnostics += EmbedBudget.diagnostics(notes, resolutions)
            diagnostics += EmbedCycles.diagnostics(notes, resolutions)
            return (resolutions, diagnostics)
        }
        var diagnostics = found + homeProblems + unreadable(attachments, in: vault)
        let graph = orphans ? LinkGraph(notes: notes, resolutions: resolutions, jobs: jobs) : nil
        if let graph {
            for path in graph.orphans(among: notes) where path != home {
                diagnostics.append(
                    Diagnostic(
                        file: path.string, severity: .info, code: .orphanNote,
                        message: "orphan note: no other note links to it"))
            }
        }
        diagnostics += siteMap.diagnostics
        return ResolvedVault(
            vault: vault, config: config, notes: notes, resolutions: resolutions, graph: graph, home: home,
            siteMap: siteMap, diagnostics: diagnostics.compactMap { config.adjust($0) }.sortedByPlace(), jobs: jobs)
    }

    /// An `unreadable` error for each attachment of the site that cannot be read (a note that
    /// cannot be is one when it is parsed): its page would lead nowhere.
    static func unreadable(_ attachments: [VaultPath], in vault: Vault) -> [Diagnostic] {
        attachments.compactMap { file in
            guard access(vault.filePath(of: file), R_OK) != 0 else { return nil }
            let code = errno
            let hint = code == EACCES || code == EPERM ? "; check its permissions" : ""
            return Diagnostic(
                file: file.string, severity: .error, code: .unreadable,
                message:
                    "cannot read the attachment, which a published note uses: \(String(cString: strerror(code)))\(hint)"
            )
        }
    }

    /// The configured `home` note, else a root note named `index`, `home` or `readme`.
    static func findHome(_ config: Config, notes: [Note], resolver: LinkResolver, diagnostics: inout [Diagnostic])
        -> VaultPath?
    {
        let published = notes.lazy.filter(\.isPublished)
        if let wanted = config.home {
            let reference = Reference(
                kind: .wikiLink, target: LinkTarget(parsing: wanted), written: wanted, label: nil, line: 0, column: 0)
            if let path = resolver.resolve(reference, from: VaultPath("")).resolution.notePath,
                published.contains(where: { $0.path == path })
            {
                return path
            }
            diagnostics.append(
                Diagnostic(
                    file: Config.fileName, severity: .error, code: .config,
                    message:
                        "home note `\(wanted)` is not a published note of the vault; the home page lists all notes instead"
                ))
            return nil
        }
        // The first top-level note of each name, found in one pass over the notes.
        let names = ["index", "home", "readme"]
        var first: [String: VaultPath] = [:]
        for note in published where note.path.depth == 0 {
            let name = note.path.stem.lowercased()
            if names.contains(name), first[name] == nil { first[name] = note.path }
        }
        return names.lazy.compactMap { first[$0] }.first
    }
}

extension Config {
    /// Applies `[check]` severities and `links.ambiguous`; nil when the code is turned off.
    func adjust(_ diagnostic: Diagnostic) -> Diagnostic? {
        var adjusted = diagnostic
        if diagnostic.code == .ambiguousLink && ambiguous == .error { adjusted.severity = .error }
        if let override = severities[diagnostic.code] {
            guard let severity = override else { return nil }
            adjusted.severity = severity
        }
        return adjusted
    }
}

/// `ignore` globs from the config; `*` matches across folders, and a pattern that names a folder
/// leaves out everything in it.
struct IgnoreRules: Sendable {
    let patterns: [String]
    /// The config's theme folder, when it lies inside the vault: its templates are not notes.
    let themeFolder: String?

    init(_ config: Config) {
        self.patterns = config.ignore
        let theme = config.theme.map { $0.split(separator: "/").filter { $0 != "." }.joined(separator: "/") }
        self.themeFolder = theme.flatMap { $0.isEmpty || $0.hasPrefix("/") || $0.hasPrefix("..") ? nil : $0 }
    }

    /// Whether the scan leaves `path` out: `trellis.toml`, the theme folder, or an `ignore` glob.
    func skips(_ path: String) -> Bool {
        if path == Config.fileName { return true }
        if let themeFolder, path == themeFolder || path.hasPrefix(themeFolder + "/") { return true }
        return matches(path)
    }

    func matches(_ path: String) -> Bool {
        guard !patterns.isEmpty else { return false }
        return patterns.contains { fnmatch($0, path, 0) == 0 || fnmatch($0 + "/*", path, 0) == 0 }
    }
}
