import Foundation
import Testing

@testable import TrellisCore

/// What Trellis prints for people: counts in words.
@Suite("Terminal output")
struct TerminalOutputTests {
    @Test(
        "long lists are cut short",
        arguments: [
            ([], ""), (["a"], "a"), (["a", "b", "c"], "a, b, c"), (["a", "b", "c", "d"], "a, b, c and 1 more"),
            (["a", "b", "c", "d", "e", "f"], "a, b, c and 3 more"),
        ] as [([String], String)])
    func list(items: [String], words: String) {
        #expect(Wording.list(items, atMost: 3) == words)
    }

    @Test(
        "counts in words", arguments: [(0, "0 notes"), (1, "1 note"), (2, "2 notes"), (10_000, "10000 notes")])
    func counted(count: Int, words: String) {
        #expect(Wording.counted(count, "note") == words)
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
            timings: StageTimings(), seconds: 0.25, output: URL(fileURLWithPath: output), reparsed: notes, rerendered: notes)
    }
}
