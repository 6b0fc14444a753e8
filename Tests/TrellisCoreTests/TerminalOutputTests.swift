import Foundation
import Testing

@testable import TrellisCore

/// What Trellis prints for people: vault text escaped, counts in words.
@Suite("Terminal output")
struct TerminalOutputTests {
    @Test(
        "control characters are shown escaped, other text as it is",
        arguments: [
            ("Plain café.md", "Plain café.md"),
            ("bad\u{1B}[31mname.md", "bad\\x1b[31mname.md"),
            ("two\nlines.md", "two\\nlines.md"),
            ("tab\there\r.md", "tab\\there\\r.md"),
            ("nul\u{0}del\u{7F}csi\u{9B}.md", "nul\\x00del\\x7fcsi\\x9b.md"),
            ("evil\u{202E}dm.exe", "evil\\u{202e}dm.exe"),
            ("isolate\u{2066}x\u{2069}", "isolate\\u{2066}x\\u{2069}"),
            ("a\\x1b stays", "a\\x1b stays"),
            ("only\u{7F}delete", "only\\x7fdelete"),
            ("only~tilde", "only~tilde"),
        ])
    func escaped(input: String, shown: String) {
        #expect(TerminalText.escaped(input) == shown)
    }

    @Test("a diagnostic's file and message are escaped in text; the colours are still Trellis's own")
    func diagnosticText() {
        let diagnostic = Diagnostic(
            file: "x\u{1B}]0;owned\u{7}.md", line: 2, column: 3, severity: .error, code: .danglingLink,
            message: "dangling link [[a\u{9B}2J]]")
        #expect(
            DiagnosticFormatter.text(diagnostic, colour: false)
                == "x\\x1b]0;owned\\x07.md:2:3: error: dangling link [[a\\x9b2J]]")
        let coloured = DiagnosticFormatter.text(diagnostic, colour: true)
        #expect(
            coloured
                == "\u{1B}[1mx\\x1b]0;owned\\x07.md:2:3:\u{1B}[0m \u{1B}[1;31merror:\u{1B}[0m dangling link [[a\\x9b2J]]"
        )
        #expect(
            DiagnosticFormatter.github(diagnostic, prefix: "")
                == "::error file=x\\x1b]0;owned\\x07.md,line=2,col=3,title=trellis dangling-link::dangling link [[a\\x9b2J]]"
        )
        // JSON has escapes of its own.
        #expect(DiagnosticFormatter.json([diagnostic], notes: 1, links: 1).contains("\"x\\u001b]0;owned\\u0007.md\""))
    }

    @Test("many diagnostics print as each one's line, in order, on one core or two", arguments: [1, 2])
    func diagnosticLines(jobs: Int) {
        let diagnostics = (0..<2_500).map { number in
            Diagnostic(
                file: number % 700 == 0 ? "odd\u{1B}[2J\(number).md" : "Note \(number).md", line: number,
                column: 1, severity: number % 3 == 0 ? .warning : .error, code: .danglingLink,
                message: "dangling link [[Target \(number)]]")
        }
        for colour in [false, true] {
            let lines = diagnostics.map { DiagnosticFormatter.text($0, colour: colour) }.joined(separator: "\n")
            #expect(DiagnosticFormatter.text(diagnostics, colour: colour, jobs: jobs) == lines)
        }
        #expect(DiagnosticFormatter.text([], colour: false, jobs: jobs) == "")
    }

    @Test("a file named with escape sequences is shown escaped by check and stats; search results too")
    func hostileFileName() throws {
        let vault = try TemporaryVault([
            "Index.md": "[[al]]\n", "bad\u{1B}[2J.md": "---\ntitle: \"T\\e]0;x\\a\"\naliases: [al]\n---\n[[Missing]]\n",
        ])
        defer { vault.remove() }
        let resolved = try vault.check()
        let lines = resolved.diagnostics.map { DiagnosticFormatter.text($0, colour: false) }
        #expect(lines == ["bad\\x1b[2J.md:5:1: error: dangling link [[Missing]]"])
        let stats = VaultStats(resolved).text()
        // (A title's control characters are replaced when the frontmatter is read; a file name's are escaped.)
        #expect(stats.contains("  1  T\u{FFFD}]0;x\u{FFFD}  (bad\\x1b[2J.md)"), "\(stats)")
        #expect(!stats.contains("\u{1B}"))
        let result = SearchResult(
            id: "a.md", title: "a\u{1B}[2J", url: "a\u{9B}.html", heading: "h\u{202E}", score: 1, snippet: "s\u{1B}")
        #expect(SearchResult.text([result]) == "a\\x1b[2J › h\\u{202e}  (a\\x9b.html)\n    s\\x1b")
    }

    @Test("a build's summary escapes its output path")
    func summaryPath() {
        let report = Self.report(notes: 2, output: "/tmp/site\u{1B}[2J")
        #expect(report.summary.hasSuffix("Open /tmp/site\\x1b[2J/index.html"))
    }

    @Test(
        "counts in words", arguments: [(0, "0 notes"), (1, "1 note"), (2, "2 notes"), (10_000, "10000 notes")])
    func counted(count: Int, words: String) {
        #expect(Wording.counted(count, "note") == words)
    }

    @Test(
        "long lists are cut short",
        arguments: [
            ([], ""), (["a"], "a"), (["a", "b", "c"], "a, b, c"), (["a", "b", "c", "d"], "a, b, c and 1 more"),
            (["a", "b", "c", "d", "e", "f"], "a, b, c and 3 more"),
        ] as [([String], String)])
    func list(items: [String], words: String) {
        #expect(Wording.list(items, atMost: 3) == words)
    }

    @Test("the build summary says 1 note, 1 page, 1 error")
    func summaryWords() {
        var one = Self.report(notes: 1, output: "/site")
        one.diagnostics = [
            Diagnostic(file: "a.md", severity: .error, code: .danglingLink, message: "x"),
            Diagnostic(file: "a.md", severity: .warning, code: .ambiguousLink, message: "y"),
        ]
        #expect(
            one.summary
                == "Built 1 note into 1 page and 1 attachment in 0.25 s (1 written, 0 unchanged, 0 removed); 1 error, 1 warning. Open /site/index.html"
        )
        let two = Self.report(notes: 2, output: "/site")
        #expect(
            two.summary
                == "Built 2 notes into 2 pages and 2 attachments in 0.25 s (1 written, 0 unchanged, 0 removed); 0 errors, 0 warnings. Open /site/index.html"
        )
    }

    /// A report of a full build of `notes` notes, as many pages and attachments.
    static func report(notes: Int, output: String) -> BuildReport {
        BuildReport(
            diagnostics: [], notes: notes, pages: notes, attachments: notes, written: (1, 0, 0, 0),
            timings: StageTimings(), seconds: 0.25, output: URL(fileURLWithPath: output), reparsed: notes,
            rerendered: notes)
    }
}
