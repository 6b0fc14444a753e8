import Foundation
import Testing

@testable import TrellisCore

/// Frontmatter properties in `check`, the graph and the built pages.
@Suite("Properties in the site")
struct PropertySiteTests {
    static let vault = [
        "A.md": """
        ---
        title: A
        tags: [t]
        related: "[[B]]"
        see:
          - "[[B#Part|part]]"
          - "[[Nowhere]]"
        source: https://example.org/?a=1&b=2
        bad: "javascript:alert(1)"
        reviewed: 2026-11-20
        "<img src=x onerror=alert(1)>": "<script>alert(1)</script>"
        nested: {k: "<b>"}
        draft: false
        ---
        Body.
        """,
        "B.md": "# B\n\n## Part\n",
        "C.md": "---\nproperties: hide\nup: \"[[B]]\"\n---\nc\n",
    ]

    @Test("`cssclasses` (and `cssclass`) are classes of the note's article, escaped, not properties")
    func cssClasses() throws {
        let vault = try TemporaryVault([
            "A.md": "---\ncssclasses: [wide-page, \"x\\\"y\"]\ncssclass: legacy two\n---\n# A\n", "B.md": "# B\n",
        ])
        defer { vault.remove() }
        _ = try vault.build()
        let page = try vault.page("a.html")
        #expect(page.contains("<article class=\"note wide-page x&quot;y legacy two\" data-note=\"A.md\">"))
        #expect(!page.contains("class=\"properties"))
        #expect(try vault.page("b.html").contains("<article class=\"note\" data-note=\"B.md\">"))
    }

    @Test("a dangling [[x]] in frontmatter is a dangling-link error at the line and column of its [[")
    func danglingPlace() throws {
        let vault = try TemporaryVault(Self.vault)
        defer { vault.remove() }
        let resolved = try vault.check()
        let dangling = resolved.diagnostics.filter { $0.code == .danglingLink }
        #expect(
            dangling.map { "\($0.file ?? ""):\($0.line):\($0.column) \($0.message)" } == [
                "A.md:7:6 dangling link [[Nowhere]]"
            ])
        #expect(resolved.linkCount == 4)
    }

    @Test("links in properties are edges of the graph and of graph.json, and backlinks, shown or not")
    func graphAndBacklinks() throws {
        let vault = try TemporaryVault(Self.vault)
        defer { vault.remove() }
        let resolved = try vault.check()
        let b = VaultPath("B.md")
        #expect(resolved.graph.edges.map { "\($0.source)>\($0.target)" } == ["A.md>B.md", "C.md>B.md"])
        #expect(resolved.graph.backlinks[b] == [VaultPath("A.md"), VaultPath("C.md")])
        #expect(resolved.graph.dangling.map(\.target) == ["Nowhere"])
        let json = GraphFile(resolved: resolved).render(.json)
        #expect(json.contains("{\"source\":\"A.md\",\"target\":\"B.md\",\"kind\":\"link\"}"))
        #expect(json.contains("{\"source\":\"C.md\",\"target\":\"B.md\",\"kind\":\"link\"}"))
        _ = try vault.build()
        let page = try vault.page("b.html")
        let backlinks = try #require(Self.section(of: page, from: "<section class=\"backlinks\"", to: "</section>"))
        #expect(backlinks.contains(">A</a>") && backlinks.contains(">C</a>"))
    }

    @Test("the page shows properties under the title: links, lists, URLs and dates, every text escaped")
    func rendered() throws {
        let vault = try TemporaryVault(Self.vault)
        defer { vault.remove() }
        _ = try vault.build()
        let list = try #require(
            Self.section(of: try vault.page("a.html"), from: "<dl class=\"note-properties\">", to: "</dl>"))
        let expected = """
            <dl class="note-properties">\
            <div class="property"><dt>related</dt><dd><a class="internal" href="b.html">B</a></dd></div>\
            <div class="property"><dt>see</dt><dd><ul class="property-list">\
            <li><a class="internal" href="b.html#part">part</a></li>\
            <li><span class="internal dangling" title="Not found in the vault">Nowhere</span></li></ul></dd></div>\
            <div class="property"><dt>source</dt><dd>\
            <a class="external" href="https://example.org/?a=1&amp;b=2" rel="noopener">https://example.org/?a=1&amp;b=2</a></dd></div>\
            <div class="property"><dt>bad</dt><dd>javascript:alert(1)</dd></div>\
            <div class="property"><dt>reviewed</dt><dd><time datetime="2026-11-20">2026-11-20</time></dd></div>\
            <div class="property"><dt>&lt;img src=x onerror=alert(1)&gt;</dt><dd>&lt;script&gt;alert(1)&lt;/script&gt;</dd></div>\
            <div class="property"><dt>nested</dt><dd>{k: &lt;b&gt;}</dd></div>\
            </dl>
            """
        #expect(list == expected)
        #expect(HTMLScan(list).unbalanced.isEmpty)
        // `properties: hide` in C: its link still counts (above), but the page shows no list.
        #expect(!(try vault.page("c.html")).contains("note-properties"))
        #expect(!(try vault.page("b.html")).contains("note-properties"))  // nothing to show
    }

    @Test("`properties = \"hide\"` in trellis.toml hides them; a note's `properties: show` shows its own")
    func configHide() throws {
        var files = Self.vault
        files["trellis.toml"] = "properties = \"hide\"\n"
        files["D.md"] = "---\nproperties: show\nx: \"[[B]]\"\n---\nd\n"
        let vault = try TemporaryVault(files)
        defer { vault.remove() }
        _ = try vault.build()
        #expect(!(try vault.page("a.html")).contains("note-properties"))
        let list = Self.section(of: try vault.page("d.html"), from: "<dl class=\"note-properties\">", to: "</dl>")
        #expect(list?.contains("<dt>x</dt><dd><a class=\"internal\" href=\"b.html\">B</a></dd>") == true)
        #expect(throws: Config.ConfigError.self) { try Config.parse("properties = \"maybe\"\n") }
        #expect(try Config.parse("properties = \"hide\"\n").properties == .hide)
    }

    @Test("a property's link changed in an edit: a build from the cache moves the backlink, as a full build does")
    func edited() throws {
        let vault = try TemporaryVault(["A.md": "---\nup: \"[[B]]\"\n---\na\n", "B.md": "b\n", "C.md": "c\n"])
        defer { vault.remove() }
        let options = vault.cachedOptions(key: "properties")
        _ = try SiteBuilder(options: options).build()
        try Data("---\nup: \"[[C]]\"\n---\na\n".utf8).write(to: vault.root.appendingPathComponent("A.md"))
        let report = try SiteBuilder(options: options).build()
        #expect(report.reparsed == 1)
        let backlinks = { (page: String) in
            Self.section(of: try vault.page(page), from: "<section class=\"backlinks\"", to: "</section>") ?? ""
        }
        #expect(try !backlinks("b.html").contains(">A</a>"))
        #expect(try backlinks("c.html").contains(">A</a>"))
        #expect(try vault.page("a.html").contains("<dd><a class=\"internal\" href=\"c.html\">C</a></dd>"))
    }

    /// The text from the first `start` to the first `end` after it, both included.
    static func section(of page: String, from start: String, to end: String) -> String? {
        guard let open = page.range(of: start), let close = page.range(of: end, range: open.upperBound..<page.endIndex)
        else { return nil }
        return String(page[open.lowerBound..<close.upperBound])
    }
}
