import Testing

@testable import TrellisCore

@Suite("Frontmatter")
struct FrontmatterTests {
    @Test("control characters a YAML escape writes are replaced, as in notes, in fields and properties")
    func controlCharacters() {
        let note = parse("---\ntitle: \"a\\x1b[2J\\0b\"\ntags: [\"t\\ax\"]\nmine: \"p\\eq\"\n---\nx\n")
        #expect(note.frontmatter.title == "a\u{FFFD}[2J\u{FFFD}b")
        #expect(note.frontmatter.tags == ["t\u{FFFD}x"])
        #expect(note.frontmatter.properties.first?.values == [[.text("p\u{FFFD}q")]])
    }

    @Test("valid frontmatter is read, and cmark never sees it")
    func valid() {
        let note = parse(
            """
            ---
            title: "Load: Balancing"
            aliases: [LB, Balancer]
            tags: [networking, "#Scaling"]
            date: 2026-11-01
            ---
            # Heading

            Body.
            """)
        #expect(note.frontmatter.title == "Load: Balancing")
        #expect(note.frontmatter.aliases == ["LB", "Balancer"])
        #expect(note.frontmatter.tags == ["networking", "scaling"])
        #expect(note.frontmatter.date == "2026-11-01")
        #expect(note.diagnostics.isEmpty)
        #expect(note.title == "Load: Balancing")
        #expect(!note.markdown.html.contains("aliases"))
        #expect(note.markdown.headings.first?.line == 7)  // lines are the file's own
    }

    @Test(
        "the closing line is --- or ..., trailing white space allowed; a YAML line starting with - or . is not one",
        arguments: [
            ("---\ntags:\n- a\n.5: x\n...\n# B\n", "B", ["a"]), ("---  \ntags: [a]\n--- \t\n# B\n", "B", ["a"]),
            ("---\ntags: [a]\n-- -\n....\n", nil, []), ("---\r\ntags: [a]\r\n...\r\n# B\r\n", "B", ["a"]),
            ("---\u{3000}\ntags: [a]\n---\u{A0}\n# B\n", "B", ["a"]), ("-\u{301}--\ntags: [a]\n\n---\n# B\n", "B", []),
        ])
    func fences(text: String, heading: String?, tags: [String]) {
        let note = parse(text)
        #expect(note.frontmatter.tags == tags)
        #expect(note.markdown.headings.first?.text == heading)
    }

