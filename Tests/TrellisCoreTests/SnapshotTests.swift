import Foundation
import Testing

@testable import TrellisCore

/// Whole sites: each fixture vault is built (`PinnedBuild`) and every file of its site is compared
/// with the site recorded beside it, in `Tests/Fixtures/<vault>.expected/` (`SiteSnapshot`). This
/// catches what the tests of fragments do not think to look for.
///
/// After a change that is meant to change the output, record again and review the diff:
/// `TRELLIS_RECORD=1 swift test --filter Snapshot`, then `git diff Tests/Fixtures`.
@Suite("Snapshot: whole sites of the fixture vaults")
struct SnapshotTests {
    static let fixtures = ["basic", "hostile", "search/vault"]
    static let recording = ProcessInfo.processInfo.environment["TRELLIS_RECORD"] == "1"

    @Test("the site is the one recorded beside the vault", arguments: fixtures)
    func site(_ name: String) throws {
        let build = try PinnedBuild(Repository.fixtures.appendingPathComponent(name))
        defer { build.remove() }
        let built = try SiteSnapshot(build, theme: Repository.theme)
        let folder = Repository.fixtures.appendingPathComponent(name + ".expected")
        let shown = "Tests/Fixtures/\(name).expected"
        if SnapshotTests.recording {
            try built.record(in: folder)
            return
        }
        guard let expected = try SiteSnapshot(recordedIn: folder) else {
            Issue.record(
                "nothing is recorded in \(shown): record it with TRELLIS_RECORD=1 swift test --filter Snapshot")
            return
        }
        let differences = expected.differences(from: built)
        guard !differences.isEmpty else { return }
        // Every page differs after a change to a template: the first few say enough.
        let shownAtMost = 12
        var lines = differences.prefix(shownAtMost).map { "\(shown)/\($0)" }
        if differences.count > shownAtMost { lines.append("… and \(differences.count - shownAtMost) more") }
        Issue.record(
            """
            the site built from Tests/Fixtures/\(name) is not the one recorded:
            \(lines.joined(separator: "\n"))
            If the change is meant, record again with TRELLIS_RECORD=1 swift test --filter Snapshot \
            and review git diff Tests/Fixtures.
            """)
    }

    @Test("a difference names the line and column, with both lines around it")
    func firstDifference() {
        let message = SiteSnapshot.firstDifference(
            Array("same\n<p>old text</p>\n".utf8), Array("same\n<p>new text</p>\n".utf8))
        #expect(message == "differs at line 2, column 4\n    expected: <p>old text</p>\n    built:    <p>new text</p>")
        let shorter = SiteSnapshot.firstDifference(Array("a\nb\n".utf8), Array("a\n".utf8))
        #expect(shorter == "differs at line 2, column 1\n    expected: b\n    built:    ")
        let crlf = SiteSnapshot.firstDifference(Array("a\r\nb\r\n".utf8), Array("a\r\nc\r\n".utf8))
        #expect(crlf == "differs at line 2, column 1\n    expected: b\r\n    built:    c\r")
        let binary = SiteSnapshot.firstDifference([0xFF, 1, 2], [0xFF, 1, 3])
        #expect(binary == "differs from byte 2 (not UTF-8; 3 bytes expected, 3 built)")
    }

    @Test("missing, extra and different files, and the theme assets list, are each named")
    func differences() {
        let expected = SiteSnapshot(
            files: ["a.html": Array("a".utf8), "b.html": Array("b".utf8)], themeAssets: ["_trellis/style.css"],
            diagnostics: "")
        let built = SiteSnapshot(
            files: ["b.html": Array("B".utf8), "c.html": Array("c".utf8)], themeAssets: ["_trellis/theme.js"],
            diagnostics: "x.md: warning: w [w]\n")
        #expect(
            expected.differences(from: built) == [
                "site/a.html: expected, but the build did not write it",
                "site/b.html: differs at line 1, column 1\n    expected: b\n    built:    B",
                "site/c.html: the build wrote it, but it is not expected",
                "theme-assets.txt lists _trellis/style.css, but the build did not copy it unchanged from Theme/assets/",
                "the build copied _trellis/theme.js from Theme/assets/, but theme-assets.txt does not list it",
                "diagnostics.txt: differs at line 1, column 1\n    expected: \n    built:    x.md: warning: w [w]",
            ])
    }
}
