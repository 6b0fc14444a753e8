import Foundation
import Testing

@testable import TrellisCore

/// Blocks and sections as Obsidian embeds them (#18 item 5).
@Suite("Blocks and sections that embeds show")
struct BlockEmbedTests {
    private func embed(_ target: String, of b: String) -> String {
        render("Page.md", among: [parse("![[B#\(target)]]\n", path: "Page.md"), parse(b, path: "B.md")])
    }

    @Test("a heading section that starts inside a quote ends where the quote ends")
    func sectionInQuote() {
        let html = embed("Inside", of: "# B\n\n> ## Inside\n> quoted\n\nafter the quote\n\n## Next\n\nnext text\n")
        #expect(html.contains("<p>quoted</p>"))
        #expect(!html.contains("after the quote") && !html.contains("next text"))
        #expect(HTMLScan(html).unbalanced == [], "\(html)")
    }

    @Test("a ^id line right under a table names the table, not a row of it")
    func tableBlockID() {
        let b = "# B\n\n| a | b |\n| - | - |\n| 1 | 2 |\n^tbl\n"
        let page = renderAlone(parse(b + "\n[[#^tbl]]\n", path: "B.md"))
        #expect(HTMLScan(page).tags.contains { $0.attributes["id"] == "^tbl" })
        #expect(HTMLScan(page).tags.filter { $0.name == "tr" }.count == 2)
        #expect(embed("^tbl", of: b).contains("<td>2</td>"))
    }

    @Test("embedding a list item's block shows its nested list too")
    func listItemBlock() {
        let html = embed("^item", of: "# B\n\n- first ^item\n  - nested under it\n- second\n")
        #expect(html.contains("first") && html.contains("nested under it"))
        #expect(!html.contains("second"))
        #expect(HTMLScan(html).unbalanced == [], "\(html)")
    }

    /// Obsidian keeps block ids in lower case and looks a link's up so (its metadata cache keys a
    /// `^Women-CPR` block as `women-cpr`, obsidian-advanced-uri issue #192 found), so a link need
    /// not match the id's case. The link and the embed lead to the id as the note writes it.
    @Test("a block id is found whatever the case the link writes it in; the id keeps the note's case")
    func blockIDCase() {
        let b = "# B\n\nFirst in, first out. ^FIFO-1\n\nOther. ^fifo-2\n"
        let html = embed("^fifo-1", of: b)
        #expect(html.contains("First in, first out.") && !html.contains("Other."), "\(html)")
        #expect(html.contains("href=\"b.html#%5EFIFO-1\""), "\(html)")
        #expect(embed("^FIFO-2", of: b).contains("Other."))
        let notes = [parse("[[B#^Fifo-1]] [[B#^fifo-3]]\n", path: "Page.md"), parse(b, path: "B.md")]
        #expect(
            resolveAll(notes)[VaultPath("Page.md")]
                == [.note(VaultPath("B.md"), anchor: "^FIFO-1"), .missingAnchor(VaultPath("B.md"))])
        #expect(LinkResolver.findBlock("x", in: ["X", "x"]) == "x")
        #expect(LinkResolver.findBlock("x", in: ["a", "X"]) == "X")
    }

    // MARK: Combining marks, which join the tag's `>` before them into one Character

    @Test("a section whose heading opens with a combining mark is that section, not the whole note")
    func markedHeading() {
        let html = embed("\u{301}Inside", of: "# B\n\n## \u{301}Inside\n\ninside text\n\n## Next\n\nnext text\n")
        #expect(html.contains("inside text") && !html.contains("next text"), "\(html)")
    }

    @Test("a section whose paragraph opens with a combining mark keeps all of the paragraph")
    func markedParagraph() {
        let html = embed("Part", of: "# B\n\n## Part\n\n\u{FE0F} `code` and *after it*\n\n## Next\n\nnext text\n")
        #expect(html.contains("</code> and <em>after it</em>"), "\(html)")
        #expect(HTMLScan(html).unbalanced == [], "\(html)")
    }

    @Test("an embed after a combining mark that opens a paragraph is not put inside the paragraph")
    func embedAfterMark() {
        let html = render(
            "Page.md", among: [parse("\u{301}![[B]] after\n", path: "Page.md"), parse("# B\n\nbody\n", path: "B.md")])
        #expect(html.contains("body") && html.contains("after"))
        #expect(HTMLScan(html).unbalanced == [], "\(html)")
    }
}
