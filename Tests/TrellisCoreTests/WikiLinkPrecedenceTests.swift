import Testing

@testable import TrellisCore

/// `[[…]]` before the inline Markdown that starts inside it, as in Obsidian (`LinkPrecedence`);
/// a code span that opens before the `[[` still wins.
@Suite("Wiki link precedence over inline Markdown")
struct WikiLinkPrecedenceTests {
    static let dangling = "<span class=\"internal dangling\" title=\"Not found in the vault\">"

    /// Each reference as `kind written|label line:column`.
    func references(_ note: Note) -> [String] {
        note.markdown.references.map { "\($0.kind) \($0.written)|\($0.label ?? "") \($0.line):\($0.column)" }
    }

    @Test(
        "raw HTML, emphasis, code and autolinks that start inside the brackets are part of the link",
        arguments: [
            ("[[<some-id>]]", ["wikiLink <some-id>| 1:1"], "<p>\(dangling)&lt;some-id&gt;</span></p>\n"),
            (
                "![[*.png|L]] and ![[*.gif|R]]", ["embed *.png|L 1:1", "embed *.gif|R 1:18"],
                "<p>\(dangling)*.png</span> and \(dangling)*.gif</span></p>\n"
            ),
            (
                "[[Note|Example **bold**]]", ["wikiLink Note|Example **bold** 1:1"],
                "<p><a class=\"internal\" href=\"note.html\">Example **bold**</a></p>\n"
            ),
            ("![[a`b`c.png]]", ["embed a`b`c.png| 1:1"], "<p>\(dangling)a`b`c.png</span></p>\n"),
            (
                "[[<https://example.com>]]", ["wikiLink <https://example.com>| 1:1"],
                "<p>\(dangling)&lt;https://example.com&gt;</span></p>\n"
            ),
            (
                "[[A *b*]] and [[_c_]]", ["wikiLink A *b*| 1:1", "wikiLink _c_| 1:15"],
                "<p>\(dangling)A *b*</span> and \(dangling)_c_</span></p>\n"
            ),
            // Emphasis around the link is still emphasis.
            (
                "*[[a*b]]* **[[c__d__]]**", ["wikiLink a*b| 1:2", "wikiLink c__d__| 1:13"],
                "<p><em>\(dangling)a*b</span></em> <strong>\(dangling)c__d__</span></strong></p>\n"
            ),
        ])
    func linkWins(source: String, expected: [String], html: String) {
        let note = parse(source)
        #expect(references(note) == expected)
        #expect(renderAlone(note) == html)
        #expect(note.diagnostics.isEmpty)  // no raw HTML was omitted: there was none
    }

    @Test(
        "only a line with `[[`, then `*`, `_`, a backtick or `<`, then `]]` costs a look at cmark's tree",
        arguments: [
            ("[[a*b*]]", true), ("[[a]] [[b_c_]]", true), ("x [[a]] *b* [[c]]", false), ("[[a|`b`]]", true),
            ("[[<x>]]", true),
            ("[[a]] *b*", false), ("*a* [[b]]", false), ("[[a\n*b*]]", false), ("[[a_b]", false),
        ])
    func mayApply(source: String, expected: Bool) {
        #expect(LinkPrecedence.mayApply(to: Array(source.utf8)) == expected)
    }

    @Test("a code span that opens before the brackets wins; one that opens inside ends with the link")
    func codeOpenedBefore() {
        let code = parse("`[[x*y*]]` and `a [[b` c*d*]]")
        #expect(code.markdown.references.isEmpty)
        #expect(renderAlone(code) == "<p><code>[[x*y*]]</code> and <code>a [[b</code> c<em>d</em>]]</p>\n")
        // The backtick in the link is text, so the next two make a code span of their own.
        let inside = parse("[[a`b]] and `[[c*d*]]`")
        #expect(references(inside) == ["wikiLink a`b| 1:1"])
        #expect(renderAlone(inside) == "<p>\(Self.dangling)a`b</span> and <code>[[c*d*]]</code></p>\n")
    }

