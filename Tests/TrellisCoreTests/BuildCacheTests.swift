import Foundation
import Testing

@testable import TrellisCore

/// The build cache: a second `trellis build` process (a fresh `SiteBuilder`) starts from what the
/// first one kept in the output folder, and its site is byte for byte the one a full build makes.
@Suite("build cache")
struct BuildCacheTests {
    static let notes = [
        "Home.md": "---\ntitle: Home\n---\n# Home\n\nSee [[Caching]], [[Queues#Back pressure]] and ![[Snippet]].\n",
        "Caching.md":
            "---\ntags: [systems]\naliases: [Caches]\n---\n# Caching\n\nWrite-through and [[Queues]]. ^why\n\n## Eviction\n\nLRU.\n",
        "Queues.md": "# Queues\n\n## Back pressure\n\nSlow down. See [[Missing]].\n",
        "Snippet.md": "A small *snippet* to embed.\n",
        "Deep/Leaf.md": "# Leaf\n\nBack to [[Home]] and [[Caches]].\n",
    ]

    private func options(_ vault: TemporaryVault, output: URL? = nil, key: String? = "test-key") -> RunOptions {
        var options = RunOptions(vault: vault.root, output: output ?? vault.output, defaultTheme: Repository.theme)
        options.cacheKey = key
        // Each output folder has a cache of its own, as it has by default.
        options.cacheFolder = output.map { $0.appendingPathExtension("cache") } ?? vault.cache
        return options
    }

    /// A fresh builder each time, as a new `trellis build` process would be.
    private func build(_ vault: TemporaryVault, output: URL? = nil, key: String? = "test-key") throws -> BuildReport {
        try SiteBuilder(options: options(vault, output: output, key: key)).build()
    }

