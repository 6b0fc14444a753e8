import Foundation
import Testing

@testable import TrellisCore

@Suite("Building a site end to end")
struct BuildTests {
    private func build(_ fixture: String) throws -> (BuildReport, URL) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("trellis-site-\(UUID().uuidString)")
        let options = RunOptions(
            vault: Repository.fixtures.appendingPathComponent(fixture), output: output, defaultTheme: Repository.theme)
        return (try Pipeline.build(options), output)
    }

    private func read(_ site: URL, _ path: String) throws -> String {
        try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
    }

    @Test("the basic fixture: pages, links, embeds, backlinks, drafts, assets")
    func basic() throws {
        let (report, site) = try build("basic")
        defer { removeSite(site) }
        #expect(report.notes == 4)
        #expect(report.diagnostics.map(\.code) == [.danglingLink])
        let home = try read(site, "index.html")  // Home.md is the home page
        #expect(home.contains("<title>Fixture Home"))
        #expect(home.contains("<a class=\"internal\" href=\"queues.html\">Queues</a>"))
        #expect(home.contains("<a class=\"internal\" href=\"topics/leader-election.html\">the election note</a>"))
        #expect(home.contains("<span class=\"internal dangling\" title=\"Not found in the vault\">Nowhere</span>"))
        #expect(home.contains("<img class=\"embed\" src=\"media/diagram.svg\" alt=\"diagram.svg\" width=\"200\""))
        #expect(home.contains("<div class=\"transclusion\">"))
        #expect(home.contains("Slow down producers."))  // the embedded section
        let election = try read(site, "topics/leader-election.html")
        #expect(election.contains("href=\"../queues.html#%5Efifo\">queues</a>"))
        #expect(election.contains("<a class=\"internal\" href=\"../queues.html#back-pressure\">md link</a>"))
        #expect(election.contains("href=\"../_trellis/style.css\""))
        let queues = try read(site, "queues.html")
        #expect(queues.contains("<h1 id=\"queues\">Queues</h1>"))
        #expect(queues.contains("Backlinks"))
        #expect(queues.contains("Fixture Home"))
        #expect(queues.contains("id=\"^fifo\""))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("draft.html").path))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("media/diagram.svg").path))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("topics/index.html").path))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("_trellis/style.css").path))
        let graph =
            try JSONSerialization.jsonObject(with: Data(contentsOf: site.appendingPathComponent("graph.json")))
            as! [String: [[String: Any]]]
        let edges = Set(graph["edges"]!.map { "\($0["source"]!)->\($0["target"]!):\($0["kind"]!)" })
        #expect(edges.contains("Home.md->Queues.md:link"))
        #expect(edges.contains("Home.md->Queues.md:embed"))
        #expect(edges.contains("Queues.md->Home.md:link"))
        #expect(graph["dangling"]!.map { $0["target"] as! String } == ["Nowhere"])
        #expect(graph["nodes"]!.count == 3)
    }

    @Test("a second build rewrites nothing, and removes only files it wrote")
    func incrementalWrites() throws {
        let (_, site) = try build("basic")
        defer { removeSite(site) }
        try Data("mine".utf8).write(to: site.appendingPathComponent("keep-me.txt"))
        try Data("old".utf8).write(to: site.appendingPathComponent("stale.html"))
        let manifest = site.appendingPathComponent(SiteWriter.manifestName)
        let listed = try #require(ManifestFile.decode(Array(Data(contentsOf: manifest))))
        try Data(ManifestFile.encode(listed + ["stale.html"])).write(to: manifest)
        let options = RunOptions(
            vault: Repository.fixtures.appendingPathComponent("basic"), output: site, defaultTheme: Repository.theme)
        let second = try Pipeline.build(options)
        #expect(second.written.created == 0)
        #expect(second.written.updated == 0)
        #expect(second.written.unchanged > 10)
        #expect(second.written.removed == 1)
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("keep-me.txt").path))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("stale.html").path))
    }

    @Test(
        "dangerous output folders are refused",
        arguments: ["vault", "inside", "parent", "/"])
    func outputGuard(kind: String) throws {
        let vault = try TemporaryVault(["a.md": "x"])
        defer { vault.remove() }
        let output: URL =
            switch kind {
            case "vault": vault.root
            case "inside": vault.root.appendingPathComponent("site")
            case "parent": vault.root.deletingLastPathComponent()
            default: URL(fileURLWithPath: "/")
            }
        #expect(throws: OutputGuard.Refusal.self) {
            try Pipeline.build(RunOptions(vault: vault.root, output: output, defaultTheme: Repository.theme))
        }
        // a hidden folder inside the vault is allowed, but not one that would make a folder among
        // the notes on its way (`sub/.site`, `~/.site` where the vault has no `sub` or `~`)
        #expect(throws: Never.self) {
            try OutputGuard.check(output: vault.root.appendingPathComponent(".site"), vault: vault.root)
            try OutputGuard.check(output: vault.root.appendingPathComponent(".site/sub/x"), vault: vault.root)
        }
        for path in ["sub/.site", "~/.site"] {
            let refusal = #expect(throws: OutputGuard.Refusal.self) {
                try Pipeline.build(
                    RunOptions(
                        vault: vault.root, output: vault.root.appendingPathComponent(path),
                        defaultTheme: Repository.theme))
            }
            #expect(refusal?.description.contains("it would make the folder") == true)
            #expect(try FileManager.default.contentsOfDirectory(atPath: vault.root.path) == ["a.md"])
        }
    }

    @Test("bad notes are reported and the rest of the vault still builds")
    func badNotes() throws {
        let vault = try TemporaryVault([
            "Broken Front.md": "---\ntitle: [unclosed\ntags: a: b\n---\n# Still here\n\nBody text survives.\n",
            "sub/Fine.md": "# Fine\n\nA good note.\n",
        ])
        defer { vault.remove() }
        try Data([0x23, 0x20, 0xE9, 0xFF, 0x0A]).write(to: vault.root.appendingPathComponent("Encoding.md"))
        let report = try vault.build()
        #expect(
            report.diagnostics.filter { $0.severity == .error }.compactMap(\.file).sorted() == [
                "Broken Front.md", "Encoding.md",
            ])
        #expect(try vault.page("broken-front.html").contains("Body text survives."))
        #expect(try vault.page("sub/fine.html").contains("A good note."))
        #expect(try vault.page("encoding.html").contains("\u{FFFD}"))
    }

    @Test("a collision of output paths is reported and both notes get pages")
    func collisions() throws {
        let vault = try TemporaryVault(["Note.md": "# Upper\n", "note.md": "# lower\n"])
        defer { vault.remove() }
        let isCaseSensitive = try FileManager.default.contentsOfDirectory(atPath: vault.root.path).count == 2
        guard isCaseSensitive else { return }
        let report = try vault.build()
        #expect(report.diagnostics.contains { $0.code == .outputCollision })
        #expect(try vault.page("note.html").contains("Upper"))
        #expect(try vault.page("note-2.html").contains("lower"))
    }

    @Test("a tag's page takes the next free name beside a note at its path, and links follow it")
    func tagPageBesideNote() throws {
        let vault = try TemporaryVault([
            "tags/caching.md": "# The caching note\n", "Other.md": "---\ntags: [caching]\n---\nText.\n",
        ])
        defer { vault.remove() }
        _ = try vault.build()
        #expect(try vault.page("tags/caching.html").contains("The caching note"))
        let tagPage = try vault.page("tags/caching-2.html")
        #expect(tagPage.contains("other.html") && !tagPage.contains("The caching note"))
        #expect(try vault.page("other.html").contains("tags/caching-2.html"))
    }

    @Test("a folder lists its folders, then its notes, by name and title with case aside; the pager follows")
    func folderOrder() throws {
        let vault = try TemporaryVault([
            "Home.md": "# Home\n",
            "Topics/beta.md": "# beta\n",
            "Topics/Alpha.md": "# Alpha\n",
            "Topics/Gamma.md": "# Gamma\n",
            "Topics/Zeta/z.md": "# z\n",
            "Topics/eta/e.md": "# e\n",
        ])
        defer { vault.remove() }
        _ = try vault.build()
        let tree = try vault.page("_trellis/explorer.js")
        let names = tree.components(separatedBy: "\"name\":\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(names == ["Topics", "eta", "e", "Zeta", "z", "Alpha", "beta", "Gamma", "Home"])
        let middle = try vault.page("topics/beta.html")
        #expect(middle.contains("rel=\"prev\" href=\"alpha.html\""))
        #expect(middle.contains("rel=\"next\" href=\"gamma.html\""))
    }

    @Test("a home page made of the notes' tree does not also say it is empty")
    func generatedHome() throws {
        let vault = try TemporaryVault(["A.md": "# A\n", "Sub/B.md": "# B\n"])
        defer { vault.remove() }
        _ = try vault.build()
        let home = try vault.page("index.html")
        #expect(home.contains("class=\"all-notes\""))
        #expect(!home.contains("class=\"empty\""))
        let empty = try TemporaryVault(["Empty/.keep": ""])
        defer { empty.remove() }
        _ = try empty.build()
        #expect(try empty.page("index.html").contains("<p class=\"empty\">Nothing here yet.</p>"))
    }

    @Test("a nested tag's notes are on the page of each tag above it, once, as Obsidian's search finds them")
    func nestedTags() throws {
        let vault = try TemporaryVault([
            "A.md": "# A\n#inbox/to-read\n", "B.md": "# B\n#inbox/to-read/later #inbox\n", "C.md": "# C\n#other\n",
        ])
        defer { vault.remove() }
        _ = try vault.build()
        let inbox = try vault.page("tags/inbox.html")
        #expect(inbox.contains("2 notes tagged #inbox or a tag under it (#inbox/…)."))
        #expect(inbox.components(separatedBy: "href=\"../b.html\"").count == 2)
        #expect(try vault.page("tags/inbox-to-read.html").contains("2 notes tagged #inbox/to-read or a tag under it"))
        #expect(try vault.page("tags/inbox-to-read-later.html").contains("1 note tagged #inbox/to-read/later."))
        #expect(try vault.page("tags/other.html").contains("1 note tagged #other."))
        let index = try vault.page("tags/index.html")
        #expect(index.contains("#inbox</a> <span class=\"detail\">2</span>"))
    }

    @Test(
        "a tag with a `/` that names no level (`#/dns`, `#a//b`) is the tag without it, its mention linked to that page"
    )
    func emptyTagLevels() throws {
        let vault = try TemporaryVault(["A.md": "# A\nx #/dns y #net//tcp\n", "B.md": "---\ntags: [/dns/]\n---\n# B\n"])
        defer { vault.remove() }
        _ = try vault.build()
        let page = try vault.page("a.html")
        #expect(page.contains("<a class=\"tag\" href=\"tags/dns.html\">#/dns</a>"), "\(page)")
        #expect(page.contains("<a class=\"tag\" href=\"tags/net-tcp.html\">#net//tcp</a>"), "\(page)")
        #expect(try vault.page("tags/dns.html").contains("2 notes tagged #dns."))
        #expect(try vault.page("tags/net.html").contains("1 note tagged #net or a tag under it"))
    }

    /// What Obsidian shows, as recorded in the Obsidian app by obsidian-tasks' link test data:
    /// `wikilink > heading > sub-heading`, `wikilink > ^block`, and a heading of the same note alone.
    @Test("a wiki link without a label reads its target as Obsidian shows it, each `#` as ` > `")
    func defaultLabels() throws {
        let vault = try TemporaryVault([
            "Links.md":
                "# Links\n\n## Local\n\n[[Networking#How does DNS work]] [[Queues#^fifo]] [[Queues.MD]] [[#Local]] [[A#B#C]]"
                + " [[Café#Été]]\n",
            "Networking.md": "# Networking\n\n## How does DNS work\n\nLookups.\n",
            "Queues.md": "# Queues\n\nFirst in. ^fifo\n",
            "A.md": "# A\n\n## B\n\n### C\n\nDeep.\n",
            "Café.md": "# Café\n\n## Été\n\nWarm.\n",
        ])
        defer { vault.remove() }
        _ = try vault.build()
        let labels = try vault.page("links.html").components(separatedBy: "class=\"internal\"").dropFirst()
            .map { $0[$0.index(after: $0.firstIndex(of: ">")!)...].prefix { $0 != "<" } }
        #expect(
            labels == [
                "Networking &gt; How does DNS work", "Queues &gt; ^fifo", "Queues", "Local", "A &gt; B &gt; C",
                "Café &gt; Été",
            ])
    }

    /// Obsidian draws `[[Note|]]` with no text (Quartz issue #1982 asked Quartz to match it): the
    /// link is in the graph and the backlinks, invisible on the page.
    @Test("a wiki link with an empty label is a link with no text, and still an edge")
    func emptyLabel() throws {
        let vault = try TemporaryVault([
            "Links.md": "# Links\n\nsee [[Target|]] and [[Target#Part|]]\n", "Target.md": "# Target\n\n## Part\n\nx\n",
        ])
        defer { vault.remove() }
        _ = try vault.build()
        let page = try vault.page("links.html")
        #expect(page.contains("see <a class=\"internal\" href=\"target.html\"></a> and "))
        #expect(page.contains("<a class=\"internal\" href=\"target.html#part\"></a>"))
        #expect(try vault.page("target.html").contains("href=\"links.html\""))  // the backlink
    }
}

