import Foundation
import Testing

@testable import TrellisCore

@Suite("Slug rules")
struct SlugTests {
    @Test(
        "path components",
        arguments: [
            ("Leader Election", "leader-election"),
            ("Résumé Tips", "résumé-tips"),
            ("Google Systems Design - Code Deployment", "google-systems-design-code-deployment"),
            ("  spaced__out  ", "spaced-out"),
            ("Q&A: what? #1", "qa-what-1"),
            ("v1.2 notes", "v1.2-notes"),
            ("日本語のノート", "日本語のノート"),
            ("Cafe\u{301}", "café"),
            ("...", ""),
        ])
    func component(input: String, expected: String) {
        #expect(Slug.component(input) == expected)
    }

    @Test(
        "heading ids",
        arguments: [
            ("How does DNS work", "how-does-dns-work"),
            ("How does DNS work?", "how-does-dns-work"),
            ("FEATURE EXPECTATIONS - 5 min", "feature-expectations-5-min"),
            ("`code` and *emphasis*", "code-and-emphasis"),
            ("???", "section"),
        ])
    func heading(input: String, expected: String) {
        #expect(Slug.heading(input) == expected)
    }

    @Test("heading ids are unique within a page")
    func uniqueness() {
        var ids = HeadingIDs()
        #expect(
            ["Intro", "Intro", "Intro", "Intro-1", "Other"].map { ids.next(for: $0) } == [
                "intro", "intro-1", "intro-2", "intro-1-1", "other",
            ])
    }

    @Test("a heading never takes an id the theme, a footnote or an embed has on the page")
    func reservedIDs() {
        var ids = HeadingIDs()
        #expect(
            ["Content", "Content", "Search input", "Backlinks title", "fn 1", "fnref 2-3", "Embed 0 Sub", "Fn 1x"].map {
                ids.next(for: $0)
            } == [
                "content-1", "content-2", "search-input-1", "backlinks-title-1", "h-fn-1", "h-fnref-2-3",
                "h-embed-0-sub", "fn-1x",
            ])
        #expect(
            HeadingIDs.isGenerated("fn-12") && HeadingIDs.isGenerated("fnref-3-2")
                && HeadingIDs.isGenerated("embed-10-a"))
        #expect(
            !HeadingIDs.isGenerated("fn-") && !HeadingIDs.isGenerated("fnref-1-") && !HeadingIDs.isGenerated("embed-x"))
    }

    @Test("the ids a heading never takes are the ids the default theme's templates give")
    func themeIDsAreTheTemplates() throws {
        let folder = Repository.theme.appendingPathComponent("templates")
        var ids: Set<String> = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for match in text.ranges(of: " id=\"") {
                let id = text[match.upperBound...].prefix { $0 != "\"" }
                if !id.contains("{") { ids.insert(String(id)) }  // `{{…}}`: a value of the page, not the theme's
            }
        }
        #expect(ids == HeadingIDs.theme)
    }

    @Test(
        "on a page, [[T#Content]] leads to the heading, not to the theme's <main id=\"content\">; footnotes keep theirs"
    )
    func pageIDsAreUnique() throws {
        let vault = try TemporaryVault([
            "T.md": "## Content\n## fn 1\nText[^1]\n\n[^1]: note\n", "S.md": "[[T#Content]]\n",
        ])
        defer { vault.remove() }
        _ = try vault.build()
        let page = try vault.page("t.html")
        for id in ["content", "fn-1", "content-1", "h-fn-1"] {
            #expect(page.components(separatedBy: "id=\"\(id)\"").count - 1 == 1, "id \(id)")
        }
        #expect(try vault.page("s.html").contains("href=\"t.html#content-1\""))
    }

    @Test(
        "relative URLs between site paths",
        arguments: [
            ("index.html", "queues.html", nil, "queues.html"),
            ("topics/deeper/leader-election.html", "queues.html", "back-pressure", "../../queues.html#back-pressure"),
            ("topics/a.html", "topics/b.html", nil, "b.html"),
            ("a.html", "media/chart.png", nil, "media/chart.png"),
            ("x/a.html", "y/b.html", "^fifo", "../y/b.html#%5Efifo"),
            ("index.html", "résumé-tips.html", nil, "r%C3%A9sum%C3%A9-tips.html"),
            ("a/b.html", "é/c d.html", "x y", "../%C3%A9/c%20d.html#x%20y"),
            ("é/a.html", "é/c d.html", nil, "c%20d.html"),
        ] as [(String, String, String?, String)])
    func relativeURL(from: String, to: String, fragment: String?, expected: String) {
        #expect(SitePath(from).url(to: SitePath(to), fragment: fragment) == expected)
    }

    @Test("a long slug is cut between characters to 200 bytes, with a hash of the whole so that two stay two")
    func fitted() {
        #expect(Slug.fitted("short-name") == "short-name")
        let exact = String(repeating: "a", count: 200)
        #expect(Slug.fitted(exact) == exact)
        let long = String(repeating: "n", count: 251)
        let cut = Slug.fitted(long)
        #expect(cut.utf8.count == 200)
        #expect(cut.hasPrefix(String(repeating: "n", count: 191) + "-"))
        #expect(cut.wholeMatch(of: #/n+-[0-9a-f]{8}/#) != nil)
        #expect(Slug.fitted(long) == cut)  // the same name every build
        #expect(Slug.fitted(String(repeating: "n", count: 250) + "x") != cut)
        // Two-byte letters and a letter with its combining mark are kept whole or dropped whole.
        let accented = Slug.fitted(String(repeating: "é", count: 127))
        #expect(accented.utf8.count <= 200)
        #expect(accented.hasPrefix(String(repeating: "é", count: 95) + "-"))
        let marked = Slug.fitted(String(repeating: "e\u{301}", count: 100))
        #expect(marked.utf8.count <= 200)
        #expect(marked.unicodeScalars.split(separator: "-")[0].count.isMultiple(of: 2))
        // A dash or dot left at the cut goes: no `--` before the hash.
        #expect(!Slug.fitted(String(repeating: "ab-", count: 100)).contains("--"))
    }

    @Test("site map slugs notes and reports collisions")
    func siteMap() {
        let map = SiteMap(
            notes: ["Note.md", "a b.md", "a-b.md", "note.md", "Topics/Deeper/Leader Election.md"].map(VaultPath.init),
            attachments: [VaultPath("media/Chart 1.PNG")], home: nil)
        #expect(map.pages[VaultPath("Note.md")]?.string == "note.html")
        #expect(map.pages[VaultPath("note.md")]?.string == "note-2.html")
        #expect(map.pages[VaultPath("a b.md")]?.string == "a-b.html")
        #expect(map.pages[VaultPath("a-b.md")]?.string == "a-b-2.html")
        #expect(
            map.pages[VaultPath("Topics/Deeper/Leader Election.md")]?.string == "topics/deeper/leader-election.html")
        #expect(map.files[VaultPath("media/Chart 1.PNG")]?.string == "media/chart-1.png")
        #expect(map.diagnostics.count == 2)
        #expect(map.diagnostics.allSatisfy { $0.code == .outputCollision && $0.message.contains("collide") })
    }

    @Test("an index.html of the vault does not take the home page, whether a note is the home or not")
    func homePageKept() {
        for home in [nil, VaultPath("Start.md")] {
            let map = SiteMap(
                notes: [VaultPath("Start.md")], attachments: [VaultPath("index.html"), VaultPath("Index.HTML")],
                home: home)
            #expect(map.files[VaultPath("index.html")]?.string == "index-2.html")
            #expect(map.files[VaultPath("Index.HTML")]?.string == "index-3.html")
            #expect(map.diagnostics.count == 2)
            #expect(map.diagnostics.allSatisfy { $0.code == .outputCollision })
        }
    }

    @Test("a file never takes the path of a folder of the site: the file gets -2")
    func fileBesideFolder() {
        let map = SiteMap(
            notes: ["Media/Note.md", "Deep/er/Note.md", "B.md"].map(VaultPath.init),
            attachments: ["media", "deep/ER", "Tags", "b.html/x.png"].map(VaultPath.init), home: nil)
        #expect(map.files[VaultPath("media")]?.string == "media-2")
        #expect(map.files[VaultPath("deep/ER")]?.string == "deep/er-2")
        #expect(map.files[VaultPath("Tags")]?.string == "tags-2")
        #expect(map.pages[VaultPath("B.md")]?.string == "b-2.html")
        #expect(map.pages[VaultPath("Media/Note.md")]?.string == "media/note.html")
        #expect(map.diagnostics.count == 4)
        #expect(map.diagnostics.first { $0.file == "media" }?.message.contains("Media/") == true)
    }

    @Test("a folder named like a file Trellis generates is written beside it, with -2, and a warning")
    func folderNamedLikeGeneratedFile() {
        let map = SiteMap(
            notes: ["Graph.JSON/Note.md", "404.html/Deep/Note.md", "index.html/Note.md", "Notes/graph.json/A.md"]
                .map(VaultPath.init),
            attachments: ["sitemap.xml/chart.png"].map(VaultPath.init), home: nil)
        #expect(map.pages[VaultPath("Graph.JSON/Note.md")]?.string == "graph.json-2/note.html")
        #expect(map.pages[VaultPath("404.html/Deep/Note.md")]?.string == "404.html-2/deep/note.html")
        #expect(map.pages[VaultPath("index.html/Note.md")]?.string == "index.html-2/note.html")
        #expect(map.files[VaultPath("sitemap.xml/chart.png")]?.string == "sitemap.xml-2/chart.png")
        #expect(map.folderPage("404.html/Deep").string == "404.html-2/deep/index.html")
        // Only at the root is a name Trellis's own.
        #expect(map.pages[VaultPath("Notes/graph.json/A.md")]?.string == "notes/graph.json/a.html")
        #expect(
            map.diagnostics.compactMap(\.file).sorted() == ["404.html/", "Graph.JSON/", "index.html/", "sitemap.xml/"])
        #expect(map.diagnostics.allSatisfy { $0.code == .outputCollision && $0.message.contains("-2/") })
    }
}

@Suite("Vault paths")
struct VaultPathTests {
    @Test(
        "folder, file name and extension split at the last slash and the last dot",
        arguments: [
            ("Note.md", "", "Note.md", "md"), ("a/b/Café Notes.MD", "a/b", "Café Notes.MD", "md"),
            ("été/ünï/x.tar.gz", "été/ünï", "x.tar.gz", "gz"), ("dir.v2/.hidden", "dir.v2", ".hidden", ""),
            ("a/b/", "a/b", "", ""), ("/x", "", "x", ""),
        ])
    func parts(path: String, folder: String, name: String, fileExtension: String) {
        let path = VaultPath(path)
        #expect(path.folder == folder)
        #expect(path.fileName == name)
        #expect(path.fileExtension == fileExtension)
    }
}
