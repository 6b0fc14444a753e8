import Testing

@testable import TrellisCore

@Suite("cmark bridge")
struct CmarkBridgeTests {
    @Test("headings get ids, levels and file lines")
    func headings() {
        let note = parse("# Title\n\n## How does DNS work?\n\ntext\n\n## How does DNS work?\n")
        #expect(note.markdown.headings.map(\.id) == ["title", "how-does-dns-work", "how-does-dns-work-1"])
        #expect(note.markdown.headings.map(\.level) == [1, 2, 2])
        #expect(note.markdown.headings.map(\.line) == [1, 3, 7])
        #expect(note.markdown.html.contains("<h2 id=\"how-does-dns-work\">How does DNS work?</h2>"))
        #expect(note.markdown.startsWithH1)
    }

    @Test("wiki links carry positions in characters, a tab counting one")
    func positions() {
        let note = parse("Intro\n\n- top\n\t- DNS [[Networking#How does DNS work]]\n\n> é ![[chart.png]]\n")
        let references = note.markdown.references
        #expect(references.map(\.written) == ["Networking#How does DNS work", "chart.png"])
        #expect(references.map(\.line) == [4, 6])
        #expect(references.map(\.column) == [8, 5])
        #expect(references.map(\.kind) == [.wikiLink, .embed])
        #expect(references[0].target == LinkTarget(path: "Networking", subpath: .heading(["How does DNS work"])))
    }

    @Test("no links in code spans, code blocks, raw HTML or escapes")
    func exclusions() {
        let note = parse(
            "Literal `[[Code Span]]`.\n\n```\n[[Fenced]]\n```\n\n    [[Indented]]\n\n\\[[Escaped]]\n\n<div>[[Html]]</div>\n"
        )
        #expect(note.markdown.references.isEmpty)
        #expect(note.markdown.html.contains("[[Escaped]]"))
    }

    @Test("a text node with escapes and entities keeps exact positions")
    func escapesAroundLinks() {
        let note = parse("a \\* &amp; [[Target|x]] \\[[no]] tail")
        #expect(note.markdown.references.map(\.written) == ["Target"])
        #expect(note.markdown.references.first?.column == 12)
        #expect(note.markdown.html.contains("a * &amp; \u{1}0\u{2} [[no]] tail"))
    }

    @Test("inline markup inside brackets is part of the link (WikiLinkPrecedenceTests has the rest)")
    func markupInsideBrackets() {
        let note = parse("[[A *b*]]")
        #expect(note.markdown.references.map(\.written) == ["A *b*"])
        #expect(note.markdown.html == "<p>\u{1}0\u{2}</p>\n")
    }

    @Test("Markdown links and images to vault files become references; external ones do not")
    func markdownLinks() {
        let note = parse(
            "[q](Queues.md) [gone](Missing%20Page.md#Top) [w](https://example.com) ![c](media/c.png) [h](#Here)")
        #expect(note.markdown.references.map(\.kind) == [.markdownLink, .markdownLink, .markdownImage, .markdownLink])
        #expect(
            note.markdown.references.map(\.written) == ["Queues.md", "Missing Page.md#Top", "media/c.png", "#Here"])
        #expect(note.markdown.references[1].target == LinkTarget(path: "Missing Page.md", subpath: .heading(["Top"])))
        #expect(note.markdown.references.map(\.column) == [1, 16, 71, 89])
        #expect(note.markdown.html.contains("<a href=\"https://example.com\">w</a>"))
    }

    @Test("block ids: at the end of a paragraph, or alone after a list")
    func blockIDs() {
        let note = parse("A queue decouples. ^fifo\n\n- one\n- two\n\n^list-id\n")
        #expect(note.markdown.blockIDs == ["fifo", "list-id"])
        #expect(
            note.markdown.html.contains("<p><span class=\"block-anchor\" id=\"^fifo\"></span>A queue decouples.</p>"))
        #expect(note.markdown.html.contains("<div class=\"block\" id=\"^list-id\">\n<ul>"))
        #expect(!note.markdown.html.contains("^list-id</p>"))
        #expect(note.markdown.blockHTML["list-id"]?.contains("<li>two</li>") == true)
    }

    @Test("raw HTML is omitted by default and reported; kept in unsafe mode")
    func rawHTML() {
        let safe = parse("<script>alert(1)</script>\n\nx <b>y</b>\n")
        #expect(!safe.markdown.html.contains("<script>"))
        #expect(safe.diagnostics.filter { $0.code == .rawHTMLOmitted }.map(\.line) == [1, 3])
        #expect(parse("x <b>y</b>\n", unsafeHTML: true).markdown.html.contains("<b>y</b>"))
    }

    @Test("search text is cut at headings")
    func sections() {
        let note = parse("Lead text.\n\n## Part\n\nSee [[Other|the other]] and `code`.\n\n```\nlet x\n```\n")
        #expect(note.markdown.sections.count == 2)
        #expect(note.markdown.sections[0].text == "Lead text.")
        #expect(note.markdown.sections[1].heading == "Part")
        #expect(note.markdown.sections[1].text == "See the other and code.")
        #expect(note.markdown.sections[1].code == "let x\n")
    }
}

@Suite("Link URLs that could run code")
struct URLSafetyTests {
    @Test(
        "are emptied and reported, in safe and unsafe mode alike",
        arguments: [false, true])
    func neutralised(unsafeHTML: Bool) {
        let note = parse(
            "[a](javascript:alert(1)) [b](VBScript:x) [c](data:text/html,x) ![d](data:image/png;base64,AA) [e](https://ok.example)",
            unsafeHTML: unsafeHTML)
        let html = renderAlone(note)
        #expect(!html.lowercased().contains("javascript:"))
        #expect(!html.lowercased().contains("vbscript:"))
        #expect(!html.contains("data:text/html"))
        #expect(html.contains("src=\"data:image/png;base64,AA\""))
        #expect(html.contains("href=\"https://ok.example\""))
        #expect(note.diagnostics.filter { $0.code == .unsafeURL }.map(\.column) == [1, 26, 42])
    }

    @Test("a scheme hidden with white space is still caught")
    func hiddenScheme() {
        #expect(URLSafety.isDangerous("java\tscript:alert(1)", isImage: false))
        #expect(!URLSafety.isDangerous("notes/javascript.md", isImage: false))
    }

    @Test("a scheme whose colon a combining mark follows is still caught (a browser still reads the scheme)")
    func markAfterColon() {
        #expect(URLSafety.isDangerous("javascript:\u{301}alert(1)", isImage: false))
        #expect(URLSafety.isDangerous("JavaScript:\u{200D}x", isImage: false))
        #expect(URLSafety.scheme("data:\u{301}text/html,x") == "data")
        #expect(InternalURL.hasSchemeByCharacter("mailto:\u{301}x@example.org"))
        #expect(InternalURL.parse("mailto:\u{301}x@example.org") == nil)
        for unsafeHTML in [false, true] {
            let note = parse("[a](javascript:\u{301}alert(1))", unsafeHTML: unsafeHTML)
            #expect(!renderAlone(note).lowercased().contains("javascript:"))
            #expect(note.diagnostics.map(\.code) == [.unsafeURL])
        }
    }
}
