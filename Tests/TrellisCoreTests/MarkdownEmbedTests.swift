import Foundation
import Testing

@testable import TrellisCore

@Suite("A Markdown image of a note is an embed, as Obsidian writes one with wiki links off")
struct MarkdownEmbedTests {
    static let vault = [
        "Other Note.md": "embedded text\n\n## Part\n\npart text\n",
        "chart.png": "PNG",
        "Index.md": """
        Before

        ![](Other%20Note.md)

        Mid ![x](Other%20Note.md#Part) after

        ![a chart](chart.png)
        """,
    ]

    @Test("the page shows the note, or its section, where the image was; an image stays an image")
    func page() throws {
        let vault = try TemporaryVault(Self.vault)
        defer { vault.remove() }
        let report = try vault.build()
        #expect(report.diagnostics.isEmpty)
        let page = try vault.page("index.html")
        #expect(!page.contains("<img src=\"other-note.html"))
        #expect(
            page.contains(
                "<div class=\"transclusion\"><div class=\"transclusion-title\"><a class=\"internal\" href=\"other-note.html\">Other Note</a></div><p>embedded text</p>"
            ))
        // Inside a paragraph: the paragraph is closed around the section, not given a <div>.
        #expect(page.contains("<p>Mid </p><div class=\"transclusion\">"))
        #expect(page.contains("href=\"other-note.html#part\">Other Note</a></div><h2 id=\"embed-1-part\">Part</h2>"))
        #expect(page.contains("</div><p> after</p>"))
        #expect(page.contains("<img src=\"chart.png\" alt=\"a chart\" />"))
    }

    @Test("the graph calls it an embed; a cycle of such embeds stops")
    func graphAndCycle() throws {
        let notes = [
            parse("A text\n\n![](B.md)\n", path: "A.md"), parse("B text\n\n![](A.md)\n", path: "B.md"),
        ]
        let graph = LinkGraph(notes: notes, resolutions: resolveAll(notes))
        #expect(graph.edges.map(\.kind) == [.embed, .embed])
        let page = render("A.md", among: notes)
        #expect(page.contains("B text"))
        #expect(page.components(separatedBy: "class=\"transclusion\"").count - 1 == 1)
    }
}
