import Foundation
import Testing

@testable import TrellisCore

@Suite("Links and embeds of a PDF keep the page asked for")
struct PDFLinkTests {
    @Test(
        "#page and #height are read as Obsidian reads them; other fragments and other files ask nothing",
        arguments: [
            ("doc.pdf", "page=3", PDFOptions(page: 3)),
            ("doc.pdf", "height=400", PDFOptions(height: 400)),
            ("doc.pdf", "page=2&height=300", PDFOptions(page: 2, height: 300)),
            ("Doc.PDF", "Page = 7", PDFOptions(page: 7)),
            ("doc.pdf", "page=0", PDFOptions()),
            ("doc.pdf", "page=x", PDFOptions()),
            ("doc.pdf", "Introduction", PDFOptions()),
            ("image.png", "page=3", PDFOptions()),
        ])
    func options(file: String, fragment: String, expected: PDFOptions) {
        #expect(PDFOptions(.heading([fragment]), of: VaultPath(file)) == expected)
    }

    @Test("the page: an embed opens at the page and takes the height, a link opens at the page")
    func page() throws {
        let vault = try TemporaryVault([
            "doc.pdf": "%PDF-1.4",
            "Note.md": """
            ![[doc.pdf#page=3]]

            ![[doc.pdf#page=2&height=400]]

            [[doc.pdf#page=3]] [p](doc.pdf#page=4) [[doc.pdf#Intro]] ![[doc.pdf]]
            """,
        ])
        defer { vault.remove() }
        _ = try vault.build()
        let page = try vault.page("note.html")
        #expect(page.contains("<iframe class=\"embed embed-pdf\" src=\"doc.pdf#page=3\" title=\"doc.pdf\"></iframe>"))
        #expect(
            page.contains(
                "<iframe class=\"embed embed-pdf\" src=\"doc.pdf#page=2\" title=\"doc.pdf\" style=\"height: 400px\"></iframe>"
            ))
        #expect(page.contains("<a class=\"internal\" href=\"doc.pdf#page=3\">"))
        #expect(page.contains("<a class=\"internal\" href=\"doc.pdf#page=4\">p</a>"))
        #expect(page.contains("<a class=\"internal\" href=\"doc.pdf\">doc.pdf &gt; Intro</a>"))
        #expect(page.contains("<iframe class=\"embed embed-pdf\" src=\"doc.pdf\" title=\"doc.pdf\"></iframe>"))
    }
}
