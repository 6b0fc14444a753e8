import Foundation
import Testing

@testable import TrellisCore

/// The incremental planner's rules, case by case, on small graphs written out by hand.
@Suite("incremental planner")
struct IncrementalPlannerTests {
    /// A graph as a table of links (`"A": ["B"]`: A links to B); neighbours go both ways.
    struct Graph {
        var links: [String: [String]]
        func neighbours(_ note: VaultPath) -> [VaultPath] {
            let name = note.string
            let out = links[name] ?? []
            let into = links.filter { $0.value.contains(name) }.map(\.key)
            return (out + into).map(VaultPath.init)
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var edited: [String]
        var linksChanged: Bool
        var before: [String: [String]]
        var after: [String: [String]]
        var embeds: [String: [String]] = [:]
        var expected: [String]
        var testDescription: String { name }
    }

    static let chain = ["A": ["B"], "B": ["C"], "C": ["D"], "D": ["E"]]

    static let cases: [Case] = [
        Case(
            name: "a content edit renders its page alone", edited: ["C"], linksChanged: false, before: chain,
            after: chain, expected: ["C"]),
        Case(
            name: "a link change renders the pages within two links", edited: ["C"], linksChanged: true, before: chain,
            after: chain,
            expected: ["A", "B", "C", "D", "E"]),
        Case(
            name: "two links, not three", edited: ["A"], linksChanged: true, before: chain, after: chain,
            expected: ["A", "B", "C"]),
        Case(
            name: "a link removed: the old neighbourhood is rendered too", edited: ["A"], linksChanged: true,
            before: chain,
            after: ["B": ["C"], "C": ["D"], "D": ["E"]], expected: ["A", "B", "C"]),
        Case(
            name: "a link added: the new neighbourhood is rendered", edited: ["E"], linksChanged: true, before: chain,
            after: chain.merging(["E": ["A"]]) { $1 }, expected: ["A", "B", "C", "D", "E"]),
        Case(
            name: "the notes that embed an edited one", edited: ["C"], linksChanged: false, before: [:], after: [:],
            embeds: ["C": ["B"]], expected: ["B", "C"]),
        Case(
            name: "embeds of embeds, as deep as embeds nest", edited: ["E"], linksChanged: false, before: [:],
            after: [:],
            embeds: ["E": ["D"], "D": ["C"], "C": ["B"], "B": ["A"], "A": ["Z"]], expected: ["A", "B", "C", "D", "E"]),
        Case(
            name: "an embed cycle ends", edited: ["A"], linksChanged: false, before: [:], after: [:],
            embeds: ["A": ["B"], "B": ["A"]], expected: ["A", "B"]),
    ]

    @Test("pages to render again", arguments: cases)
    func pages(_ example: Case) {
        let embeds = example.embeds
        let pages = IncrementalPlanner.pages(
            edited: Set(example.edited.map(VaultPath.init)), linksChanged: example.linksChanged,
            before: Graph(links: example.before).neighbours, after: Graph(links: example.after).neighbours,
            embedders: { (embeds[$0.string] ?? []).map(VaultPath.init) })
        #expect(pages.map(\.string).sorted() == example.expected)
    }

    @Test(
        "names are kept when no title, alias, tag, heading, block id, publishing or description changes",
        arguments: [
            ("# A\n\nText.", "# A\n\nOther text and [[Links]].", true),
            ("# A\n\nText.", "# B\n\nText.", false),
            ("# A\n\n## Part\n", "# A\n\n## Part 2\n", false),
            ("Text ^x", "Text ^y", false),
            ("---\naliases: [X]\n---\n", "---\naliases: [Y]\n---\n", false),
            ("---\ntags: [x]\n---\n", "---\ntags: [x]\n---\nmore #y", false),
            ("---\ndraft: false\n---\n", "---\ndraft: true\n---\n", false),
            ("---\ndescription: a\n---\n", "---\ndescription: b\n---\n", false),
        ])
    func keepsNames(before: String, after: String, kept: Bool) {
        #expect(IncrementalPlanner.keepsNames([(parse(before), parse(after))]) == kept)
    }

    /// A file system stamps files with a clock that moves in steps: a file edited just after the
    /// last build read it, in the same step and to the same size, keeps its stamp. So a file whose
    /// time is within `FileStamp.coarseness` of when the last build took its stamps is read again
    /// (as git reads again a "racily clean" file), however equal its stamp.
    @Test(
        "a note whose time is close to when the last build took its stamps is read again, its stamp as it was",
        arguments: [
            (secondsBeforeStamping: 60.0, kept: true), (2.5, true), (2.0, false), (1.0, false), (0.004, false),
            (0, false), (-1, false),
        ])
    func racyStamps(secondsBeforeStamping: Double, kept: Bool) {
        let path = VaultPath("a.md")
        let stampedAt: Int64 = 1_800_000_000_000_000_000
        let stamp = FileStamp(size: 10, modified: stampedAt - Int64(secondsBeforeStamping * 1e9))
        let result = IncrementalPlanner.keptUnread(
            [path], before: [path: stamp], stampedAt: stampedAt, now: [path: stamp], known: { _ in true }, jobs: 1)
        #expect(result == [kept])
    }

    @Test("which notes are kept without reading their files")
    func keptUnread() {
        let a = VaultPath("a.md"), b = VaultPath("b.md"), c = VaultPath("c.md"), d = VaultPath("d.md")
        let stamp = FileStamp(size: 10, modified: 1), later = FileStamp(size: 10, modified: 2)
        let before = [a: stamp, b: stamp, c: stamp]
        let now = [a: stamp, b: later, c: stamp, d: stamp]
        // a: same stamp; b: new time; c: same stamp but the build did not keep it; d: new note.
        let kept = IncrementalPlanner.keptUnread(
            [a, b, c, d], before: before, stampedAt: .max, now: now, known: { $0 != c }, jobs: 1)
        #expect(kept == [true, false, false, false])
        #expect(
            IncrementalPlanner.keptUnread([a], before: nil, stampedAt: .max, now: now, known: { _ in true }, jobs: 1)
                == [false])
        #expect(IncrementalPlanner.touched(hash: 7, was: 7))
        #expect(!IncrementalPlanner.touched(hash: 7, was: 8))
        #expect(!IncrementalPlanner.touched(hash: nil, was: 7))  // unreadable now: read and reported
    }

    @Test("a note that was not there before changes names")
    func newNote() {
        #expect(!IncrementalPlanner.keepsNames([(nil, parse("# A"))]))
        #expect(IncrementalPlanner.keepsNames([]))
    }

    @Test("an edit to a note embedded two deep renders the page that embeds the embedding note")
    func nestedEmbedEdit() throws {
        let vault = try TemporaryVault([
            "A.md": "# A\n\n![[B]]\n", "B.md": "# B\n\n![[C]]\n", "C.md": "# C\n\nFirst words.\n",
        ])
        defer { vault.remove() }
        let options = vault.cachedOptions(key: "planner")
        _ = try SiteBuilder(options: options).build()
        try Data("# C\n\nSecond words.\n".utf8).write(to: vault.root.appendingPathComponent("C.md"))
        let report = try SiteBuilder(options: options).build()
        #expect(report.reparsed == 1)
        #expect(try vault.page("a.html").contains("Second words"))
    }
}
