import Foundation
import Testing

@testable import TrellisCore

@Suite("trellis init: starting a vault")
struct InitTests {
    /// A folder path in the temporary folder that does not exist yet.
    private func newFolder(_ name: String = "vault") -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("trellis-init-\(UUID().uuidString)")
            .appendingPathComponent(name)
    }

    private func remove(_ folder: URL) {
        try? FileManager.default.removeItem(at: folder.deletingLastPathComponent())
    }

    private func contents(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test("writes trellis.toml and two notes into a new folder, titled after the folder")
    func writesTheFiles() throws {
        let folder = newFolder("My Garden")
        defer { remove(folder) }
        let report = try VaultInitializer(folder: folder).write()
        #expect(report.written == ["trellis.toml", "Home.md", "Getting Started.md"])
        #expect(report.createdFolder)
        #expect(report.existingEntries.isEmpty)
        #expect(contents(folder) == ["Getting Started.md", "Home.md", "trellis.toml"])
        let config = try Config.load(vault: folder)
        #expect(config.title == "My Garden")
        #expect(config.home == "Home")
        #expect(config.output == ".site")
    }

    @Test("the new vault checks clean, with orphans reported too, and builds")
    func checksCleanAndBuilds() throws {
        let folder = newFolder()
        defer { remove(folder) }
        try VaultInitializer(folder: folder, title: "Garden").write()
        var options = RunOptions(vault: folder)
        options.orphans = true
        var timings = StageTimings()
        let resolved = try Pipeline.resolve(options, render: false, timings: &timings)
        #expect(resolved.diagnostics.isEmpty, "\(resolved.diagnostics.map(\.message))")
        #expect(resolved.notes.count == 2)
        #expect(resolved.home == VaultPath("Home.md"))
        #expect(resolved.linkCount >= 3)
        #expect(resolved.graph.dangling.isEmpty)

        let site = folder.deletingLastPathComponent().appendingPathComponent("site")
        let report = try Pipeline.build(RunOptions(vault: folder, output: site, defaultTheme: Repository.theme))
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.message))")
        #expect(report.notes == 2)
        let home = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains("Garden"))
        #expect(home.contains("href=\"getting-started.html\""))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("getting-started.html").path))
    }

    @Test("the configured output, .site inside the vault, is accepted and holds the site")
    func buildsIntoTheConfiguredOutput() throws {
        let folder = newFolder()
        defer { remove(folder) }
        try VaultInitializer(folder: folder).write()
        // `output` is relative to the vault itself, however its URL was made (here without a final `/`).
        let vault = folder
        let report = try Pipeline.build(RunOptions(vault: vault, defaultTheme: Repository.theme))
        #expect(
            report.output.standardizedFileURL.path == folder.appendingPathComponent(".site").standardizedFileURL.path)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".site/index.html").path))
        // Built again, the hidden site folder does not become part of the vault.
        let again = try Pipeline.build(RunOptions(vault: vault, defaultTheme: Repository.theme))
        #expect(again.notes == 2 && again.attachments == 0)
    }

    @Test("refuses when a file exists, names it, and writes nothing")
    func refusesToOverwrite() throws {
        let folder = newFolder()
        defer { remove(folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("title = \"Mine\"\n".utf8).write(to: folder.appendingPathComponent("trellis.toml"))
        #expect(throws: VaultInitializer.Refusal.filesExist(["trellis.toml"], folder: folder.standardizedFileURL.path))
        {
            try VaultInitializer(folder: folder).write()
        }
        #expect(contents(folder) == ["trellis.toml"])
        #expect(
            try String(contentsOf: folder.appendingPathComponent("trellis.toml"), encoding: .utf8)
                == "title = \"Mine\"\n")
        let message = VaultInitializer.Refusal.filesExist(["trellis.toml"], folder: "/x").description
        #expect(message.contains("`trellis.toml` already exists in /x"))
        #expect(message.contains("nothing was written"))
        #expect(message.contains("trellis init my-notes"))
    }

    @Test("a name differing only in case collides too (home.md would make [[Home]] ambiguous)")
    func refusesCaseVariants() throws {
        let folder = newFolder()
        defer { remove(folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("# mine\n".utf8).write(to: folder.appendingPathComponent("home.md"))
        try Data("# mine\n".utf8).write(to: folder.appendingPathComponent("GETTING STARTED.md"))
        #expect(VaultInitializer(folder: folder).collisions() == ["GETTING STARTED.md", "home.md"])
        #expect(throws: VaultInitializer.Refusal.self) { try VaultInitializer(folder: folder).write() }
        #expect(contents(folder) == ["GETTING STARTED.md", "home.md"])
    }

    @Test("adds its files to a non-empty folder when nothing collides, and says what was there")
    func joinsANonEmptyFolder() throws {
        let folder = newFolder()
        defer { remove(folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Data("# Old\n\n[[Home]]\n".utf8).write(to: folder.appendingPathComponent("Old.md"))
        let report = try VaultInitializer(folder: folder).write()
        #expect(!report.createdFolder)
        #expect(report.existingEntries == ["Old.md"])  // hidden entries are not part of the vault
        #expect(contents(folder) == [".git", "Getting Started.md", "Home.md", "Old.md", "trellis.toml"])
    }

    @Test("refuses a path that is a file")
    func refusesAFile() throws {
        let folder = newFolder()
        defer { remove(folder) }
        try FileManager.default.createDirectory(
            at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: folder)
        #expect(throws: VaultInitializer.Refusal.notAFolder(folder.standardizedFileURL.path)) {
            try VaultInitializer(folder: folder).write()
        }
    }

    @Test("a title with quotes, backslashes and a line break survives trellis.toml")
    func escapesTheTitle() throws {
        let title = "Ann's \"notes\" \\ C:\\temp\n\u{1}"
        let initializer = VaultInitializer(folder: newFolder(), title: title)
        let config = try Config.parse(initializer.files[0].contents)
        #expect(config.title == title)
    }

    @Test("every key of trellis.toml is there, and uncommenting the examples gives a valid file")
    func configDocumentsEveryKey() throws {
        let text = VaultInitializer(folder: newFolder()).files[0].contents
        // `# key = value` lines are the commented-out examples.
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            let example = line.wholeMatch(of: /# [a-z_-]+ = .+/) != nil
            return example ? line.dropFirst(2) : line
        }.joined(separator: "\n")
        let config = try Config.parse(uncommented)
        #expect(config.baseURL == "https://example.org/notes/")
        #expect(config.theme == "theme")
        #expect(config.ignore.contains("theme"))
        #expect(config.unsafeHTML == false)
        #expect(config.aliasesResolve == true)
        #expect(config.ambiguous == .warn)
        #expect(config.severities[.danglingLink] == .some(.error))
        for key in [
            "title", "base_url", "home", "theme", "output", "ignore", "unsafe_html", "aliases_resolve", "ambiguous",
        ] {
            #expect(uncommented.contains("\n\(key) = "), "trellis.toml does not show `\(key)`")
        }
        #expect(text.contains("[links]") && text.contains("[check]"))
    }

    @Test("the vault holds no Markdown but the two notes")
    func onlyTwoNotes() {
        let notes = VaultInitializer(folder: newFolder()).files.map(\.path).filter { $0.hasSuffix(".md") }
        #expect(notes == ["Home.md", "Getting Started.md"])
    }
}
