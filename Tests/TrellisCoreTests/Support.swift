import Foundation
import Testing

@testable import TrellisCore

/// Paths of the repository and of the shared test material beside it.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/Fixtures")
    static let theme = root.appendingPathComponent("Theme")
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
}

/// A vault in a temporary folder, made from a dictionary of relative paths to contents.
struct TemporaryVault {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("trellis-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// A sibling folder for the site, outside the vault.
    var output: URL { root.appendingPathExtension("site") }
    /// A sibling folder for the build cache, outside the vault and the site.
    var cache: URL { root.appendingPathExtension("cache") }

    func check(orphans: Bool = false) throws -> ResolvedVault {
        var options = RunOptions(vault: root)
        options.orphans = orphans
        var timings = StageTimings()
        return try Pipeline.resolve(options, render: false, timings: &timings)
    }

    func build() throws -> BuildReport {
        try Pipeline.build(RunOptions(vault: root, output: output, defaultTheme: Repository.theme))
    }

    /// A builder kept from one build to the next, as `trellis serve` keeps one.
    func builder() -> SiteBuilder {
        SiteBuilder(options: RunOptions(vault: root, output: output, defaultTheme: Repository.theme))
    }

    /// Writes `text` to the vault's file at `path`; its absolute path, as a file watcher tells it.
    @discardableResult
    func write(_ path: String, _ text: String) throws -> String {
        let url = root.appendingPathComponent(path)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Options for a build that keeps its cache beside the vault, where the next build finds it.
    func cachedOptions(key: String) -> RunOptions {
        var options = RunOptions(vault: root, output: output, defaultTheme: Repository.theme)
        options.cacheKey = key
        options.cacheFolder = cache
        return options
    }

    func page(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
        removeSite(output)
        try? FileManager.default.removeItem(at: cache)
    }
}

/// Deletes a site's output folder and the staging folder beside it.
func removeSite(_ output: URL) {
    try? FileManager.default.removeItem(at: output)
    try? FileManager.default.removeItem(atPath: StagingFolder.path(for: output.path))
}

/// Parses one note's Markdown through the whole note parser.
func parse(_ text: String, path: String = "Note.md", unsafeHTML: Bool = false) -> Note {
    NoteParser.parse(path: VaultPath(path), bytes: Array(text.utf8), options: MarkdownOptions(unsafeHTML: unsafeHTML))
}

/// A note's body HTML after resolution, with the note alone in its vault, as its page shows it.
func renderAlone(_ note: Note) -> String { render(note.path.string, among: [note]) }

/// The body HTML of the note at `path` as its page shows it, `notes` being the whole vault.
func render(_ path: String, among notes: [Note]) -> String {
    let siteMap = SiteMap(notes: notes.map(\.path), attachments: [], home: nil)
    let renderer = ReferenceRenderer(notes: NoteTable(notes), resolutions: resolveAll(notes), siteMap: siteMap)
    return renderer.render(VaultPath(path), on: siteMap.pages[VaultPath(path)]!)
}

/// Each note's links resolved against `notes`, as the pipeline resolves them.
func resolveAll(_ notes: [Note]) -> [VaultPath: [Resolution]] {
    let resolver = LinkResolver(index: VaultIndex(notes: notes, attachments: []))
    return Dictionary(
        uniqueKeysWithValues: notes.map { note in
            (note.path, note.references.map { resolver.resolve($0, from: note.path).resolution })
        })
}

/// One example of the CommonMark or GFM spec, as `shared/vaults/commonmark/*.json` lists them.
struct SpecExample: Decodable {
    var markdown: String
    var html: String
    var example: Int
    /// The GFM extension the example belongs to; nil for CommonMark's own.
    var `extension`: String?
}
