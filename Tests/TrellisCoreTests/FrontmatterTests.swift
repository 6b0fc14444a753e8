import Testing

@testable import TrellisCore

@Suite("Frontmatter")
struct FrontmatterTests {
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