@Suite("Site-wide pages")
struct SiteWidePageTests {
    @Test("with base_url: sitemap.xml lists every page, feed.xml the latest notes, pages get canonical links")
    func feeds() throws {
        let vault = try TemporaryVault([
            "trellis.toml": "base_url = \"https://example.org/notes\"\ntitle = \"Mine\"\n",
            "Old.md": "---\ndate: 2020-01-01\n---\n# Old\n\nOld text.",
            "New.md": "---\ndate: 2026-11-01\n---\n# New & shiny\n\nNew text.",
        ])
        defer { vault.remove() }
        _ = try vault.build()
        let sitemap = try vault.page("sitemap.xml")
        #expect(sitemap.contains("<loc>https://example.org/notes/new.html</loc>"))
        #expect(!sitemap.contains("404.html"))
        let feed = try vault.page("feed.xml")
        #expect(feed.contains("<title>New &amp; shiny</title>"))
        #expect(feed.range(of: "new.html")!.lowerBound < feed.range(of: "old.html")!.lowerBound)
        #expect(
            try vault.page("new.html").contains("<link rel=\"canonical\" href=\"https://example.org/notes/new.html\">"))
        let home = try vault.page("index.html")
        #expect(home.contains("Recently changed"))
        #expect(home.range(of: ">New &amp; shiny</a>")!.lowerBound < home.range(of: ">Old</a>")!.lowerBound)
    }

    @Test("without base_url there is no sitemap or feed")
    func noFeeds() throws {
        let vault = try TemporaryVault(["A.md": "# A"])
        defer { vault.remove() }
        _ = try vault.build()
        #expect(!FileManager.default.fileExists(atPath: vault.output.appendingPathComponent("sitemap.xml").path))
        #expect(!FileManager.default.fileExists(atPath: vault.output.appendingPathComponent("feed.xml").path))
    }
}
