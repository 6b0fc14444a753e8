import Testing

@testable import TrellisCore

/// Frontmatter fields read as properties: what each kind of YAML value becomes, and where the
/// links in them are.
@Suite("Frontmatter properties")
struct PropertyTests {
    @Test("each kind of value becomes its pieces; Trellis's own fields are not properties")
    func kinds() {
        let note = parse(
            """
            ---
            title: T
            tags: [a]
            publish: true
            related: "[[Caching]]"
            see: ["[[A|the A]]", "[[B#H]]"]
            source: https://example.org/x?a=1&b=2
            bad: javascript:alert(1)
            mail: mailto:me@example.org
            reviewed: 2026-11-20
            quoted date: "2026-11-21"
            count: 3
            done: true
            nested: {a: 1, b: [x, y]}
            mixed: see [[C]] and [[D]]
            empty:
            ---
            Body
            """)
        let properties = note.frontmatter.properties
        #expect(
            properties.map(\.name) == [
                "related", "see", "source", "bad", "mail", "reviewed", "quoted date", "count", "done", "nested",
                "mixed",
            ])
        let values = Dictionary(uniqueKeysWithValues: properties.map { ($0.name, $0.values) })
        #expect(values["related"] == [[.link(0)]])
        #expect(values["see"] == [[.link(1)], [.link(2)]])
        #expect(values["source"] == [[.url("https://example.org/x?a=1&b=2")]])
        #expect(values["bad"] == [[.text("javascript:alert(1)")]])
        #expect(values["mail"] == [[.url("mailto:me@example.org")]])
        #expect(values["reviewed"] == [[.date("2026-11-20")]])
        #expect(values["quoted date"] == [[.date("2026-11-21")]])
        #expect(values["count"] == [[.text("3")]])
        #expect(values["done"] == [[.text("true")]])
        #expect(values["nested"] == [[.text("{a: 1, b: [x, y]}")]])
        #expect(values["mixed"] == [[.text("see "), .link(3), .text(" and "), .link(4)]])
        #expect(
            properties.map(\.isList) == [false, true, false, false, false, false, false, false, false, false, false])
        let links = note.frontmatter.propertyLinks
        #expect(links.map(\.written) == ["Caching", "A", "B#H", "C", "D"])
        #expect(links.map(\.label) == [nil, "the A", nil, nil, nil])
        #expect(
            links.map(\.target) == [
                LinkTarget(path: "Caching"), LinkTarget(path: "A"), LinkTarget(path: "B", subpath: .heading(["H"])),
                LinkTarget(path: "C"), LinkTarget(path: "D"),
            ])
        // The file line and column of each `[[`.
        #expect(
            links.map { SourcePlace(line: $0.line, column: $0.column) } == [
                SourcePlace(line: 5, column: 11), SourcePlace(line: 6, column: 8), SourcePlace(line: 6, column: 23),
                SourcePlace(line: 15, column: 12), SourcePlace(line: 15, column: 22),
            ])
        #expect(note.diagnostics.isEmpty)
        // The body's links come first, then the properties'.
        #expect(note.references.map(\.written) == ["Caching", "A", "B#H", "C", "D"])
    }

    @Test("unquoted [[x]] is a list in a list to YAML: read as the link, with a warning at its place")
    func unquoted() {
        let note = parse(
            """
            ---
            related: [[Caching]]
            list:
              - [[A|label]]
              - "[[B]]"
            pair: [[A, B]]
            ---
            [[Body]]
            """)
        let properties = note.frontmatter.properties
        #expect(
            properties == [
                Property(name: "related", values: [[.link(0)]], isList: false),
                Property(name: "list", values: [[.link(1)], [.link(2)]], isList: true),
                Property(name: "pair", values: [[.text("[A, B]")]], isList: true),
            ])
        let links = note.frontmatter.propertyLinks
        #expect(links.map(\.written) == ["Caching", "A", "B"])
        #expect(links[1].label == "label")
        #expect(
            links.map { SourcePlace(line: $0.line, column: $0.column) } == [
                SourcePlace(line: 2, column: 10), SourcePlace(line: 4, column: 5), SourcePlace(line: 5, column: 6),
            ])
        let warnings = note.diagnostics.filter { $0.code == .frontmatter && $0.severity == .warning }
        #expect(
            warnings.map { SourcePlace(line: $0.line, column: $0.column) } == [
                SourcePlace(line: 2, column: 10), SourcePlace(line: 4, column: 5),
            ])
        #expect(warnings.first?.message.contains("\"[[Caching]]\"") == true)
        #expect(note.references.map(\.written) == ["Body", "Caching", "A", "B"])
    }

    @Test("keys that are numbers or booleans are names; a list or mapping as a key is left out, with a warning")
    func nonStringKeys() {
        let note = parse(
            "---\n1: one\ntrue: yes\n[a, b]: list key\n{c: d}: map key\nx: ok\nTitle: not the title\n---\n")
        #expect(note.frontmatter.properties.map(\.name) == ["1", "true", "x", "Title"])  // names as written
        #expect(
            note.frontmatter.properties.map(\.values) == [
                [[.text("one")]], [[.text("yes")]], [[.text("ok")]], [[.text("not the title")]],
            ])
        let warnings = note.diagnostics.filter { $0.code == .frontmatter }
        #expect(
            warnings.map { SourcePlace(line: $0.line, column: $0.column) } == [
                SourcePlace(line: 4, column: 1), SourcePlace(line: 5, column: 1),
            ])
    }

    @Test("text is kept as written, markup and all: the page escapes it")
    func hostileText() {
        let note = parse("---\n\"<b>k</b>\": \"<script>alert(1)</script>\"\nl: \"[[A|<i>x</i>]]\"\n---\n")
        #expect(
            note.frontmatter.properties == [
                Property(name: "<b>k</b>", values: [[.text("<script>alert(1)</script>")]], isList: false),
                Property(name: "l", values: [[.link(0)]], isList: false),
            ])
        #expect(note.frontmatter.propertyLinks.first?.label == "<i>x</i>")
    }

    @Test(
        "`properties: show|hide` is the note's own choice; anything else is a warning",
        arguments: [
            ("show", PropertyDisplay.show, 0), ("hide", .hide, 0), ("HIDE", .hide, 0), ("maybe", nil, 1),
            ("[a]", nil, 1),
        ] as [(String, PropertyDisplay?, Int)])
    func display(_ written: String, _ expected: PropertyDisplay?, _ warnings: Int) {
        let note = parse("---\nproperties: \(written)\nx: 1\n---\n")
        #expect(note.frontmatter.propertyDisplay == expected)
        #expect(note.diagnostics.count == warnings)
        #expect(note.frontmatter.properties.map(\.name) == ["x"])
    }

    @Test("a deep nest of lists is cut short, not walked to the bottom")
    func deepNest() {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        let note = parse("---\nx: \(deep)\n---\n")
        #expect(note.frontmatter.properties.first?.values == [[.text("[[[[…]]]]")]])
    }

    /// Billion laughs: each line a list of ten of the line before's.
    static let laughs: String = {
        let tenOf = { (name: String) in "[" + Array(repeating: name, count: 10).joined(separator: ", ") + "]" }
        var lines = ["a: &a " + tenOf("x")]
        for (name, before) in [("b", "a"), ("c", "b"), ("d", "c")] {
            lines.append("\(name): &\(name) " + tenOf("*" + before))
        }
        lines.append("e: " + tenOf("*d"))
        return lines.joined(separator: "\n")
    }()

    /// One text of a hundred links, repeated by a list of a thousand aliases.
    static let repeatedLinks: String = {
        let links: String = Array(repeating: "[[A]]", count: 100).joined(separator: " ")
        let aliases: String = Array(repeating: "*s", count: 1000).joined(separator: ", ")
        return "s: &s \"\(links)\"\nl: [\(aliases)]"
    }()

    @Test(
        "YAML aliases that stand for far more than is written are cut short, with a warning",
        arguments: [laughs, repeatedLinks])
    func aliasExpansion(_ yaml: String) {
        let note = parse("---\n\(yaml)\n---\n")
        let text = note.frontmatter.properties.flatMap(\.values).joined().map { piece -> Int in
            if case .text(let text) = piece { return text.utf8.count }
            return 1
        }
        // In proportion to what is written (the text, its punctuation, the links).
        #expect(text.reduce(0, +) + note.frontmatter.propertyLinks.count <= 8 * yaml.utf8.count + 4096)
        let warnings = note.diagnostics.filter { $0.message.contains("far more text than is written") }
        #expect(warnings.count == 1)
        #expect(warnings.first.map { $0.line >= 2 && $0.line <= 6 } == true)
    }

    @Test(
        "a link whose text YAML changed (an escape, a folded line break) is placed at its own [[, not at a later value's"
    )
    func changedLinkPlaces() {
        let note = parse(
            """
            ---
            escaped: "[[\\x41bc]]"
            same: "[[Abc]]"
            folded: >
              text [[B]] and
              [[Split
              Name]] tail
            list: ["x", "[[\\x43]]"]
            after: "[[C]]"
            ---
            """)
        #expect(note.frontmatter.propertyLinks.map(\.written) == ["Abc", "Abc", "B", "Split Name", "C", "C"])
        #expect(
            note.frontmatter.propertyLinks.map { SourcePlace(line: $0.line, column: $0.column) } == [
                SourcePlace(line: 2, column: 11), SourcePlace(line: 3, column: 8), SourcePlace(line: 5, column: 8),
                SourcePlace(line: 6, column: 3), SourcePlace(line: 8, column: 14), SourcePlace(line: 9, column: 9),
            ])
    }

    @Test(
        "U+2028, U+2029 and U+0085 break lines for YAML, not for the file: a later link keeps its file line",
        arguments: ["\u{2028}", "\u{2029}", "\u{85}"])
    func yamlLineBreaks(_ separator: String) {
        let note = parse("---\na: \"x\(separator)y\"\nb: \"[[Gone]]\"\nc: [\"p\(separator)q\", \"[[Gone2]]\"]\n---\n")
        #expect(
            note.frontmatter.propertyLinks.map { SourcePlace(line: $0.line, column: $0.column) } == [
                SourcePlace(line: 3, column: 5), SourcePlace(line: 4, column: 13),
            ])
    }

    @Test(
        "a whole value of http, https or mailto and something after it is an address",
        arguments: [
            ("http://x", true), ("https://x", true), ("mailto:a", true), ("HTTPS://EXAMPLE.ORG", true),
            ("http://", false), ("https://", false), ("mailto:", false), ("http://a b", false), ("javascript:x", false),
        ])
    func webAddress(_ text: String, _ isAddress: Bool) {
        #expect(PropertyReader.isWebAddress(text) == isAddress)
    }

    @Test(
        "thousands of links on one line of frontmatter, in one text or a flow list, cost the line once, not once each")
    func longLine() {
        let links = Array(repeating: "[[A]]", count: 4000)
        let yaml =
            "text: \"" + links.joined(separator: " ") + "\"\nlist: [\"é\", \"" + links.joined(separator: "\", \"")
            + "\"]"
        let clock = ContinuousClock()
        var note: Note?
        // Counting each link's column from its line's start made this quadratic in the line's length.
        let time = clock.measure { note = parse("---\n\(yaml)\n---\n") }
        #expect(note?.frontmatter.propertyLinks.count == 8000)
        #expect(
            note?.frontmatter.propertyLinks.last.map { SourcePlace(line: $0.line, column: $0.column) }
                == SourcePlace(line: 3, column: 14 + 9 * 3999))
        #expect(time < .seconds(5))
    }
}
