import Foundation
import Testing

@testable import TrellisCore

/// Every command runs the same pipeline, each a prefix of it: on every fixture vault, `check`,
/// `graph`, `stats`, `build` (without and with its cache) and `serve`'s builder run to the end,
/// and `check` reports exactly the diagnostics that `build` prints.
@Suite("commands × vaults")
struct CommandAgreementTests {
    static let fixtureVaults = ["basic", "hostile", "search/vault"]
    static let sharedVaults = ["vaults/links", "vaults/real/foam-docs", "vaults/real/quartz-docs"]
    static let hasShared = FileManager.default.fileExists(
        atPath: Repository.shared.appendingPathComponent("vaults").path)

    /// Small vaults, each a case that once broke one command but not another.
    static let cases: [String: [String: String]] = [
        "footnote": ["n.md": "x[^1]\n\n[^1]: y\n"],
        "footnote alone": ["n.md": "[^1]\n\n[^1]: y [[n]]\n"],
        "collisions": ["a b.md": "[[a-b]]", "a-b.md": "# A", "404.md": "# Not found", "tags/index.md": "x"],
        "empty note": ["Empty.md": ""],
        "math and diagrams": [
            "m.md":
                "$\\frac{1}{$ and\n\n> [!note] N\n>\n> $$\n> \\right)\n> $$\n\n```mermaid\ngraph TD\n```\n[^1]\n\n[^1]: $x}$\n",
            "e.md": "![[m]]", "draft.md": "---\npublish: false\n---\n$y$\n",
        ],
        "links in properties": [
            "p.md":
                "---\nup: \"[[q]]\"\nsee: [\"[[nowhere]]\", \"[[q#no heading]]\"]\nbare: [[q]]\nx: {a: [[q]]}\n---\nbody\n",
            "q.md": "---\nproperties: hide\nback: \"[[p|p]]\"\n---\n# q\n",
        ],
        "hostile properties": [
            "p.md":
                "\u{FEFF}---\r\nup: \"[[q]]\"\r\nx: \"[[\\x71]]\"\r\nls: \"a\u{2028}b\"\r\nl: &l [\"[[q]]\", \"[[gone]]\"]\r\n"
                + "m: [*l, *l]\r\n\"<b>\": \"<script>\"\r\nf: >\r\n  [[q\r\n  #x]]\r\n---\r\nbody\r\n",
            "q.md": "---\npublish: false\nback: \"[[p]]\"\n---\n",
        ],
    ]

    @Test("fixture vaults", arguments: fixtureVaults)
    func fixture(_ name: String) throws {
        try runEveryCommand(on: Repository.fixtures.appendingPathComponent(name))
    }

    @Test("small cases", arguments: cases.keys.sorted())
    func smallCase(_ name: String) throws {
        let vault = try TemporaryVault(Self.cases[name]!)
        defer { vault.remove() }
        try runEveryCommand(on: vault.root)
    }

    @Test(
        "random vaults, as made and with marks where syntax meets text", arguments: 1...12 as ClosedRange<UInt64>,
        [false, true])
    func random(seed: UInt64, marked: Bool) throws {
        let vault = try TemporaryVault(marked ? RandomVault.withMarks(seed: seed) : RandomVault.files(seed: seed))
        defer { vault.remove() }
        try runEveryCommand(on: vault.root)
    }

    @Test(
        "shared vaults (need ../shared)", .enabled(if: hasShared, "../shared/vaults is not beside the repository"),
        arguments: sharedVaults)
    func shared(_ name: String) throws {
        try runEveryCommand(on: Repository.shared.appendingPathComponent(name))
    }

    @Test("twin names in NFC and NFD: one is read, with a warning, in every command")
    func unicodeTwins() throws {
        let vault = try TemporaryVault(["Home.md": "[[résumé]]"])
        defer { vault.remove() }
        for name in ["r\u{E9}sum\u{E9}.md", "re\u{301}sume\u{301}.md"] {
            let url = vault.root.appendingPathComponent(name)
            #expect(FileManager.default.createFile(atPath: url.path, contents: Data("# \(name.utf8.count)".utf8)))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: vault.root.path)
        #expect(Set(names.map { Array($0.utf8) }).count == 3)  // two files on disk, not one
        let diagnostics = try runEveryCommand(on: vault.root)
        #expect(diagnostics.filter { $0.code == .outputCollision }.count == 1)
    }

    /// Runs what each command runs on `vault`, and returns the diagnostics they agree on.
    @discardableResult
    private func runEveryCommand(on vault: URL) throws -> [Diagnostic] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trellis-agree-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        // check, graph, stats
        var timings = StageTimings()
        let checked = try Pipeline.resolve(RunOptions(vault: vault), render: false, timings: &timings)
        #expect(GraphFile(resolved: checked).render(.json).hasPrefix("{"))
        #expect(GraphFile(resolved: checked).render(.dot).hasPrefix("digraph"))
        let stats = VaultStats(checked)
        #expect(!stats.text().isEmpty && stats.json().hasPrefix("{"))
        // build, without a cache, then twice with one (the second starts from it)
        var options = RunOptions(
            vault: vault, output: scratch.appendingPathComponent("site"), defaultTheme: Repository.theme)
        let built = try Pipeline.build(options)
        options.cacheKey = "agreement"
        options.cacheFolder = scratch.appendingPathComponent("cache")
        let cached = try SiteBuilder(options: options).build()
        let restored = try SiteBuilder(options: options).build()
        // serve: one builder, a deferred index brought up to date afterwards
        options.output = scratch.appendingPathComponent("serve")
        options.cacheKey = nil
        let server = SiteBuilder(options: options)
        let served = try server.build(deferIndex: true)
        try server.refreshIndex()
        #expect(checked.diagnostics == built.diagnostics, "check and build disagree on \(vault.lastPathComponent)")
        #expect(cached.diagnostics == built.diagnostics)
        #expect(restored.diagnostics == built.diagnostics)
        #expect(served.diagnostics == built.diagnostics)
        #expect(restored.reparsed == 0)
        return built.diagnostics
    }
}
