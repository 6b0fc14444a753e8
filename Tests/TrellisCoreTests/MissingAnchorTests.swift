import Foundation
import Testing

@testable import TrellisCore

/// A link to a note that exists, naming a heading or block it does not have, still leads to the
/// note, as Obsidian opens it: "dangling" means that no note or file has the name.
@Suite("Links to a missing heading or block")
struct MissingAnchorTests {
    static let files = [
        "Index.md": "[[Q#No such heading]] [[Q#^nope]] [md](Q.md#Absent) [[Q#Real]] [[#Nowhere]]\n\n![[Q#Gone]]\n",
        "Q.md": "# Q\n\n## Real\n\nText.\n",
    ]

    @Test("they resolve to the note; check still reports each missing heading and block")
    func resolution() throws {
        let vault = try TemporaryVault(Self.files)
        defer { vault.remove() }
        let resolved = try vault.check()
        let q = VaultPath("Q.md")
        #expect(
            resolved.resolutions[VaultPath("Index.md")] == [
                .missingAnchor(q), .missingAnchor(q), .missingAnchor(q), .note(q, anchor: "real"),
                .missingAnchor(VaultPath("Index.md")), .missingAnchor(q),
            ])
        #expect(
            resolved.diagnostics.map { "\($0.line):\($0.column) \($0.code.rawValue)" } == [
                "1:1 missing-heading", "1:23 missing-block", "1:35 missing-heading", "1:64 missing-heading",
                "3:1 missing-heading",
            ])
        #expect(resolved.graph.dangling.isEmpty)
        #expect(resolved.graph.backlinks[q] == [VaultPath("Index.md")])
        #expect(Set(resolved.graph.edges.map { "\($0.target):\($0.kind.rawValue)" }) == ["Q.md:link", "Q.md:embed"])
    }

    @Test("the page links to the note's page, without a fragment, marked as a broken anchor")
    func page() throws {
        let vault = try TemporaryVault(Self.files)
        defer { vault.remove() }
        _ = try vault.build()
        let index = try vault.page("index.html")
        let broken =
            "<a class=\"internal broken-anchor\" title=\"No such heading or block in this note\" href=\"q.html\">"
        #expect(index.contains(broken + "Q &gt; No such heading</a>"))
        #expect(index.contains(broken + "Q &gt; ^nope</a>"))
        #expect(
            index.contains(
                "<a class=\"internal broken-anchor\" title=\"No such heading or block in this note\" href=\"q.html\">md</a>"
            ))
        #expect(index.contains("<a class=\"internal\" href=\"q.html#real\">Q &gt; Real</a>"))
        #expect(index.contains("href=\"index.html\">Nowhere</a>"))
        #expect(index.contains("(no heading #Gone in this note)"))
        #expect(!index.contains("dangling"))
        let q = try vault.page("q.html")
        #expect(q.contains("Backlinks"))
        #expect(q.contains("href=\"index.html\""))
        let graph =
            try JSONSerialization.jsonObject(with: Data(contentsOf: vault.output.appendingPathComponent("graph.json")))
            as! [String: Any]
        #expect((graph["dangling"] as? [Any])?.isEmpty == true)
    }

    @Test("[x](#fragment) keeps its href when the note has that element, else leads to the note's top")
    func sameNoteFragments() {
        let html = renderAlone(parse("# Top\n\nA[^1] [foot](#fn-1) [id](#top) [gone](#nowhere)\n\n[^1]: The note.\n"))
        #expect(html.contains("<a href=\"#fn-1\">foot</a>"))
        #expect(html.contains("<a class=\"internal\" href=\"#top\">id</a>"))
        #expect(
            html.contains(
                "<a class=\"internal broken-anchor\" title=\"No such heading or block in this note\" href=\"note.html\">gone</a>"
            ))
        #expect(!html.contains("href=\"#nowhere\""))
    }

    @Test("[x](Other.md#two-words) keeps its fragment when that note has a heading of that id, as Foam writes it")
    func otherNoteFragments() throws {
        let vault = try TemporaryVault([
            "A.md": "[d](Q.md#two-words) [e](Q.md#nope) [f](Q.md#Two%20words)\n", "Q.md": "# Q\n\n## Two words\n",
        ])
        defer { vault.remove() }
        _ = try vault.build()
        let page = try vault.page("a.html")
        #expect(page.contains("<a class=\"internal\" href=\"q.html#two-words\">d</a>"))
        #expect(page.contains("href=\"q.html\">e</a>") && page.contains("broken-anchor"))
        #expect(page.contains("<a class=\"internal\" href=\"q.html#two-words\">f</a>"))
        // Obsidian finds no heading by that text: check says so, as for a bare `#fragment`.
        #expect(try vault.check().diagnostics.map(\.code) == [.missingHeading, .missingHeading])
        #expect(try SiteInvariants.problems(building: vault.root).isEmpty)
    }

    @Test("the build cache keeps the resolution")
    func cached() throws {
        var writer = BinaryWriter()
        writer.encode(Resolution.missingAnchor(VaultPath("a/Q.md")))
        var reader = BinaryReader(writer.bytes)
        #expect(try reader.decode() == Resolution.missingAnchor(VaultPath("a/Q.md")))
    }
}