    /// Obsidian reads aliases and tags from a key in any case (`/^alias(es)?$/i`, `/^tags?$/i` in its
    /// API, as switcher++ and other plugins read them too); other fields are spelt as Trellis reads them.
    @Test(
        "`Aliases`, `ALIAS`, `Tags` and `TAG` are aliases and tags, in any case, not properties; `Title` is a property")
    func anyCaseAliasesAndTags() {
        let note = parse(
            "---\nAliases: [Cap]\naliases: [low]\nALIAS: up, per\nTags: [One]\nTAG: two\nTitle: shown\n---\nx\n")
        #expect(note.frontmatter.aliases == ["Cap", "low", "up", "per"])
        #expect(note.frontmatter.tags == ["one", "two"])
        #expect(note.frontmatter.properties.map(\.name) == ["Title"])
        let vault = [
            parse("[[Cap]] [[per]]\n", path: "Index.md"), parse("---\nAliases: [Cap]\nAlias: per\n---\n", path: "T.md"),
        ]
        #expect(
            resolveAll(vault)[VaultPath("Index.md")] == [
                .note(VaultPath("T.md"), anchor: nil), .note(VaultPath("T.md"), anchor: nil),
            ])
    }

    @Test("absent frontmatter: title from the first H1, then from the file name")
    func absent() {
        #expect(parse("Intro\n\n# First H1\n").title == "First H1")
        #expect(parse("No heading.\n", path: "Folder/My Note.md").title == "My Note")
        #expect(parse("---\nnot closed\n").frontmatter == Frontmatter())
    }

    @Test("malformed YAML: an error at its file line, the note still renders")
    func malformed() throws {
        let note = parse("---\ntitle: [unclosed\ntags: a: b\n---\n# Still here\n\nBody text survives.\n")
        let problem = try #require(note.diagnostics.first)
        #expect(problem.severity == .error)
        #expect(problem.code == .frontmatter)
        #expect(problem.line >= 2 && problem.line <= 4)
        #expect(note.markdown.html.contains("Body text survives."))
        #expect(note.title == "Still here")
    }

    @Test("fields of the wrong type are reported and converted where clear")
    func wrongTypes() {
        let note = parse("---\ntags: 5\naliases: {a: b}\ndraft: maybe\n---\nBody\n")
        #expect(note.frontmatter.tags == ["5"])
        #expect(note.frontmatter.aliases.isEmpty)
        #expect(note.frontmatter.draft == false)
        #expect(note.diagnostics.map(\.line).sorted() == [2, 3, 4])
        #expect(note.diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test(
        "a frontmatter date is a calendar day, optionally with a time; anything else is a warning at the value",
        arguments: [
            ("2024-02-29", "2024-02-29"), ("2024-05-01T09:30", "2024-05-01"), ("2024-05-01 09:30:15", "2024-05-01"),
            ("2024-05-01T09:30:15.250Z", "2024-05-01"), ("2024-05-01T23:59:60+02:00", "2024-05-01"),
            ("2024-05-01T09:30-0500", "2024-05-01"), ("\"2024-05-01\"", "2024-05-01"), ("0999-12-31", "0999-12-31"),
            ("2024-13-45", nil), ("99999-99-99", nil), ("not-a-date", nil), ("2023-02-29", nil), ("1900-02-29", nil),
            ("2024-04-31", nil), ("2024-00-10", nil), ("0000-01-01", nil), ("2024-1-5", nil), ("2024/05/01", nil),
            ("2024-05-01T25:00", nil), ("2024-05-01T09:60", nil), ("2024-05-01T09:30:61", nil),
            ("2024-05-01T9:30", nil),
            ("2024-05-01T09:30+2", nil), ("2024-05-01T09:30Zulu", nil), ("2024-05-01 and more", nil), ("20240501", nil),
        ] as [(String, String?)])
    func dates(_ written: String, _ day: String?) throws {
        var note = parse("---\ntitle: T\ndate: \(written)\n---\nBody\n")
        note.modified = 86_400 * 3  // 1970-01-04
        #expect(note.changedDay == day ?? "1970-01-04")
        if day != nil {
            #expect(note.diagnostics.isEmpty)
            #expect(note.frontmatter.date != nil)
        } else {
            #expect(note.frontmatter.date == nil)
            let problem = try #require(note.diagnostics.first)
            #expect(note.diagnostics.count == 1)
            #expect((problem.line, problem.column, problem.severity, problem.code) == (3, 7, .warning, .frontmatter))
        }
    }

    @Test("draft and publish: false keep a note off the site")
    func publishing() {
        #expect(!parse("---\ndraft: true\n---\nx").isPublished)
        #expect(!parse("---\npublish: false\n---\nx").isPublished)
        #expect(parse("---\npublish: true\n---\nx").isPublished)
    }

    @Test("CRLF frontmatter")
    func crlf() {
        let note = parse("---\r\ntitle: Windows\r\n---\r\nBody\r\n")
        #expect(note.title == "Windows")
        #expect(note.markdown.html == "<p>Body</p>\n")
    }

    @Test("a character YAML does not allow is reported where it is")
    func controlCharacter() {
        let problems = parse("---\na: 1\nb: \"\u{7F}[[X]]\"\n---\n").diagnostics
        #expect(problems.map { SourcePlace(line: $0.line, column: $0.column) } == [SourcePlace(line: 3, column: 5)])
        #expect(
            problems.map(\.message) == [
                "malformed frontmatter YAML (control characters are not allowed); the frontmatter is ignored, the note still renders"
            ])
    }

    @Test("after a U+2028 in a value (a line break to YAML, not to the file), problems keep their file line")
    func yamlLineSeparator() {
        let places = { (text: String) in parse(text).diagnostics.map { SourcePlace(line: $0.line, column: $0.column) } }
        #expect(places("---\na: \"x\u{2028}y\"\ndate: nope\n---\n") == [SourcePlace(line: 3, column: 7)])
        #expect(places("---\na: \"x\u{2028}y\"\nb: c: d\n---\n") == [SourcePlace(line: 3, column: 5)])
    }
}

extension FrontmatterTests {
    @Test("a key written twice is reported where it is written the second time, by name")
    func duplicateKey() {
        let problems = { (text: String) in parse(text).diagnostics }
        let top = problems("---\ntitle: A\ntags: [x]\ntitle: B\n---\n# Hi\n")
        #expect(top.map { SourcePlace(line: $0.line, column: $0.column) } == [SourcePlace(line: 4, column: 1)])
        #expect(
            top.map(\.message) == [
                "malformed frontmatter YAML (the key `title` is written twice); the frontmatter is ignored, the note still renders"
            ])
        // In a nested mapping, quoted, after a comment, a blank line and a value's own lines.
        let nested = problems("---\nmeta:\n  a: 1\n  # note\n\n  b:\n    - x\n  \"a\": 2\nz: 1\n---\n")
        #expect(nested.map { SourcePlace(line: $0.line, column: $0.column) } == [SourcePlace(line: 8, column: 3)])
        // In a sequence item's mapping; the next item's keys are another mapping's.
        let items = problems("---\nlist:\n  - a: 1\n    a: 2\n  - a: 3\n---\n")
        #expect(items.map { SourcePlace(line: $0.line, column: $0.column) } == [SourcePlace(line: 4, column: 5)])
        // A flow mapping: where libyaml places it, at its first key.
        let flow = problems("---\nx: 1\nm: {a: 1, a: 2}\n---\n")
        #expect(flow.map { SourcePlace(line: $0.line, column: $0.column) } == [SourcePlace(line: 3, column: 5)])
        #expect(flow.map(\.message).first?.contains("`a` is written twice") == true)
    }
}

@Suite("Frontmatter regressions found by fuzzing")
struct FrontmatterFuzzRegressions {
    @Test("a mapping used as a key does not crash (Yams's value conversion force-unwrapped it)")
    func mappingAsKey() {
        let note = parse("---\nt;its: {{{{{{{{{{}}}}}}}}}}\n---\n# Still here\n")
        #expect(note.title == "Still here")
        let mappingKey = parse("---\n{a: b}: c\ntitle: Kept\n---\nx")
        #expect(mappingKey.title == "Kept")
    }
}
