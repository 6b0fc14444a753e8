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
}
