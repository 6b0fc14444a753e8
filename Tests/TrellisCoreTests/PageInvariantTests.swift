import Foundation
import Testing

@testable import TrellisCore

/// The invariants of `SiteInvariants` on every fixture vault, on random vaults, on the study vault
/// and on the real vaults in `../shared`.
@Suite("Every page: fragments exist, tags balance, resolved links work")
struct PageInvariantTests {
    static let fixtures = ["basic", "hostile", "search/vault"]
    static let realVaults = ["foam-docs", "quartz-docs"]
    static let hasShared = FileManager.default.fileExists(
        atPath: Repository.shared.appendingPathComponent("vaults/real").path)

    @Test("fixture vaults", arguments: fixtures)
    func fixture(_ name: String) throws {
        let problems = try SiteInvariants.problems(building: Repository.fixtures.appendingPathComponent(name))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test(
        "random vaults, as made and with marks put where syntax meets text",
        arguments: 1...16 as ClosedRange<UInt64>, [false, true])
    func random(seed: UInt64, marked: Bool) throws {
        let vault = try TemporaryVault(marked ? RandomVault.withMarks(seed: seed) : RandomVault.files(seed: seed))
        defer { vault.remove() }
        let problems = try SiteInvariants.problems(building: vault.root)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("the study vault, Notes/")
    func notes() throws {
        let problems = try SiteInvariants.problems(building: Repository.root.appendingPathComponent("Notes"))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test(
        "real vaults (need ../shared)", .enabled(if: hasShared, "../shared/vaults/real is not beside the repository"),
        arguments: realVaults)
    func real(_ name: String) throws {
        let problems = try SiteInvariants.problems(
            building: Repository.shared.appendingPathComponent("vaults/real").appendingPathComponent(name))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test(
        "the checker sees what it is for",
        arguments: [
            ("<p><em>a</p></em>", 2), ("<div><p>x</p>", 1), ("<ul><li>x</li></ul></li>", 1),
            ("<p>a<br>b<img src=x /></p><hr />", 0), ("<script>if (a < b) { x = '</p>' }</script>", 0),
            ("<!-- </div> --><p title=\"a > b\">x</p>", 0),
            // A block inside a paragraph: the browser ends the paragraph before it.
            ("<p>a<div>b</div></p>", 1), ("<p><em><ul><li>x</li></ul></em></p>", 1),
            ("<p>a</p><div><p>b</p></div>", 0), ("<p><button><div>x</div></button></p>", 0),
        ])
    func tagBalance(html: String, problems: Int) {
        #expect(HTMLScan(html).unbalanced.count == problems)
    }

    @Test("the checker reads attributes as a browser does")
    func attributes() {
        let tags = HTMLScan("<a href=\"q.html#a%20b\" title='x &amp; y'>x</a><h2 id=\"caf&#233;\">y</h2>").tags
        #expect(tags.map(\.name) == ["a", "h2"])
        #expect(tags[0].attributes["href"] == "q.html#a%20b")
        #expect(tags[0].attributes["title"] == "x & y")
        #expect(tags[1].attributes["id"] == "café")
    }
}
