import Foundation
import Testing

@testable import TrellisCore

/// Markdown links name notes as Obsidian reads them: `.md` optional, percent-decoded and trimmed,
/// `/path` from the vault root; URLs with a scheme stay external. Cases from the behaviour that
/// Obsidian's help vault, Foam's and Quartz's link tests and obsidian-export's test vaults pin down.
@Suite("Markdown links to notes")
struct MarkdownLinkTests {
    static let vault = [
        "Deep/Index.md": """
        [a term](Some%20Note) [x](folder/Note) [y](other/Note.md) [gone](Missing%20Thing)
        [root](/Topics/Some%20Note) [no suffix](/Note) [[/Topics/Some Note]] [up](../Topics/Some%20Note)
        ![pic](My%20image.png%20) [spaced](%20Some%20Note%20) [folder](folder/) [self](#Part) [anchor](#fn-x)

        ## Part

        [web](https://example.com/Note) [mail](mailto:a@example.com) [host](//example.com/Note) [app](obsidian://open?file=Note)
        """,
        "Topics/Some Note.md": "# Some Note\n",
        "folder/Note.md": "# F\n",
        "other/Note.md": "# O\n",
        "My image.png": "png",
    ]

    @Test("without .md they resolve like wiki links; nothing matching is a dangling link")
    func resolution() throws {
        let vault = try TemporaryVault(Self.vault)
        defer { vault.remove() }
        let resolved = try vault.check()
        let some = VaultPath("Topics/Some Note.md")
        #expect(
            resolved.resolutions[VaultPath("Deep/Index.md")] == [
                .note(some, anchor: nil), .note(VaultPath("folder/Note.md"), anchor: nil),
                .note(VaultPath("other/Note.md"), anchor: nil), .dangling,
                .note(some, anchor: nil), .dangling, .note(some, anchor: nil), .note(some, anchor: nil),
                .attachment(VaultPath("My image.png")), .note(some, anchor: nil), .dangling,
                .note(VaultPath("Deep/Index.md"), anchor: "part"), .external,
            ])
        let problems = resolved.diagnostics.map { "\($0.line):\($0.column) \($0.code.rawValue) \($0.target ?? "")" }
        #expect(
            problems == [
                "1:59 dangling-link Missing Thing", "2:29 dangling-link /Note", "3:55 dangling-link folder/",
                "3:87 missing-heading #fn-x",
            ])
    }

    @Test(
        "a root-absolute path is taken from the vault root only",
        arguments: [
            ("/Topics/Some Note", "Topics/Some Note.md"), ("/Some Note", nil),
            ("/topics/some note.md", "Topics/Some Note.md"),
            ("/Deep/../Topics/Some Note", "Topics/Some Note.md"), ("/../Some Note", nil),
        ] as [(String, String?)])
    func rootAbsolute(path: String, expected: String?) {
        let note = parse("# Some Note\n", path: "Topics/Some Note.md")
        let resolver = LinkResolver(index: VaultIndex(notes: [note], attachments: []))
        for kind in [Reference.Kind.wikiLink, .markdownLink] {
            let reference = Reference(
                kind: kind, target: LinkTarget(path: path), written: path, label: nil, line: 1, column: 1)
            #expect(
                resolver.resolve(reference, from: VaultPath("Deep/Index.md")).resolution.notePath?.string == expected)
        }
    }

    @Test(
        "destinations are percent-decoded, then trimmed",
        arguments: [
            ("My%20image.png%20", "My image.png"), ("%20Some%20Note%20#%20Part%20", "Some Note"), ("50%.md", "50%.md"),
            ("Caf%C3%A9", "Café"),
        ])
    func decoding(url: String, path: String) throws {
        let (_, target) = try #require(InternalURL.parse(url))
        #expect(target.path == path)
    }

    @Test(
        "URLs with a scheme, //host or nothing are not vault links",
        arguments: [
            "https://example.com/Note", "mailto:a@example.com", "//example.com/Note", "obsidian://open?file=Note", "",
        ])
    func external(url: String) {
        #expect(InternalURL.parse(url) == nil)
    }

    @Test("the page links them to the note's page, or shows a dangling span")
    func page() throws {
        let vault = try TemporaryVault(Self.vault)
        defer { vault.remove() }
        _ = try vault.build()
        let page = try vault.page("deep/index.html")
        #expect(page.contains("<a class=\"internal\" href=\"../topics/some-note.html\">a term</a>"))
        #expect(page.contains("<a class=\"internal\" href=\"../folder/note.html\">x</a>"))
        #expect(page.contains("<span class=\"internal dangling\" title=\"Not found in the vault\">gone</span>"))
        #expect(page.contains("<img src=\"../my-image.png\" alt=\"pic\" />"))
        #expect(page.contains("<a href=\"https://example.com/Note\">web</a>"))
        #expect(page.contains("title=\"No such heading or block in this note\" href=\"index.html\">anchor</a>"))
        // No root-absolute link is written (`//host` is the author's external link).
        #expect(page.components(separatedBy: "href=\"/").dropFirst().allSatisfy { $0.hasPrefix("/") })
    }

    @Test("a link text that starts with a combining mark keeps it, and the page builds (it trapped)")
    func combiningMark() throws {
        let vault = try TemporaryVault([
            "A.md": "# A\n\n[\u{301}x](B.md), [\u{301}](B.md) and [y\u{301}](B.md#Nowhere)\n", "B.md": "# B\n",
        ])
        defer { vault.remove() }
        _ = try vault.build()
        let page = try vault.page("a.html")
        #expect(page.contains("<a class=\"internal\" href=\"b.html\">\u{301}x</a>"))
        #expect(page.contains("<a class=\"internal\" href=\"b.html\">\u{301}</a>"))
        #expect(page.contains("href=\"b.html\">y\u{301}</a>"))
    }

    @Test("a `#` that a combining mark follows still starts the heading of a Markdown link")
    func markAfterHash() throws {
        let vault = try TemporaryVault([
            "A.md": "# A\n\n[x](B.md#\u{301}Part)\n", "B.md": "# B\n\n## \u{301}Part\n\ntext\n",
        ])
        defer { vault.remove() }
        #expect(try vault.check().diagnostics.isEmpty)
        #expect(
            InternalURL.parse("B.md#\u{301}Part")?.target
                == LinkTarget(path: "B.md", subpath: .heading(["\u{301}Part"])))
    }
}