    /// Every file of a site but the cache, by path.
    private func files(_ site: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: site, includingPropertiesForKeys: nil)!
        let base = site.standardizedFileURL.path + "/"
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            let path = String(url.standardizedFileURL.path.dropFirst(base.count))
            if path == BuildCache.fileName || path == BuildCache.notesFileName { continue }
            result[path] = try Data(contentsOf: url)
        }
        return result
    }

    private func edit(_ vault: TemporaryVault, _ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: vault.root.appendingPathComponent(path))
    }

    @Test("a second build reads the cache: nothing parsed, nothing rendered, nothing written")
    func unchangedVault() throws {
        let vault = try TemporaryVault(Self.notes)
        defer { vault.remove() }
        let first = try build(vault)
        #expect(first.reparsed == 5)
        #expect(FileManager.default.fileExists(atPath: BuildCache.url(in: vault.cache).path))
        let second = try build(vault)
        #expect(second.reparsed == 0)
        #expect(second.rerendered == 0)
        #expect(second.written.created + second.written.updated + second.written.removed == 0)
        #expect(second.diagnostics == first.diagnostics)
    }

    /// The site in the vault's output folder is the one a full build without a cache makes.
    private func expectMatchesFullBuild(_ vault: TemporaryVault, _ report: BuildReport) throws {
        let fresh = vault.root.appendingPathExtension("fresh")
        defer { removeSite(fresh) }
        let full = try build(vault, output: fresh, key: nil)
        #expect(report.diagnostics == full.diagnostics)
        let built = try files(vault.output)
        let expected = try files(fresh)
        #expect(built.keys.sorted() == expected.keys.sorted())
        for (path, data) in expected where path != SiteWriter.manifestName {
            #expect(built[path] == data, "\(path) differs from a full build's")
        }
    }

    @Test(
        "a problem the scan finds that the last build's did not (a link out of the vault) is reported from the cache too"
    )
    func newScanProblem() throws {
        let vault = try TemporaryVault(Self.notes)
        defer { vault.remove() }
        _ = try build(vault)
        try FileManager.default.createSymbolicLink(
            at: vault.root.appendingPathComponent("out"), withDestinationURL: URL(fileURLWithPath: "/tmp"))
        let second = try build(vault)
        #expect(second.diagnostics.contains { $0.file == "out" })
        try expectMatchesFullBuild(vault, second)
    }

    @Test("an edit that repeats a dangling link, or drops a repeat, changes graph.json as a full build does")
    func repeatedDanglingLink() throws {
        let vault = try TemporaryVault(["Note.md": "[[Other]]\n"])
        defer { vault.remove() }
        _ = try build(vault)
        try edit(vault, "Note.md", "[[Other]]\n[[Other]]\n")
        try expectMatchesFullBuild(vault, try build(vault))
        try edit(vault, "Note.md", "[[Other]] x\n")
        try expectMatchesFullBuild(vault, try build(vault))
    }

    @Test("after one edit, only that note is parsed again and the site equals a full build's")
    func oneEdit() throws {
        let vault = try TemporaryVault(Self.notes)
        defer { vault.remove() }
        // Leaf is the oldest note; once edited it heads "recently changed".
        for (minute, path) in ["Deep/Leaf.md", "Caching.md", "Queues.md", "Snippet.md", "Home.md"].enumerated() {
            let date = Date(timeIntervalSince1970: 1_700_000_000 + Double(minute) * 60)
            try FileManager.default.setAttributes(
                [.modificationDate: date], ofItemAtPath: vault.root.appendingPathComponent(path).path)
        }
        _ = try build(vault)
        // Leaf's page changes, and the home page's "recently changed" list, which now starts with it.
        try edit(vault, "Deep/Leaf.md", "# Leaf\n\nBack to [[Home]] and [[Caches]], edited.\n")
        let edited = try build(vault)
        #expect(edited.reparsed == 1)
        #expect(edited.rerendered == 2)
        try expectMatchesFullBuild(vault, edited)
        // An embedded note: the page embedding it shows the new text.
        try edit(vault, "Snippet.md", "A changed snippet, embedded in Home.\n")
        let embedded = try build(vault)
        #expect(embedded.reparsed == 1)
        #expect(try vault.page("index.html").contains("A changed snippet"))
        try expectMatchesFullBuild(vault, embedded)
    }

    @Test("serve's way: edits with the search index deferred, then refreshed, give a full build's site")
    func deferredIndex() throws {
        let vault = try TemporaryVault(Self.notes)
        defer { vault.remove() }
        let builder = SiteBuilder(options: options(vault, key: nil))
        _ = try builder.build()
        // Two saves, each rebuilt at once with the index left behind, in two different notes.
        try edit(vault, "Queues.md", "# Queues\n\n## Back pressure\n\nSlow down with zeppelins. See [[Missing]].\n")
        _ = try builder.build(changed: [vault.root.appendingPathComponent("Queues.md").path], deferIndex: true)
        try edit(vault, "Snippet.md", "A snippet about marmalade.\n")
        let second = try builder.build(
            changed: [vault.root.appendingPathComponent("Snippet.md").path], deferIndex: true)
        #expect(second.reparsed == 1)
        #expect(try builder.refreshIndex() > 0)
        let index = try SearchIndex(site: vault.output)
        #expect(try index.search("zeppelins").map(\.id) == ["Queues.md"])
        #expect(try index.search("marmalade").map(\.id) == ["Snippet.md"])
        #expect(try index.search("small").isEmpty)  // the word Snippet.md no longer has
        try expectMatchesFullBuild(vault, second)
    }

    @Test("a structural edit (a new heading target, a renamed link) still matches a full build")
    func structuralEdit() throws {
        let vault = try TemporaryVault(Self.notes)
        defer { vault.remove() }
        _ = try build(vault)
        try edit(vault, "Queues.md", "# Queues\n\n## Front pressure\n\nNow [[Caching#Eviction]] too.\n")
        try edit(vault, "New.md", "# New\n\nLinks [[Queues]].\n")
        let incremental = try build(vault)
        #expect(incremental.reparsed == 2)
        #expect(incremental.diagnostics.contains { $0.code == .missingHeading && $0.file == "Home.md" })
        try expectMatchesFullBuild(vault, incremental)
    }

    @Test("a cache copied in part from the last one holds what changed since, such as a link that now resolves")
    func copiedRecords() throws {
        let vault = try TemporaryVault(Self.notes)
        defer { vault.remove() }
        _ = try build(vault)
        // Home is not edited when Later is added, but its link to Later now resolves: its record
        // must not be copied from the last cache, which has the link dangling. (Caching is only
        // touched: its record is written again with the new time.)
        try edit(vault, "Home.md", Self.notes["Home.md"]! + "\nAlso [[Later]].\n")
        _ = try build(vault)
        try edit(vault, "Later.md", "# Later\n\nWritten after.\n")
        let caching = vault.root.appendingPathComponent("Caching.md").path
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(120)], ofItemAtPath: caching)
        let added = try build(vault)
        #expect(!added.diagnostics.contains { $0.message.contains("Later") })
        // The next build starts from that cache: only the edited note is parsed again, and the
        // site is a full build's, Home's link to Later included.
        try edit(vault, "Snippet.md", "A snippet, edited once the cache was copied.\n")
        let next = try build(vault)
        #expect(next.reparsed == 1)
        #expect(try vault.page("index.html").contains("later.html"))
        try expectMatchesFullBuild(vault, next)
    }

    @Test("an edit appends its note's record to the notes file; once it is mostly old records, it is written afresh")
    func appendedRecords() throws {
        let vault = try TemporaryVault(Self.notes)
        defer { vault.remove() }
        _ = try build(vault)
        let notesFile = BuildCache.notesURL(in: vault.cache)
        func size() throws -> Int { try Data(contentsOf: notesFile).count }
        func generation() throws -> String {
            let cache = try #require(BuildCache.load(from: vault.cache, key: "test-key", jobs: 1))
            return try #require(cache.source).generation
        }
        let (firstSize, firstGeneration) = (try size(), try generation())
        try edit(vault, "Queues.md", "# Queues\n\n## Back pressure\n\nSlow down, politely. See [[Missing]].\n")
        _ = try build(vault)
        // Appended: the same file, longer by about one record, not written again.
        #expect(try generation() == firstGeneration)
        #expect(try size() > firstSize && size() < firstSize * 3 / 2)
        // More edits: more of the file is old records. Without the slack a large vault gets, once
        // they outnumber the ones in use, the file is written afresh, as short as the first.
        for round in 0..<12 {
            try edit(
                vault, "Queues.md", "# Queues\n\n## Back pressure\n\nSlow down, round \(round). See [[Missing]].\n")
            _ = try build(vault)
        }
        #expect(try generation() == firstGeneration)
        #expect(try size() > firstSize * 2)
        let cache = try #require(BuildCache.load(from: vault.cache, key: "test-key", jobs: 1))
        try cache.write(to: vault.cache, key: "test-key", jobs: 1, reusing: cache.source, changed: [], slack: 0)
        #expect(try generation() != firstGeneration)
        #expect(try abs(size() - firstSize) < 200)
        // Either way the next build starts from it, and its site is a full build's.
        try edit(vault, "Snippet.md", "A snippet after the notes file was written afresh.\n")
        let next = try build(vault)
        #expect(next.reparsed == 1)
        try expectMatchesFullBuild(vault, next)
    }

    @Test("a damaged notes file, or one that does not go with the cache, is not used")
    func damagedNotesFile() throws {
        let vault = try TemporaryVault(Self.notes)
        defer { vault.remove() }
        _ = try build(vault)
        let notesFile = BuildCache.notesURL(in: vault.cache)
        let bytes = try Data(contentsOf: notesFile)
        try bytes.prefix(bytes.count - 40).write(to: notesFile)
        #expect(try build(vault).reparsed == 5)
        // Another build's notes file, of the same length: another generation.
        let other = try TemporaryVault(Self.notes)
        defer { other.remove() }
        _ = try build(other)
        try FileManager.default.removeItem(at: notesFile)
        try FileManager.default.copyItem(at: BuildCache.notesURL(in: other.cache), to: notesFile)
        #expect(try build(vault).reparsed == 5)
        #expect(try build(vault).reparsed == 0)
    }

    @Test("the same bytes with a new modification time are not parsed again")
    func touchedNote() throws {
        let vault = try TemporaryVault(Self.notes)
        defer { vault.remove() }
        _ = try build(vault)
        let url = vault.root.appendingPathComponent("Queues.md")
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: url.path)
        #expect(try build(vault).reparsed == 0)
    }

    /// An edit right after a build, within one step of the file system's clock and to the same
    /// size, leaves the file's stamp as it was; it is seen all the same, through the cache (a new
    /// `trellis build`) and in the builder `trellis serve` keeps.
    @Test(
        "an edit that keeps its file's size and time, just after a build, is seen by the next build",
        arguments: [false, true])
    func editKeepingStamp(sameBuilder: Bool) throws {
        let vault = try TemporaryVault(Self.notes)
        defer { vault.remove() }
        let builder = SiteBuilder(options: options(vault))
        _ = try builder.build()
        let path = vault.root.appendingPathComponent("Queues.md").path
        let stamp = FileStamp(atPath: path)
        try edit(vault, "Queues.md", "# Queues\n\n## Back pressure\n\nGo slower. See [[Missing]].\n")
        let time = timespec(tv_sec: Int(stamp.modified / 1_000_000_000), tv_nsec: Int(stamp.modified % 1_000_000_000))
        var times = [time, time]  // accessed and modified
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        #expect(FileStamp(atPath: path) == stamp)
        let second = try sameBuilder ? builder.build() : build(vault)
        #expect(second.reparsed == 1)
        #expect(try vault.page("queues.html").contains("Go slower."))
        try expectMatchesFullBuild(vault, second)
    }

    @Test("a cache from another binary, a damaged cache, or another config is not used")
    func untrustedCache() throws {
        let vault = try TemporaryVault(Self.notes)
        defer { vault.remove() }
        _ = try build(vault)
        #expect(try build(vault, key: "another-binary").reparsed == 5)

        let cache = BuildCache.url(in: vault.cache)
        var bytes = try Data(contentsOf: cache)
        bytes.removeLast(bytes.count / 3)
        try bytes.write(to: cache)
        let damaged = try build(vault, key: "another-binary")
        #expect(damaged.reparsed == 5)
        #expect(try vault.page("caching.html").contains("Write-through"))

        try edit(vault, "trellis.toml", "title = \"Renamed\"\n")
        let reconfigured = try build(vault, key: "another-binary")
        #expect(reconfigured.reparsed == 5)
        #expect(try vault.page("caching.html").contains("Renamed"))
    }

    @Test("the cache is kept outside the output folder, and holds no text of unpublished notes")
    func cacheOutsideTheSite() throws {
        var notes = Self.notes
        notes["Draft.md"] = "---\ndraft: true\n---\n# Plans\n\nSecret plans for [[Caching]].\n"
        let vault = try TemporaryVault(notes)
        defer { vault.remove() }
        // A cache an older Trellis left in the output folder is taken out of the site.
        try FileManager.default.createDirectory(at: vault.output, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: vault.output.appendingPathComponent(BuildCache.fileName))
        _ = try build(vault)
        let hidden = try FileManager.default.contentsOfDirectory(atPath: vault.output.path).filter { $0.hasPrefix(".") }
        #expect(hidden == [".trellis-manifest"])
        for url in [BuildCache.url(in: vault.cache), BuildCache.notesURL(in: vault.cache)] {
            let cache = try Data(contentsOf: url)
            #expect(cache.range(of: Data("Secret plans".utf8)) == nil, "a draft's text is in \(url.lastPathComponent)")
        }
        // The draft still counts for links: editing another note keeps its backlink and its heading.
        try edit(vault, "Deep/Leaf.md", "# Leaf\n\nSee [[Draft#Plans]] and [[Home]].\n")
        let edited = try build(vault)
        #expect(edited.reparsed == 1)
        #expect(!edited.diagnostics.contains { $0.code == .missingHeading })
        try expectMatchesFullBuild(vault, edited)
    }

    @Test("a page deleted from the output by hand is written again")
    func deletedPage() throws {
        let vault = try TemporaryVault(Self.notes)
        defer { vault.remove() }
        _ = try build(vault)
        let page = vault.output.appendingPathComponent("queues.html")
        try FileManager.default.removeItem(at: page)
        let again = try build(vault)
        #expect(again.reparsed == 0)
        #expect(FileManager.default.fileExists(atPath: page.path))
        try expectMatchesFullBuild(vault, again)
    }

    @Test("a build without the cache deletes a cache it would make stale")
    func noCacheRemovesIt() throws {
        let vault = try TemporaryVault(Self.notes)
        defer { vault.remove() }
        _ = try build(vault)
        try edit(vault, "Queues.md", "# Queues\n\nRewritten.\n")
        _ = try build(vault, key: nil)
        #expect(!FileManager.default.fileExists(atPath: BuildCache.url(in: vault.cache).path))
        #expect(!FileManager.default.fileExists(atPath: BuildCache.notesURL(in: vault.cache).path))
        #expect(try build(vault).reparsed == 5)
    }

    @Test("a note's == covers every stored property, so the round trip below cannot miss one")
    func equalityCoversEveryProperty() throws {
        let note = parse("# A\n")
        let stored = Mirror(reflecting: note).children.compactMap(\.label)
        #expect(stored == Note.comparedProperties)
        let box = try #require(Mirror(reflecting: note).children.first { $0.label == "parsed" }?.value)
        let inputs = Mirror(reflecting: box).children.compactMap(\.label).filter {
            !["title", "tags", "day", "references", "isPublished"].contains($0)
        }
        #expect(inputs == Note.comparedParsedInputs)
    }

    @Test("notes survive the binary form unchanged")
    func roundTrip() throws {
        var note = parse(
            "---\ntitle: T\naliases: [a, b]\ntags: [x]\ndate: 2026-01-02\nproperties: hide\nup: [[Top]]\nsee: [\"[[A|a]] or x\", https://x.org, 2026-01-03, {a: 1}]\n---\n# H\n\n[[A#B#C|l]] ![[img.png|30]] [m](x.md#y) #tag ^id\n\n| a |\n| - |\n| b |\n\n<b>x</b> [run](javascript:alert(1)) $\\frac{1}{$\n\n```mermaid\ngraph TD\n```\n",
            path: "Dir/Note é.md")
        note.modified = 1_700_000_000.5
        note.contentHash = 42
        var writer = BinaryWriter()
        writer.encode(note)
        var reader = BinaryReader(writer.bytes)
        let back: Note = try reader.decode()
        #expect(reader.isAtEnd)
        #expect(!note.markdown.omittedHTML.isEmpty && !note.markdown.unsafeURLs.isEmpty && note.fileSize > 0)
        #expect(note.markdown.features == [.math, .diagram] && !note.markdown.mathProblems.isEmpty)
        #expect(note.frontmatter.properties.count == 2 && note.frontmatter.propertyLinks.count == 2)
        #expect(note.frontmatter.propertyDisplay == .hide)
        #expect(back == note)
        #expect((back.modified, back.contentHash, back.fileSize) == (note.modified, note.contentHash, note.fileSize))
        for value in [0, 1, -1, 63, -64, 64, Int.max, Int.min] {
            var numbers = BinaryWriter()
            numbers.int(value)
            var numberReader = BinaryReader(numbers.bytes)
            #expect(try numberReader.int() == value)
        }
    }

    @Test("a decoded note's HTML and search text, left encoded, read back right and copy into a new cache unchanged")
    func storedText() throws {
        let note = parse(
            "# Caching\n\nCache *aside* & \"keys\" é.\n\n## Misses\n\n`get(key)` then fill.\n", path: "Caching.md")
        var writer = BinaryWriter()
        writer.encode(note)
        var reader = BinaryReader(writer.bytes)
        var back: Note = try reader.decode()
        // Encoding the decoded note copies the bytes it left encoded: the same record as the note's.
        var again = BinaryWriter()
        again.encode(back)
        #expect(again.bytes == writer.bytes)
        #expect(back.markdown.html.contains("<em>aside</em>"))
        #expect(back.markdown.html == note.markdown.html)
        #expect(back.markdown.sections.map(\.code) == note.markdown.sections.map(\.code))
        #expect(back.markdown.sections.map(\.text).joined(separator: " ").contains("Cache aside"))
        // Setting the text replaces what was left encoded.
        var markdown = back.markdown
        markdown.html = "<p>new</p>"
        markdown.sections[0].text = "new text"
        back.markdown = markdown
        var changed = BinaryWriter()
        changed.encode(back)
        var changedReader = BinaryReader(changed.bytes)
        let decodedChange: Note = try changedReader.decode()
        #expect(decodedChange.markdown.html == "<p>new</p>")
        #expect(decodedChange.markdown.sections[0].text == "new text")
        #expect(decodedChange.markdown.sections.dropFirst() == note.markdown.sections.dropFirst())
    }

    @Test("a search index state of several megabytes survives the binary form, whole or flushed in pieces")
    func searchStateRoundTrip() throws {
        var vault = SyntheticVault(seed: 3)
        let notes = vault.notes(3000).map { parse($0.text, path: $0.path) }
        let state = SearchIndexBuilder().state(
            notes: notes, siteMap: SiteMap(notes: notes.map(\.path), attachments: [], home: nil))
        var whole = BinaryWriter()
        whole.encode(state)
        #expect(whole.bytes.count > 2 << 20)
        var pieces: [UInt8] = []
        var tail = BinaryWriter()
        #expect(
            state.encode(
                into: &tail,
                flushing: {
                    pieces += $0; return true
                }))
        pieces += tail.bytes
        let samePieces = pieces == whole.bytes
        #expect(samePieces, "the pieces differ from the whole")
        var reader = BinaryReader(pieces)
        let back = try reader.decode(SearchIndexState.self)
        #expect(reader.isAtEnd)
        let same = back == state
        #expect(same, "the state read back differs")
    }
}
