import Foundation
import Testing

@testable import TrellisCore

/// How much `![[Note]]` may add to a page (`EmbedBudget`), and how an embed's HTML fits the page
/// that shows it (`EmbedHTML`).
@Suite("Embed limits")
struct EmbedLimitTests {
    /// Five notes of about 2 KB, each embedding the next `fanOut` times: `fanOut`⁴ copies on the
    /// first page without a limit (the depth limit stops below the fifth note).
    private static func fanOutBomb(_ fanOut: Int) -> [String: String] {
        let filler = String(repeating: "lorem ipsum dolor sit amet ", count: 75)
        var files: [String: String] = [:]
        for number in 1...5 {
            let embeds = number < 5 ? String(repeating: "![[n\(number + 1)]]\n", count: fanOut) : ""
            files["n\(number).md"] = "# n\(number)\n\n\(filler)\n\n\(embeds)"
        }
        return files
    }

    @Test("a fan-out of embeds makes pages of bounded size, with a notice and an embed-limit warning")
    func fanOut() throws {
        // 12⁴ = 20,736 copies of a 2 KB note (40 MB) on n1's page without a limit. With it, an
        // embed of n2 would bring in 1,885 notes, so n1 shows none; the first embed of n2 brings
        // in 157 notes, and the second would pass 200.
        let vault = try TemporaryVault(Self.fanOutBomb(12))
        defer { vault.remove() }
        let report = try vault.build()
        let limits = EmbedLimits()
        for page in ["n1.html", "n2.html", "n3.html", "n4.html"] {
            let size = try vault.page(page).utf8.count
            #expect(size < limits.embeds * 3_000 + 50_000, "\(page) is \(size) bytes")
        }
        #expect(try vault.page("n1.html").contains("this page has reached its embed limit"))
        let warnings = report.diagnostics.filter { $0.code == .embedLimit }
        #expect(
            warnings.map { "\($0.file ?? ""):\($0.line):\($0.column) \($0.severity)" } == [
                "n1.md:5:1 warning", "n2.md:6:1 warning",
            ])
        #expect(warnings.first?.target == "n2")
        // `check` reports what `build` shows, without rendering.
        #expect(try vault.check().diagnostics.filter { $0.code == .embedLimit } == warnings)
    }

    @Test("a build from the cache after an edit deep in a chain of embeds shows and reports what a full build does")
    func incremental() throws {
        // Wide is over the limit from the start and embeds nothing the edits touch: it keeps its
        // warning from the cache rather than having it made again.
        let vault = try TemporaryVault([
            "A.md": "![[B]]\n", "B.md": "![[C]]\n", "C.md": "![[D]]\n", "D.md": "d\n",
            "Wide.md": String(repeating: "![[Leaf]]\n", count: 300), "Leaf.md": "leaf\n",
        ])
        defer { vault.remove() }
        var options = RunOptions(vault: vault.root, output: vault.output, defaultTheme: Repository.theme)
        options.cacheKey = "test-key"
        let fresh = vault.root.appendingPathExtension("fresh")
        defer { removeSite(fresh) }
        func edit(_ path: String, _ text: String) throws -> BuildReport {
            try Data(text.utf8).write(to: vault.root.appendingPathComponent(path))
            let report = try SiteBuilder(options: options).build()
            #expect(report.reparsed == 1)
            let full = try Pipeline.build(RunOptions(vault: vault.root, output: fresh, defaultTheme: Repository.theme))
            #expect(report.diagnostics == full.diagnostics)
            #expect(
                try vault.page("a.html") == String(contentsOf: fresh.appendingPathComponent("a.html"), encoding: .utf8))
            return report
        }
        #expect(try SiteBuilder(options: options).build().diagnostics.compactMap(\.file) == ["Wide.md"])
        // A shows D three embeds down.
        _ = try edit("D.md", "new words\n")
        #expect(try vault.page("a.html").contains("new words"))
        // C now embeds D 300 times: A's page, two embeds up, has no room for B any more.
        let report = try edit("C.md", String(repeating: "![[D]]\n", count: 300))
        #expect(
            report.diagnostics.filter { $0.code == .embedLimit }.compactMap(\.file) == [
                "A.md", "B.md", "C.md", "Wide.md",
            ])
        // And back: the chain's warnings go, Wide's stays.
        let back = try edit("C.md", "![[D]]\n")
        #expect(back.diagnostics.filter { $0.code == .embedLimit }.compactMap(\.file) == ["Wide.md"])
    }

    // MARK: The budget

    /// Notes parsed from `files`, their links resolved, each note's size as given (else its own).
    private func budget(_ files: [String: String], sizes: [String: Int] = [:], limits: EmbedLimits) -> (
        EmbedBudget, NoteTable
    ) {
        let notes = files.keys.sorted().map { path in
            var note = parse(files[path]!, path: path)
            if let size = sizes[path] { note.fileSize = size }
            return note
        }
        let resolutions = resolveAll(notes)
        let table = NoteTable(notes.filter(\.isPublished))
        return (EmbedBudget(limits: limits, note: { table[$0] }, resolutions: { resolutions[$0] }), table)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var files: [String: String]
        var sizes: [String: Int] = [:]
        var limits: EmbedLimits
        /// The reference indices in `Page.md` that are not shown, with their charges.
        var refused: [Int: [Int]]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "within the limits, every embed is shown",
            files: ["Page.md": "![[A]] ![[A]]", "A.md": "![[B]]", "B.md": "b"],
            limits: EmbedLimits(embeds: 4, bytes: 1_000), refused: [:]),
        Case(
            name: "an embed is charged its nested embeds; one that does not fit is refused, a later small one is not",
            files: ["Page.md": "![[A]] ![[A]] ![[A]] ![[B]]", "A.md": "![[B]]", "B.md": "b"],
            limits: EmbedLimits(embeds: 5, bytes: 1_000), refused: [2: [2, 2]]),
        Case(
            name: "bytes count the embedded notes' file sizes",
            files: ["Page.md": "![[Big]] ![[Small]] ![[Big]]", "Big.md": "big", "Small.md": "small"],
            sizes: ["Big.md": 600, "Small.md": 300], limits: EmbedLimits(embeds: 100, bytes: 1_000),
            refused: [2: [1, 600]]),
        Case(
            name: "an embed of the page itself, of a missing or unpublished note, or past the depth costs nothing",
            files: [
                "Page.md": "![[Page]] ![[Missing]] ![[Draft]] ![[A]]", "Draft.md": "---\npublish: false\n---\n![[A]]",
                "A.md": "![[B]]", "B.md": "![[C]]", "C.md": "![[D]]", "D.md": "![[E]]", "E.md": "e",
            ],
            limits: EmbedLimits(embeds: 4, bytes: 1_000, depth: 4), refused: [:]),
        Case(
            name: "a fan-out is cut short, not counted out",
            files: [
                "Page.md": "![[A]]", "A.md": String(repeating: "![[B]]", count: 1000),
                "B.md": String(repeating: "![[C]]", count: 1000), "C.md": "c",
            ],
            limits: EmbedLimits(embeds: 10, bytes: 1_000), refused: [0: [11, 12]]),
    ]

    @Test("which of a page's embeds are refused", arguments: cases)
    func refused(_ example: Case) throws {
        let sizes = example.files.keys.reduce(into: example.sizes) { sizes, path in
            if sizes[path] == nil { sizes[path] = 1 }
        }
        let (budget, table) = budget(example.files, sizes: sizes, limits: example.limits)
        let refused = budget.refused(on: table[VaultPath("Page.md")]!)
        #expect(refused.mapValues { [$0.embeds, $0.bytes] } == example.refused)
    }

    // MARK: The HTML

    /// `Page.md`'s body as its page shows it, `B.md` being embeddable.
    private func page(_ markdown: String, embedded: String = "# B\n\nBee[^1].\n\n[^1]: Note.\n") -> String {
        render("Page.md", among: [parse(markdown, path: "Page.md"), parse(embedded, path: "B.md")])
    }

    @Test(
        "an embed in a paragraph closes it around the block",
        arguments: [
            ("![[B]]", "<div class=\"transclusion\">", ""),
            ("Before ![[B]] after.", "<p>Before </p><div class=\"transclusion\">", "</div><p> after.</p>"),
            ("![[B]]\n![[B]]", "", "</div><div class=\"transclusion\">"),
            ("Text ![[B]]", "<p>Text </p><div", "</div>\n"),
        ])
    func paragraph(_ markdown: String, _ before: String, _ after: String) {
        let html = page(markdown)
        #expect(!html.contains("<p><div") && !html.contains("</div></p>") && !html.contains("<p></p>"), "\(html)")
        #expect(before.isEmpty || html.contains(before))
        #expect(after.isEmpty || html.contains(after))
    }

    @Test("an embed in a list item, a table cell or a callout's body is shown where it is")
    func blockPlaces() {
        #expect(page("- ![[B]]").contains("<li><div class=\"transclusion\">"))
        #expect(page("| a |\n| - |\n| x ![[B]] |\n").contains("<td>x <div class=\"transclusion\">"))
        #expect(page("> [!note]\n> ![[B]]\n").contains("<div class=\"callout-content\">\n<div class=\"transclusion\">"))
    }

    @Test(
        "where no block may stand — inline markup, a link's text, a heading, a callout's title — an embed is a link",
        arguments: [
            ("*![[B]]*", "<p><em><a class=\"internal\" href=\"b.html\">B</a></em></p>"),
            ("**bold ![[B]] more**", "<p><strong>bold <a class=\"internal\" href=\"b.html\">B</a> more</strong></p>"),
            ("~~![[B]]~~ ==x ![[B]]==", "<del><a class=\"internal\" href=\"b.html\">B</a></del>"),
            ("# Head ![[B]] end", ">Head <a class=\"internal\" href=\"b.html\">B</a> end</h1>"),
            ("> [!tip] Title ![[B]]\n> body", "Title <a class=\"internal\" href=\"b.html\">B</a></span></div>"),
            // In a link's text, its name: a link may not hold a link.
            ("[see ![](B.md)](https://example.com)", "<a href=\"https://example.com\">see B</a>"),
        ])
    func inline(_ markdown: String, _ expected: String) {
        let html = page(markdown)
        #expect(html.contains(expected), "\(html)")
        #expect(!html.contains("transclusion"), "\(html)")
    }

    @Test("an embedded block or section shows the footnotes it refers to, and only those")
    func footnotesOfExcerpts() {
        let b =
            "A claim[^1] ^claim\n\nOther[^2] and again[^1].\n\n## Sec\n\nsec text[^2]\n\n[^1]: the source\n[^2]: second\n"
        let block = page("![[B#^claim]]", embedded: b)
        #expect(block.contains("<li id=\"embed-0-fn-1\" value=\"1\">\n<p>the source <a href=\"#embed-0-fnref-1\""))
        #expect(!block.contains("second"))
        let section = page("![[B#Sec]]", embedded: b)
        #expect(section.contains("<li id=\"embed-0-fn-2\" value=\"2\">"))
        #expect(!section.contains("the source"))
        // The section holds the second reference to note 2: the back-link leads there.
        #expect(section.contains("href=\"#embed-0-fnref-2-2\" class=\"footnote-backref\""))
        // A footnote holding a list of its own is shown whole.
        let listed = page(
            "![[B#^c]]", embedded: "claim[^1] ^c\n\n[^1]: a list:\n\n    - one\n\n    - two\n\n    more\n")
        #expect(listed.contains("<p>two</p>\n</li>\n</ul>\n<p>more <a href=\"#embed-0-fnref-1\""))
        for html in [block, section, listed, page("![[B]]", embedded: b)] {
            let ids = Set(html.ranges(of: " id=\"").map { html[$0.upperBound...].prefix { $0 != "\"" } })
            let links = html.ranges(of: "href=\"#").map { html[$0.upperBound...].prefix { $0 != "\"" } }
            #expect(links.allSatisfy { ids.contains($0) }, "\(html)")
        }
    }

    @Test("embedded headings and footnotes get ids of their own, and their links follow")
    func ids() throws {
        let html = page("# B\n\n![[B]]\n\n![[B]]\n\nMine[^1].\n\n[^1]: Page note.\n")
        let ids = html.ranges(of: " id=\"").map { start in
            html[start.upperBound...].prefix { $0 != "\"" }
        }
        #expect(ids.count == Set(ids).count, "repeated ids: \(ids)")
        #expect(ids.contains("b") && ids.contains("embed-0-b") && ids.contains("embed-1-b"))
        #expect(html.contains("href=\"#embed-1-fn-1\"") && html.contains("id=\"embed-1-fn-1\""))
        #expect(html.contains("href=\"#fn-1\""))  // the page's own footnote keeps its id
    }
}
