import Foundation
import Testing

@testable import TrellisCore

/// The folders `trellis.toml` names, and the file itself, stay inside the vault, links resolved;
/// `--output` and `--theme` may name any folder.
@Suite("Paths in trellis.toml")
struct ConfigPathTests {
    private let files = FileManager.default

    /// A vault beside a folder `outside` that holds a theme template, with a `trellis.toml` that
    /// says `config` and the links `links` (name in the vault → where it points, relative); in
    /// both, OUTSIDE stands for the outside folder's name.
    private func vault(_ config: String, links: [String: String] = [:]) throws -> (TemporaryVault, outside: URL) {
        let vault = try TemporaryVault(["Index.md": "# Home\n"])
        let outside = vault.root.appendingPathExtension("outside")
        try files.createDirectory(at: outside.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try Data("outside".utf8).write(to: outside.appendingPathComponent("templates/base.mustache"))
        let named = { (text: String) in text.replacingOccurrences(of: "OUTSIDE", with: outside.lastPathComponent) }
        try Data(named(config).utf8).write(to: vault.root.appendingPathComponent(Config.fileName))
        for (name, target) in links {
            try files.createSymbolicLink(
                atPath: vault.root.appendingPathComponent(name).path, withDestinationPath: named(target))
        }
        return (vault, outside)
    }

    private func remove(_ vault: TemporaryVault, _ outside: URL) {
        vault.remove()
        try? files.removeItem(at: outside)
    }

    static let outwardConfigs: [(config: String, links: [String: String])] = [
        ("title = \"x\"\noutput = \"/tmp/anywhere\"\n", [:]),
        ("title = \"x\"\noutput = \"../site\"\n", [:]),
        ("title = \"x\"\ntheme = \"../OUTSIDE\"\n", [:]),
        ("title = \"x\"\ntheme = \"themes/../../OUTSIDE\"\n", [:]),
        ("title = \"x\"\ntheme = \"theme\"\n", ["theme": "../OUTSIDE"]),
        ("title = \"x\"\noutput = \".site/public\"\n", [".site": "../OUTSIDE"]),
        ("title = \"x\"\ncache_dir = \"/tmp/anywhere\"\n", [:]),
        ("title = \"x\"\ncache_dir = \"../cache\"\n", [:]),
        ("title = \"x\"\ncache_dir = \".cache\"\n", [".cache": "../OUTSIDE"]),
        ("title = \"x\"\nmermaid = \"/etc/hostname\"\n", [:]),
        ("title = \"x\"\nmermaid = \"../OUTSIDE/templates/base.mustache\"\n", [:]),
        ("title = \"x\"\nmermaid = \"mermaid.min.js\"\n", ["mermaid.min.js": "../OUTSIDE/templates/base.mustache"]),
    ]

    @Test(
        "output or theme outside the vault — absolute, up with .., or through a link — is a config error",
        arguments: outwardConfigs)
    func outward(_ config: String, _ links: [String: String]) throws {
        let (vault, outside) = try vault(config, links: links)
        defer { remove(vault, outside) }
        let error = #expect(throws: Config.ConfigError.self) { try Config.load(vault: vault.root) }
        #expect(error?.line == 2)
        #expect(throws: Config.ConfigError.self) {
            try Pipeline.build(RunOptions(vault: vault.root, defaultTheme: Repository.theme))
        }
        #expect(try files.contentsOfDirectory(atPath: outside.path) == ["templates"])
    }

    @Test(
        "a cache_dir among the notes, in the site or on a file, a theme that is not a folder or is the vault, a mermaid that is not a script, and a base_url that is not http(s), are config errors",
        arguments: [
            "title = \"x\"\ncache_dir = \"cache\"\n", "title = \"x\"\ncache_dir = \".\"\n",
            "title = \"x\"\ncache_dir = \"notes/cache\"\n",
            "title = \"x\"\noutput = \".site\"\ncache_dir = \".site/cache\"\n",
            "title = \"x\"\ncache_dir = \".cache\"\ntheme = \"Index.md\"\n", "title = \"x\"\ntheme = \"look\"\n",
            "title = \"x\"\ncache_dir = \"Index.md\"\n", "title = \"x\"\ntheme = \"\"\n",
            "title = \"x\"\ntheme = \".\"\n",
            "title = \"x\"\nmermaid = \"Index.md\"\n", "title = \"x\"\nbase_url = \"javascript:alert(1)//\"\n",
        ])
    func cacheAndThemeFolders(_ config: String) throws {
        let (vault, outside) = try vault(config)
        defer { remove(vault, outside) }
        let lines = config.split(separator: "\n").count
        let error = #expect(throws: Config.ConfigError.self) { try Config.load(vault: vault.root) }
        #expect(error?.line == lines)
        #expect(try files.contentsOfDirectory(atPath: vault.root.path).sorted() == ["Index.md", Config.fileName])
    }

    @Test("a theme and an output inside the vault, through a link inside it too, are fine; flags may point anywhere")
    func inside() throws {
        let (vault, outside) = try vault("output = \".site\"\ntheme = \"look\"\n", links: ["look": ".theme"])
        defer { remove(vault, outside) }
        try files.createDirectory(at: vault.root.appendingPathComponent(".theme"), withIntermediateDirectories: true)
        let config = try Config.load(vault: vault.root)
        #expect(config.output == ".site" && config.theme == "look")
        _ = try Pipeline.build(
            RunOptions(vault: vault.root, output: vault.output, theme: outside, defaultTheme: Repository.theme))
        #expect(try vault.page("index.html") == "outside")  // --theme, outside the vault, is used
    }

    @Test("a trellis.toml that is a link to a file outside the vault is not read; one inside it is")
    func linkedConfig() throws {
        let (vault, outside) = try vault("")
        defer { remove(vault, outside) }
        let config = vault.root.appendingPathComponent(Config.fileName)
        try files.removeItem(at: config)
        try Data("title = \"Outside\"\n".utf8).write(to: outside.appendingPathComponent("trellis.toml"))
        try files.createSymbolicLink(at: config, withDestinationURL: outside.appendingPathComponent("trellis.toml"))
        #expect(throws: Config.ConfigError.self) { try Config.load(vault: vault.root) }
        try files.removeItem(at: config)
        try Data("title = \"Inside\"\n".utf8).write(to: vault.root.appendingPathComponent("settings.toml"))
        try files.createSymbolicLink(atPath: config.path, withDestinationPath: "settings.toml")
        #expect(try Config.load(vault: vault.root).title == "Inside")
    }
}
