import Foundation
import Testing

@testable import TrellisCore

/// How deep embeds nest, and how an embedded section fits the element it is embedded in.
@Suite("Embeds: depth and shape")
struct EmbedNestingTests {
    /// `Page.md`'s body as its page shows it, with `B.md` to embed.
    private func page(_ markdown: String, embedding b: String) -> String {
        render("Page.md", among: [parse(markdown, path: "Page.md"), parse(b, path: "B.md")])
    }

    @Test("embeds nest 4 levels deep, as documented; the fifth shows a notice, in build and in check")
    func depth() throws {
        // A embeds B, which embeds C, … down to F.
        let names = ["A", "B", "C", "D", "E", "F"]
        var files: [String: String] = [:]
        for (index, name) in names.enumerated() {
            files["\(name).md"] = "Text of \(name).\n\n" + (index + 1 < names.count ? "![[\(names[index + 1])]]\n" : "")
        }
        let vault = try TemporaryVault(files)
        defer { vault.remove() }
        _ = try vault.build()
        let a = try vault.page("a.html")
        for name in ["B", "C", "D", "E"] { #expect(a.contains("Text of \(name).")) }
        #expect(!a.contains("Text of F."))
        #expect(a.components(separatedBy: "embeds nested too deep").count == 2)
        // The budget charges the same four levels that are shown.
        let notes = files.keys.sorted().map { parse(files[$0]!, path: $0) }
        let resolutions = resolveAll(notes)
        let table = NoteTable(notes)
        let budget = EmbedBudget(
            limits: EmbedLimits(embeds: 3, bytes: 1 << 20), note: { table[$0] }, resolutions: { resolutions[$0] })
        #expect(budget.refused(on: table[VaultPath("A.md")]!).mapValues(\.embeds) == [0: 4])
    }

    @Test(
        "a section embedded in a list item is well-formed HTML",
        arguments: [
            // A heading inside a list item: its section ends with the item.
            ("# B\n\n- one\n- ## Part\n  under part\n- three\n\n## Next\n", "under part", "three"),
            // A heading inside a quote: its section ends with the quote.
            ("# B\n\n> ## Part\n> quoted\n\nafter quote\n\n## Next\n", "quoted", "after quote"),
            // The next heading inside a list: the list is closed where the section ends.
            ("# B\n\n## Part\n\ntext\n\n- a\n- ## Next\n- c\n", "<li>a</li>", "<li>c</li>"),
            // A whole list in the section.
            ("# B\n\n## Part\n\n- a\n  ### Sub\n  - c\n\n## Next\n", "<li>c</li>", "Next"),
        ])
    func sectionInListItem(_ b: String, shown: String, notShown: String) {
        for markdown in ["- ![[B#Part]]\n- next\n", "1. a\n\n   ![[B#Part]]\n2. b\n", "- x ![[B#Part]] y\n"] {
            let html = page(markdown, embedding: b)
            #expect(HTMLScan(html).unbalanced == [], "\(html)")
            #expect(html.contains(shown), "\(html)")
            #expect(!html.contains(notShown), "\(html)")
        }
    }

    @Test(
        "HTMLSlice keeps what is whole and ends where the part's container ends",
        arguments: [
            ("<h2>A</h2>\n<p>x</p>\n", "<h2>A</h2>\n<p>x</p>\n"),
            ("<h2>A</h2>\nx</li>\n<li>y</li></ul>", "<h2>A</h2>\nx"),
            ("<h2>A</h2>\n<ul>\n<li>a</li>\n<li>", "<h2>A</h2>\n<ul>\n<li>a</li>\n<li></li></ul>"),
            (
                "<h2>A<br />b</h2><img src=\"x\"><!-- </div> --><p>c</p>",
                "<h2>A<br />b</h2><img src=\"x\"><!-- </div> --><p>c</p>"
            ),
        ])
    func slice(html: String, expected: String) {
        #expect(HTMLSlice.balanced(html, from: html.startIndex, to: html.endIndex) == expected)
    }
}