    @Test("escaped brackets and a Markdown link's text keep their Markdown")
    func notLinks() {
        #expect(renderAlone(parse("\\[[a*b*]]")) == "<p>[[a<em>b</em>]]</p>\n")
        #expect(
            renderAlone(parse("[see [[a*b*]]](https://x.org)"))
                == "<p><a href=\"https://x.org\">see [[a<em>b</em>]]</a></p>\n")
    }

    @Test("brackets that stay cut apart (by a Markdown link) show every byte as typed")
    func protectedButNotALink() {
        let note = parse("[[p [q*r*](https://s.org) t]] *u*")
        #expect(note.markdown.references.isEmpty)
        #expect(renderAlone(note) == "<p>[[p <a href=\"https://s.org\">q*r*</a> t]] <em>u</em></p>\n")
    }

    @Test("fenced and indented code and display math are left as written")
    func blocksUntouched() {
        let note = parse("```\n[[a*b*]]\n```\n\n    [[c*d*]]\n\n$$\n[[e_f_]]\n$$\n")
        #expect(
            renderAlone(note)
                == "<pre><code>[[a*b*]]\n</code></pre>\n<pre><code>[[c*d*]]\n</code></pre>\n<div class=\"math math-display\">\\[[[e_f_]]\\]</div>\n"
        )
    }

    @Test("in tables (`\\|` before the label), callouts, headings and list items")
    func inBlocks() {
        let table = parse("| a | b |\n| --- | --- |\n| [[Note\\|**bold**]] | [[x_y_\\|z]] |\n")
        #expect(references(table) == ["wikiLink Note|**bold** 3:3", "wikiLink x_y_|z 3:24"])
        #expect(
            renderAlone(table)
                == "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
                + "<td><a class=\"internal\" href=\"note.html\">**bold**</a></td>\n<td>\(Self.dangling)z</span></td>\n"
                + "</tr>\n</tbody>\n</table>\n")

        let callout = parse("> [!note] See [[A|*a*]]\n> body [[B|_b_]]\n")
        #expect(references(callout) == ["wikiLink A|*a* 1:15", "wikiLink B|_b_ 2:8"])
        #expect(
            renderAlone(callout)
                == "<div class=\"callout\" data-callout=\"note\">\n<div class=\"callout-title\"><span class=\"callout-icon\" aria-hidden=\"true\"></span>"
                + "<span class=\"callout-title-text\">See \(Self.dangling)*a*</span></span></div>\n"
                + "<div class=\"callout-content\">\n<p>body \(Self.dangling)_b_</span></p>\n</div>\n</div>\n")

        let heading = parse("## About [[A|*x*]]\n")
        #expect(references(heading) == ["wikiLink A|*x* 1:10"])
        #expect(heading.markdown.headings.map(\.text) == ["About *x*"])
        #expect(renderAlone(heading) == "<h2 id=\"about-x\">About \(Self.dangling)*x*</span></h2>\n")

        let list = parse("- [[A|**a**]]\n  - ![[B`1`.png]]\n")
        #expect(references(list) == ["wikiLink A|**a** 1:3", "embed B`1`.png| 2:5"])
        #expect(
            renderAlone(list)
                == "<ul>\n<li>\(Self.dangling)**a**</span>\n<ul>\n<li>\(Self.dangling)B`1`.png</span></li>\n</ul>\n</li>\n</ul>\n"
        )
    }

    @Test("diagnostics point at the first `[` or `!`, in characters")
    func positions() throws {
        let vault = try TemporaryVault([
            "Index.md":
                "---\ntitle: x\n---\nIntro\n\n- é [[<x-y>]] and ![[*z*.png]] [[<x*y>]]\n\n> | é | [[a\\|<b>]] |\n> | - | - |\n"
        ])
        defer { vault.remove() }
        let found = try vault.check().diagnostics.filter { $0.code == .danglingLink }.map {
            "\($0.line):\($0.column) \($0.target ?? "")"
        }
        #expect(found == ["6:5 <x-y>", "6:19 *z*.png", "6:32 <x*y>", "8:9 a"])
    }

    @Test("each paragraph's links whose code spans reach into the next are taken one parse at a time, up to a bound")
    func manyStraddlingLinks() {
        let paragraph = "[[a`]] [[b`]] [[c`]]"
        let note = parse(paragraph + "\n\n" + paragraph + "\n")
        #expect(note.markdown.references.map(\.written) == ["a`", "b`", "c`", "a`", "b`", "c`"])
        // Past the bound the rest is as cmark reads it, as typed: no byte of it changed.
        let long = parse(String(repeating: "[[a`]] ", count: 40))
        #expect(long.markdown.references.count == LinkPrecedence.maxPasses)
        #expect(renderAlone(long).hasSuffix("<code>]] [[a</code>]]</p>\n"))
    }

    @Test("random mixes of brackets and Markdown: no trap, and every link is reported at its `[` or `!`")
    func randomNotes() {
        var random = SeededRandom(seed: 18)
        var withMarkup = 0
        let pieces = [
            "[[", "]]", "![[", "*", "_", "`", "<", ">", "|", "\\", "a", "é", " ", "\n", "$", "#", "&amp;", "[", "](u)",
        ]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 1...24, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                .joined()
            let note = parse(text)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for reference in note.markdown.references where reference.kind == .wikiLink || reference.kind == .embed {
                if reference.written.contains(where: { "*_`<".contains($0) }) { withMarkup += 1 }
                let line = Array(lines[reference.line - 1])
                let character = line[reference.column - 1]
                #expect(
                    character == (reference.kind == .embed ? "!" : "["),
                    "\(text.debugDescription) \(reference.line):\(reference.column)")
            }
        }
        #expect(withMarkup > 50)  // the mixes do reach links with Markdown inside
    }
}
