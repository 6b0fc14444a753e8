import Foundation
import Testing

@testable import TrellisCore

/// Obsidian-flavoured Markdown on top of cmark: each extension, as HTML after resolution.
@Suite("Markdown extensions")
struct ExtensionTests {
    static let gfmExamples = Repository.shared.appendingPathComponent("vaults/commonmark/gfm-extensions.json")

    @Test(
        "GFM tables, task lists and strikethrough render as the GFM spec shows",
        .enabled(
            if: FileManager.default.fileExists(atPath: gfmExamples.path),
            "../shared/vaults/commonmark is not beside the repository"))
    func gfmSpec() throws {
        let data = try Data(contentsOf: Self.gfmExamples)
        let examples = try JSONDecoder().decode([SpecExample].self, from: data)
            .filter {
                ["table", "tasklist", "strikethrough"].contains($0.extension ?? "")
                    || [279, 280, 491, 492].contains($0.example)
            }
        #expect(examples.count >= 10)
        for example in examples {
            #expect(renderAlone(parse(example.markdown)) == example.html, "GFM example \(example.example)")
        }
    }

    @Test("callouts: type, title, default title, folding")
    func callouts() {
        let html = renderAlone(parse("> [!warning]- Careful\n> Body **text**.\n\n> [!tip]\n> Only body.\n"))
        #expect(html.contains("<details class=\"callout\" data-callout=\"warning\">"))
        #expect(html.contains("<span class=\"callout-title-text\">Careful</span></summary>"))
        #expect(html.contains("<div class=\"callout-content\">\n<p>Body <strong>text</strong>.</p>"))
        #expect(html.contains("<div class=\"callout\" data-callout=\"tip\">"))
        #expect(html.contains("<span class=\"callout-title-text\">Tip</span>"))
        #expect(
            renderAlone(parse("> [!note]+ Open\n> x\n")).contains(
                "<details class=\"callout\" data-callout=\"note\" open>"))
        #expect(renderAlone(parse("> plain quote [!note]\n")).contains("<blockquote>"))
    }

    @Test("a callout's metadata, after `|` in its brackets, is data-callout-metadata, escaped")
    func calloutMetadata() {
        let html = renderAlone(parse("> [!info|wide] Title\n> x\n\n> [!tip|a \"b\"]-\n> y\n\n> [!note|]\n> z\n"))
        #expect(html.contains("<div class=\"callout\" data-callout=\"info\" data-callout-metadata=\"wide\">"))
        #expect(html.contains("<span class=\"callout-title-text\">Title</span>"))
        #expect(
            html.contains("<details class=\"callout\" data-callout=\"tip\" data-callout-metadata=\"a &quot;b&quot;\">"))
        #expect(html.contains("<div class=\"callout\" data-callout=\"note\">"))
    }

    @Test("a callout whose first paragraph ends in a block id is still a callout; the id names that paragraph")
    func calloutWithBlockID() {
        let body = renderAlone(parse("> [!note] Title\n> body ^blk\n\nSee [[#^blk]].\n"))
        #expect(!body.contains("<blockquote>"))
        #expect(body.contains("<span class=\"callout-title-text\">Title</span>"))
        #expect(
            body.contains(
                "<div class=\"callout-content\">\n<p><span class=\"block-anchor\" id=\"^blk\"></span>body</p>"))
        #expect(body.contains("href=\"#%5Eblk\""))
        // Folding, and a title line that is the whole paragraph: the anchor stays in the title.
        let folded = renderAlone(parse("> [!tip]- Fold ^x\n"))
        #expect(folded.contains("<details class=\"callout\" data-callout=\"tip\">"))
        #expect(
            folded.contains(
                "<span class=\"callout-title-text\">Fold<span class=\"block-anchor\" id=\"^x\"></span></span></summary>"
            ))
        #expect(parse("> [!tip]- Fold ^x\n").markdown.blockHTML["x"]?.contains("<details class=\"callout\"") == true)
    }

    @Test("highlight, inline math, display math, inline tags")
    func inlineExtensions() {
        let note = parse("A ==mark== and $a^2$ with #Study/Topic but not C#, #123 or `#code`.\n\n$$\nx\n$$\n")
        let html = renderAlone(note)
        #expect(html.contains("<mark>mark</mark>"))
        #expect(html.contains("<span class=\"math math-inline\">\\(a^2\\)</span>"))
        #expect(html.contains("<div class=\"math math-display\">\\[x\\]</div>"))
        #expect(note.markdown.tags == ["study/topic"])
        #expect(html.contains("<span class=\"tag\">#Study/Topic</span>"))  // no tag page outside a site
        #expect(html.contains("C#, #123 or <code>#code</code>"))
        #expect(renderAlone(parse("a == b and x ~~ y\n")) == "<p>a == b and x ~~ y</p>\n")
        #expect(renderAlone(parse("costs $5 and $10\n")) == "<p>costs $5 and $10</p>\n")
    }

    /// cmark leaves a `==` or `~~` run that touches formatting in the text beside it (`A ==` and
    /// `== c` around the bold of `A ==**b**== c`): it opens or closes by the source's byte beyond
    /// the text, as GitHub's `~~**b**~~` strikes the bold. A line's end is white space.
    @Test(
        "`==` and `~~` around formatting, code or a link still mark it; at a line's edge they do not",
        arguments: [
            ("A ==**b**== c", "<p>A <mark><strong>b</strong></mark> c</p>\n"),
            ("A ~~**b**~~ c", "<p>A <del><strong>b</strong></del> c</p>\n"),
            ("A ==b **c**== d", "<p>A <mark>b <strong>c</strong></mark> d</p>\n"),
            ("A ==*b*== c", "<p>A <mark><em>b</em></mark> c</p>\n"),
            ("A ==`b`== c", "<p>A <mark><code>b</code></mark> c</p>\n"),
            ("A ~~[b](https://e.org)~~", "<p>A <del><a href=\"https://e.org\">b</a></del></p>\n"),
            ("==a\n==b", "<p>==a\n==b</p>\n"), ("a ==\n**b**== c", "<p>a ==\n<strong>b</strong>== c</p>\n"),
            ("A ==b== c ==**d**", "<p>A <mark>b</mark> c ==<strong>d</strong></p>\n"),
        ])
    func delimitersAroundFormatting(markdown: String, html: String) {
        #expect(renderAlone(parse(markdown + "\n")) == html)
    }

    @Test("comments are neither rendered nor indexed, except inside code")
    func comments() {
        let note = parse("Seen %%secret%% text.\n\n%%\nblock\nsecret\n%%\n\n`%%kept%%`\n\n```\n%% also kept %%\n```\n")
        let html = renderAlone(note)
        #expect(!html.contains("secret"))
        #expect(html.contains("<code>%%kept%%</code>"))
        #expect(html.contains("%% also kept %%"))
        #expect(!note.markdown.sections.map(\.text).joined().contains("secret"))
    }

    @Test(
        "a comment leaves the blocks around it as they were: no code block, line break, split paragraph, list, quote or table",
        arguments: [
            ("%%todo%% Some text.\n", "<p>Some text.</p>\n"),
            ("- %%c%% item\n- next\n", "<ul>\n<li>item</li>\n<li>next</li>\n</ul>\n"),
            ("> %%c%% quoted\n", "<blockquote>\n<p>quoted</p>\n</blockquote>\n"),
            ("one %%c%%\ntwo\n", "<p>one \ntwo</p>\n"),
            ("**%%c%%bold**\n", "<p><strong>bold</strong></p>\n"),
            ("- a\n%% c %%\n- b\n", "<ul>\n<li>a\n</li>\n<li>b</li>\n</ul>\n"),
            ("> one\n%% c %%\n> two\n", "<blockquote>\n<p>one\n\ntwo</p>\n</blockquote>\n"),
            ("# H\n%% c %%\ntext\n", "<h1 id=\"h\">H</h1>\n<p>\ntext</p>\n"),
            ("# H\n%% c %%\n\ntext\n", "<h1 id=\"h\">H</h1>\n<p>text</p>\n"),
            ("a\n\n%%\nblock\n%%\n\nb\n", "<p>a</p>\n<p>b</p>\n"),
            (
                "| a | b |\n| - | - |\n| 1 | 2 |\n%% row %%\n| 3 | 4 |\n",
                "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n<tr>\n<td>3</td>\n<td>4</td>\n</tr>\n</tbody>\n</table>\n"
            ),
        ])
    func commentsKeepBlocks(_ example: (markdown: String, html: String)) {
        let note = parse(example.markdown)
        #expect(renderAlone(note) == example.html)
        #expect(!note.markdown.sections.map(\.text).joined().unicodeScalars.contains { $0.value < 0x09 })
    }

    @Test("any one character in a task's box is a checked task, as in Obsidian, carried in data-task")
    func taskMarks() throws {
        let html = renderAlone(
            parse("- [ ] open\n- [x] done\n- [?] asked\n- [-] dropped\n- [/] half\n- [ab] no\n- [] no\n"))
        #expect(html.contains("<li><input disabled=\"\" type=\"checkbox\"> open</li>"))
        #expect(html.contains("<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> done</li>"))
        for (mark, text) in [("?", "asked"), ("-", "dropped"), ("/", "half")] {
            #expect(
                html.contains(
                    "<li><input checked=\"\" data-task=\"\(mark)\" disabled=\"\" type=\"checkbox\"> \(text)</li>"))
        }
        #expect(html.contains("<li>[ab] no</li>") && html.contains("<li>[] no</li>"))
        // The page the browser check styles holds these items as the parse writes them.
        let components = try String(
            contentsOf: Repository.root.appendingPathComponent("Tests/js/fixtures/components.html"), encoding: .utf8)
        for item in [
            "<li><input disabled=\"\" type=\"checkbox\"> ", "<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> ",
            "<li><input checked=\"\" data-task=\"?\" disabled=\"\" type=\"checkbox\"> ",
        ] {
            #expect(html.contains(item) && components.contains(item), "\(item)")
        }
    }

    /// Obsidian's help writes `![250](https://…/Engelbart.jpg)` for an image 250 pixels wide: an alt
    /// text that is only a size is the size.
    @Test("a Markdown image's `|100x145` or `|100` after its alt text, or alone, is its size, as in Obsidian")
    func imageSizes() {
        let html = renderAlone(
            parse(
                "![Engelbart|100x145](https://e.org/a.png) ![ Wide | 80 ](https://e.org/b.png) ![a|b](https://e.org/c.png)"
                    + " ![250](https://e.org/d.png) ![100x145](https://e.org/e.png) ![250 wide](https://e.org/f.png)\n"
            ))
        #expect(html.contains("<img width=\"100\" height=\"145\" src=\"https://e.org/a.png\" alt=\"Engelbart\" />"))
        #expect(html.contains("<img width=\"80\" src=\"https://e.org/b.png\" alt=\"Wide\" />"))
        #expect(html.contains("<img src=\"https://e.org/c.png\" alt=\"a|b\" />"))
        #expect(html.contains("<img width=\"250\" src=\"https://e.org/d.png\" alt=\"\" />"))
        #expect(html.contains("<img width=\"100\" height=\"145\" src=\"https://e.org/e.png\" alt=\"\" />"))
        #expect(html.contains("<img src=\"https://e.org/f.png\" alt=\"250 wide\" />"))
        #expect(!html.unicodeScalars.contains { $0.value == 5 || $0.value == 6 })
    }

    @Test("a sized image of the vault keeps its size on its page and in an embed of its block")
    func imageSizesInSite() throws {
        let vault = try TemporaryVault([
            "A.md": "# A\n\n![Pic|100](media/pic.png) ^b\n", "B.md": "# B\n\n![[A#^b]]\n", "media/pic.png": "png",
        ])
        defer { vault.remove() }
        _ = try vault.build()
        #expect(try vault.page("a.html").contains("<img width=\"100\" src=\"media/pic.png\" alt=\"Pic\" />"))
        #expect(try vault.page("b.html").contains("<img width=\"100\" src=\"media/pic.png\" alt=\"Pic\" />"))
    }

    /// What follows `|` in an image embed is its size, its alt text, or both, as Obsidian reads it
    /// (its `<img>` carries the text as `alt`, as obsidian2web issue #37 and obsidian-html issue
    /// #520 found).
    @Test(
        "an image embed's `|alt text`, `|300`, `|300x200` and `|alt text|300` give its alt and size",
        arguments: [
            ("![[pic.png]]", #"alt="pic.png""#),
            ("![[pic.png|A <b>diagram</b>]]", #"alt="A &lt;b&gt;diagram&lt;/b&gt;""#),
            ("![[pic.png|300]]", #"alt="pic.png" width="300""#),
            ("![[pic.png|300x200]]", #"alt="pic.png" width="300" height="200""#),
            ("![[pic.png|A diagram|300]]", #"alt="A diagram" width="300""#),
            ("![[pic.png|A diagram| 30x20 ]]", #"alt="A diagram" width="30" height="20""#),
            ("![[pic.png|300 wide]]", #"alt="300 wide""#), ("![[pic.png|]]", #"alt="pic.png""#),
        ])
    func imageEmbedLabels(embed: String, attributes: String) throws {
        let vault = try TemporaryVault(["A.md": embed + "\n", "pic.png": "png"])
        defer { vault.remove() }
        _ = try vault.build()
        let page = try vault.page("a.html")
        #expect(page.contains(#"<img class="embed" src="pic.png" "# + attributes + #" loading="lazy">"#), "\(page)")
    }

    @Test(
        "a comment inside a line (a link, math, a title, code) leaves spaces, never its filler; blocks around one keep their ids and math",
        arguments: [
            ("a [[Other|x %%c%% y]] b\n", "x       y"), ("a $x%%c%%y$ b\n", "\\(x     y\\)"),
            ("> [!note|m%%c%%] T\n> b\n", "data-callout-metadata=\"m\""),
            ("[l](http://e.com \"t %%c%%\")\n", "title=\"t      \""), ("%%c%%\n    code %%c%%\n", "<pre><code>code "),
            ("> [!note]\n> %%c%%\n> $$\n> x\n> $$\n", "<div class=\"math math-display\">\\[x\\]</div>"),
            ("para ^x\n%%c%%\n\nnext\n", "<span class=\"block-anchor\" id=\"^x\"></span>para</p>"),
        ])
    func commentsInsideLines(_ example: (markdown: String, shows: String)) {
        let note = parse(example.markdown)
        let html = renderAlone(note)
        #expect(html.contains(example.shows), "\(html)")
        #expect(!html.unicodeScalars.contains { (3...7).contains($0.value) })
        #expect(!note.markdown.references.contains { $0.written.unicodeScalars.contains { $0.value == 4 } })
    }

    @Test("an inline footnote ^[text] is a footnote, numbered with the others, its links and markup read")
    func inlineFootnotes() {
        let note = parse(
            "One^[Inline with [[Missing]] and *em*.] two[^a] three^[Second.]\n\n`^[code]` \\^[escaped] ^[open ^[ ]\n\n[^a]: Ay.\n"
        )
        let html = renderAlone(note)
        #expect(html.contains("One<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup> two"))
        #expect(html.contains("two<sup class=\"footnote-ref\"><a href=\"#fn-2\""))
        #expect(html.contains("three<sup class=\"footnote-ref\"><a href=\"#fn-3\""))
        #expect(html.contains("<li id=\"fn-1\">\n<p>Inline with "))
        #expect(html.contains(" and <em>em</em>. <a href=\"#fnref-1\" class=\"footnote-backref\""))
        #expect(html.contains("<li id=\"fn-3\">\n<p>Second. <a href=\"#fnref-3\""))
        #expect(html.contains("<code>^[code]</code> ^[escaped] ^[open ^[ ]"))
        #expect(!html.unicodeScalars.contains { $0.value < 0x09 && $0.value != 1 && $0.value != 2 })
        // The link inside is the note's, at its place in the file.
        let link = note.markdown.references.first { $0.written == "Missing" }
        #expect(link?.line == 1 && link?.column == 18)
    }

    @Test("^[…] inside math is TeX, and inside a footnote stays text: no footnote list inside a footnote")
    func inlineFootnotesNotTaken() {
        let html = renderAlone(parse("$x^[2]$ and a^[outer ^[inner]] b[^1].\n\n[^1]: one ^[nested]\n"))
        #expect(html.contains("<span class=\"math math-inline\">\\(x^[2]\\)</span>"))
        #expect(html.contains("<p>outer ^[inner] <a href=\"#fnref-1\""))
        #expect(html.contains("<p>one ^[nested] <a href=\"#fnref-2\""))
        #expect(html.components(separatedBy: "<section class=\"footnotes\"").count == 2)
        #expect(!html.unicodeScalars.contains { (3...7).contains($0.value) })
    }

    @Test("the text search reads has no callout or task marks, nor an embed's target")
    func searchTextWithoutSyntax() {
        let note = parse(
            "> [!info|wide]- Wide title\n> body\n\n- [?] asked\n- [x] done\n\nSee ![[Other#Part]] and [[Linked]].\n")
        let text = note.markdown.sections.map(\.text).joined(separator: " ")
        #expect(text.contains("Wide title") && text.contains("body") && text.contains("asked") && text.contains("done"))
        #expect(text.contains("Linked"))
        for syntax in ["[!info", "[?]", "[x]", "Other#Part", "Other"] { #expect(!text.contains(syntax), "\(syntax)") }
    }

    @Test("footnotes: numbered by first reference, with links both ways; positions kept")
    func footnotes() {
        let note = parse("One[^a] two[^b] again[^a].\n\n[^b]: Bee with [[Missing]].\n[^a]: Ay.\n    Continued.\n")
        let html = renderAlone(note)
        #expect(html.contains("One<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>"))
        #expect(html.contains("again<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1-2\">1</a></sup>"))
        // The back-link ends the footnote's last paragraph.
        #expect(
            html.contains(
                "<li id=\"fn-1\">\n<p>Ay.\nContinued. <a href=\"#fnref-1\" class=\"footnote-backref\" aria-label=\"Back to reference 1\">↩</a></p>\n</li>"
            ))
        #expect(html.contains("<li id=\"fn-2\">"))
        #expect(note.markdown.references.map(\.written) == ["Missing"])
        #expect(note.markdown.references.first?.line == 3)
        #expect(note.markdown.references.first?.column == 16)
    }

    /// Obsidian's help continues a footnote on lines indented by two spaces ("Add 2 spaces at the
    /// start of each new line"); after a blank line, a paragraph of the footnote is indented by four.
    /// A link on a later line is placed at its column in the file, past the indent.
    @Test(
        "a footnote continues on lines indented by two spaces, or by four after a blank line; links keep their columns")
    func footnoteContinuation() {
        let note = parse(
            "A[^a] B[^b] C[^c].\n\n[^a]: One.\n  Two [[X]].\n\n[^b]: Para.\n\n    Next [[Y]].\n\n[^c]: Three.\n\n  Body.\n"
        )
        let html = renderAlone(note)
        #expect(html.contains("<li id=\"fn-1\">\n<p>One.\nTwo "), "\(html)")
        #expect(html.contains("<p>Para.</p>\n<p>Next "), "\(html)")
        #expect(html.contains("<p>Body.</p>\n<section"), "\(html)")  // two spaces after a blank line: the body's
        #expect(note.markdown.references.map { "\($0.written)@\($0.line):\($0.column)" } == ["X@4:7", "Y@8:10"])
    }

    @Test("a wiki link inside a table cell, with an escaped pipe for its label")
    func tableLinks() {
        let html = renderAlone(parse("| a | b |\n| - | - |\n| [[Note\\|label]] | x |\n", path: "Note.md"))
        #expect(html.contains("<td><a class=\"internal\" href=\"note.html\">label</a></td>"))
    }
}

@Suite("Extension regressions found by fuzzing")
struct ExtensionFuzzRegressions {
    @Test("a block id at the end of a table, and on display math, names the rebuilt block")
    func blockIDOnRebuiltBlocks() {
        let table = parse("| a | b |\n| - | - |\n| x | y ^cells\n\nSee [[#^cells]].\n")
        #expect(table.markdown.blockIDs.contains("cells"))
        #expect(table.markdown.blockHTML["cells"]?.contains("<table>") == true)
        let math = parse("$$\nx ^formula\n$$\n")
        #expect(renderAlone(math).contains("math-display"))
    }

    @Test("a combining mark never joins a dash at the start of a slug")
    func markAfterDash() {
        #expect(Slug.component(".\n\u{05B3}") == "")
        #expect(Slug.component("a \u{0301}b") == "a-b")
        #expect(Slug.component("e\u{0301}cole") == "école")
    }

    @Test("the ASCII slug fast path gives what the Unicode rule gives")
    func asciiSlugsMatchTheUnicodeRule() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ09 .-_\t#?:/(é)".unicodeScalars.filter(\.isASCII))
        for _ in 0..<3000 {
            let length = Int.random(in: 0...12, using: &generator)
            let name = String(
                String.UnicodeScalarView((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
            #expect(Slug.asciiComponent(name) == Slug.scalarComponent(name), "\(name.debugDescription)")
        }
        #expect(Slug.component(" -How does DNS_work?. ") == "how-does-dns-work")
    }

    @Test("the ASCII heading-key fast paths give what the Unicode rules give, and match as the keys do")
    func asciiHeadingKeysMatchTheUnicodeRule() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ9 :#|^[]%\t\n\r.-*=`?!/\\_".unicodeScalars)
        func random() -> String {
            let length = Int.random(in: 0...12, using: &generator)
            return String(
                String.UnicodeScalarView((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for _ in 0..<3000 {
            let (text, other) = (random(), random())
            for rule in [LinkKey.Rule.dropped, .spaced] {
                let key = LinkKey.asciiKey(text, rule)
                #expect(key == LinkKey.unicodeKey(text, rule), "\(rule) \(text.debugDescription)")
                let otherKey = LinkKey.asciiKey(other, rule)
                let matches = rule == .dropped ? LinkKey.heading(_:matches:) : LinkKey.strippedHeading(_:matches:)
                #expect(
                    matches(text, key) && matches(other, key) == (otherKey == key), "\(rule) \(text.debugDescription)")
            }
        }
        #expect(LinkKey.heading("  How: does [DNS]  work?  ") == "how does dns work?")
        #expect(LinkKey.strippedHeading("  **How: does [DNS]  work?**  ") == "how does dns work")
        #expect(LinkKey.strippedHeading("C++ vs. C#/.NET_core") == "c vs c net_core")
        #expect(LinkKey.strippedHeading("Ünïcode ==Mark== `x`") == "ünïcode mark x")
    }
}
