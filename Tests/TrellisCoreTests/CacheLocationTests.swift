import Foundation
import Testing

@testable import TrellisCore

@Suite("cache location")
struct CacheLocationTests {
    static let vault = URL(fileURLWithPath: "/srv/My Notes")
    static let site = URL(fileURLWithPath: "/srv/site")

    @Test(
        "the default folder is in the user's cache directory",
        arguments: [
            (["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/me"], "/x/cache/trellis/my-notes-"),
            (["HOME": "/home/me"], "/home/me/.cache/trellis/my-notes-"),
            (["XDG_CACHE_HOME": "relative", "HOME": "/home/me"], "/home/me/.cache/trellis/my-notes-"),
        ])
    func defaultFolder(environment: [String: String], prefix: String) {
        let folder = CacheLocation.defaultFolder(vault: Self.vault, output: Self.site, environment: environment).path
        #expect(folder.hasPrefix(prefix))
        #expect(folder.count == prefix.count + 16)
    }

    @Test("each vault and output folder gets a cache of its own, the same on every run")
    func keyedByVaultAndOutput() {
        let environment = ["HOME": "/home/me"]
        let one = CacheLocation.defaultFolder(vault: Self.vault, output: Self.site, environment: environment)
        #expect(one == CacheLocation.defaultFolder(vault: Self.vault, output: Self.site, environment: environment))
        #expect(
            one
                != CacheLocation.defaultFolder(
                    vault: Self.vault, output: URL(fileURLWithPath: "/srv/other"), environment: environment))
        #expect(
            one
                != CacheLocation.defaultFolder(
                    vault: URL(fileURLWithPath: "/srv/Other"), output: Self.site, environment: environment))
    }

    @Test("serve's preview is built in the user's cache directory, in folders only the user can read")
    func previewFolder() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("trellis-home-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let folder = CacheLocation.previewFolder(vault: Self.vault, environment: ["XDG_CACHE_HOME": home.path])
        #expect(folder.path.hasPrefix(home.path + "/trellis/serve/my-notes-"))
        #expect(folder == CacheLocation.previewFolder(vault: Self.vault, environment: ["XDG_CACHE_HOME": home.path]))
        try CacheLocation.preparePrivateParent(of: folder)
        for made in [home.appendingPathComponent("trellis"), folder.deletingLastPathComponent()] {
            let mode = try FileManager.default.attributesOfItem(atPath: made.path)[.posixPermissions] as? Int
            #expect(mode == 0o700, "\(made.path)")
        }
        // A parent others can read, or a link in its place, is refused.
        chmod(folder.deletingLastPathComponent().path, 0o755)
        #expect(throws: OutputGuard.Refusal.self) { try CacheLocation.preparePrivateParent(of: folder) }
        try FileManager.default.removeItem(at: folder.deletingLastPathComponent())
        try FileManager.default.createSymbolicLink(
            at: folder.deletingLastPathComponent(), withDestinationURL: FileManager.default.temporaryDirectory)
        #expect(throws: OutputGuard.Refusal.self) { try CacheLocation.preparePrivateParent(of: folder) }
    }

    @Test("--cache-dir wins over cache_dir, which is relative to the vault")
    func explicitFolders() throws {
        var options = RunOptions(vault: Self.vault)
        var config = try Config.parse("cache_dir = \".cache/trellis\"\n")
        #expect(CacheLocation.folder(options, config, output: Self.site).path == "/srv/My Notes/.cache/trellis")
        options.cacheFolder = URL(fileURLWithPath: "/tmp/c")
        #expect(CacheLocation.folder(options, config, output: Self.site).path == "/tmp/c")
        config.cacheDir = nil
        options.cacheFolder = nil
        #expect(CacheLocation.folder(options, config, output: Self.site).path.contains("/trellis/my-notes-"))
    }

    @Test("a cache folder among the notes, in the site or its staging folder, or on a file is refused")
    func refusedFolders() throws {
        let vault = try TemporaryVault(["Note.md": "# Note\n", "Notes/Other.md": "# Other\n"])
        defer {
            vault.remove()
            try? FileManager.default.removeItem(at: vault.output)
        }
        let refused = [
            vault.root, vault.root.appendingPathComponent("Notes"), vault.root.appendingPathComponent("new"),
            vault.root.appendingPathComponent("Note.md"), vault.output, vault.output.appendingPathComponent("c"),
            URL(fileURLWithPath: StagingFolder.path(for: vault.output.path)),
            vault.root.appendingPathComponent("new/.cache"),
        ]
        for folder in refused {
            #expect(throws: OutputGuard.Refusal.self) {
                try CacheLocation.check(folder, output: vault.output, vault: vault.root)
            }
        }
        for folder in [vault.root.appendingPathComponent(".cache"), vault.cache] {
            try CacheLocation.check(folder, output: vault.output, vault: vault.root)
        }
        // A build told to keep its cache among the notes writes nothing.
        var options = RunOptions(vault: vault.root, output: vault.output, defaultTheme: Repository.theme)
        options.cacheKey = "test"
        options.cacheFolder = vault.root.appendingPathComponent("Notes")
        #expect(throws: OutputGuard.Refusal.self) { try SiteBuilder(options: options).build() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: options.cacheFolder!.path) == ["Other.md"])
        #expect(!FileManager.default.fileExists(atPath: vault.output.path))
        // Nor does one given a theme folder that is not there.
        options.cacheFolder = vault.cache
        options.theme = vault.root.appendingPathComponent("missing")
        #expect(throws: Theme.ThemeError.self) { try SiteBuilder(options: options).build() }
    }

    @Test("every setting of the config is in its fingerprint")
    func fingerprintCoversEverySetting() throws {
        let base = Config()
        var changed: [Config] = []
        var config = base
        config.title = "Other"; changed.append(config); config = base
        config.baseURL = "https://x.org/"; changed.append(config); config = base
        config.home = "Start"; changed.append(config); config = base
        config.theme = "t"; changed.append(config); config = base
        config.output = "o"; changed.append(config); config = base
        config.cacheDir = "c"; changed.append(config); config = base
        config.mermaid = "m.js"; changed.append(config); config = base
        config.properties = .hide; changed.append(config); config = base
        config.ignore = ["x/*"]; changed.append(config); config = base
        config.unsafeHTML = true; changed.append(config); config = base
        config.aliasesResolve = false; changed.append(config); config = base
        config.ambiguous = .error; changed.append(config); config = base
        config.severities[.danglingLink] = .warning; changed.append(config); config = base
        config.severities[.danglingLink] = .some(nil); changed.append(config); config = base
        // One changed config per stored setting: a new setting must be added here, and is then
        // in the fingerprint without anyone listing it.
        #expect(Mirror(reflecting: base).children.count == changed.count - 1)
        let prints = Set(changed.map(\.fingerprint))
        #expect(prints.count == changed.count)
        #expect(!prints.contains(base.fingerprint))
        // The same config gives the same fingerprint, whatever order its table was filled in.
        var a = base, b = base
        a.severities[.danglingLink] = .warning; a.severities[.missingHeading] = .error
        b.severities[.missingHeading] = .error; b.severities[.danglingLink] = .warning
        #expect(a.fingerprint == b.fingerprint)
    }
}
