import Foundation
import Testing

@testable import TrellisCore

/// What a build may do in its output folder: never follow a symbolic link there, never replace a
/// file it did not write unless forced.
@Suite("The output folder")
struct OutputFolderTests {
    private let files = FileManager.default

    /// A vault with a tagged note, its output folder (made) and a folder outside both.
    private func setUp() throws -> (vault: TemporaryVault, outside: URL) {
        let vault = try TemporaryVault([
            "Index.md": "# Home\n", "Keep.md": "precious\n", "Tagged.md": "---\ntags: [x]\n---\n# Tagged\n",
        ])
        let outside = vault.root.appendingPathExtension("outside")
        try files.createDirectory(at: vault.output, withIntermediateDirectories: true)
        try files.createDirectory(at: outside, withIntermediateDirectories: true)
        return (vault, outside)
    }

    private func tearDown(_ vault: TemporaryVault, _ outside: URL) {
        vault.remove()
        try? files.removeItem(at: outside)
    }

    private func build(_ vault: TemporaryVault, force: Bool) throws -> BuildReport {
        var options = RunOptions(vault: vault.root, output: vault.output, defaultTheme: Repository.theme)
        options.force = force
        return try Pipeline.build(options)
    }

    /// Every path below a folder, sorted.
    private func contents(_ folder: URL) -> [String] {
        (files.subpaths(atPath: folder.path) ?? []).sorted()
    }

    private func writeManifest(_ lines: [String], in output: URL) throws {
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(
            to: output.appendingPathComponent(SiteWriter.manifestName))
    }

    @Test("a manifest entry through a link, with `..` or absolute is never deleted")
    func manifestEntriesOutside() throws {
        let (vault, outside) = try setUp()
        defer { tearDown(vault, outside) }
        try files.createSymbolicLink(at: vault.output.appendingPathComponent("up"), withDestinationURL: vault.root)
        let keep = vault.root.appendingPathComponent("Keep.md")
        try writeManifest(["up/Keep.md", "../\(vault.root.lastPathComponent)/Keep.md", keep.path], in: vault.output)
        let report = try vault.build()
        #expect(report.written.removed == 0)
        #expect(files.fileExists(atPath: keep.path))
    }

    @Test("a link where a folder of the site goes is not written through; --force replaces the link by a folder")
    func linkedFolder() throws {
        let (vault, outside) = try setUp()
        defer { tearDown(vault, outside) }
        let tags = vault.output.appendingPathComponent("tags")
        try files.createSymbolicLink(at: tags, withDestinationURL: outside)
        let refusal = #expect(throws: ForeignFiles.Refusal.self) { try vault.build() }
        #expect(refusal?.files == ["tags (a symbolic link)"])
        #expect(try files.contentsOfDirectory(atPath: outside.path) == [])
        _ = try build(vault, force: true)
        #expect(try files.contentsOfDirectory(atPath: outside.path) == [])
        #expect(try files.attributesOfItem(atPath: tags.path)[.type] as? FileAttributeType == .typeDirectory)
    }

    @Test("a link where a page goes is replaced by the page, its target left as it was")
    func linkedPage() throws {
        let (vault, outside) = try setUp()
        defer { tearDown(vault, outside) }
        let target = outside.appendingPathComponent("mine.html")
        try Data("mine".utf8).write(to: target)
        try files.createSymbolicLink(at: vault.output.appendingPathComponent("index.html"), withDestinationURL: target)
        try writeManifest(["index.html"], in: vault.output)
        _ = try vault.build()
        #expect(try String(contentsOf: target, encoding: .utf8) == "mine")
        let page = try files.attributesOfItem(atPath: vault.output.appendingPathComponent("index.html").path)
        #expect(page[.type] as? FileAttributeType == .typeRegular)
    }

    @Test("files trellis did not write stop the build, listed, before anything is put in place; --force replaces them")
    func handMadeFiles() throws {
        let (vault, outside) = try setUp()
        defer { tearDown(vault, outside) }
        let mine = ["index.html", "404.html", "_trellis/style.css", "notes.txt"]
        for path in mine {
            let url = vault.output.appendingPathComponent(path)
            try files.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("mine".utf8).write(to: url)
        }
        let refusal = #expect(throws: ForeignFiles.Refusal.self) { try vault.build() }
        #expect(refusal?.files == ["404.html", "_trellis/style.css", "index.html"])
        // No page, folder, temporary file or manifest is left behind.
        #expect(contents(vault.output) == ["404.html", "_trellis", "_trellis/style.css", "index.html", "notes.txt"])
        #expect(try vault.page("index.html") == "mine")

        _ = try build(vault, force: true)
        #expect(try vault.page("index.html").hasPrefix("<!doctype html>"))
        #expect(try vault.page("notes.txt") == "mine")
        let listed = try #require(
            ManifestFile.decode(Array(Data(contentsOf: vault.output.appendingPathComponent(SiteWriter.manifestName)))))
        #expect(listed.contains("_trellis/style.css"))
        #expect(!listed.contains("notes.txt"))
    }

    @Test("a file the manifest lists, or one that already holds the page, is replaced without --force")
    func ownFiles() throws {
        let (vault, outside) = try setUp()
        defer { tearDown(vault, outside) }
        _ = try vault.build()
        try Data("# Home, edited\n".utf8).write(to: vault.root.appendingPathComponent("Index.md"))
        _ = try vault.build()  // the manifest lists index.html
        #expect(try vault.page("index.html").contains("Home, edited"))
        try files.removeItem(at: vault.output.appendingPathComponent(SiteWriter.manifestName))
        _ = try vault.build()  // no manifest, but every file already holds its page
    }

    @Test("a file is in the manifest before it is in place: a build killed after the renames leaves none of yours")
    func manifestFirst() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("trellis-site-\(UUID().uuidString)")
        defer { removeSite(output) }
        let killed = try SiteWriter(root: output)
        try killed.write("a/page.html", "one")
        try killed.commit()  // and killed before `finish()` writes the manifest
        let next = try SiteWriter(root: output)
        try next.write("a/page.html", "two")
        try next.finish()
        #expect(try String(contentsOf: output.appendingPathComponent("a/page.html"), encoding: .utf8) == "two")
    }

    @Test("an output that is a file is refused in words, naming it, and the file is kept")
    func outputIsAFile() throws {
        let (vault, outside) = try setUp()
        defer { tearDown(vault, outside) }
        let file = outside.appendingPathComponent("site")
        try Data("mine\n".utf8).write(to: file)
        let options = RunOptions(vault: vault.root, output: file, defaultTheme: Repository.theme)
        let refusal = #expect(throws: OutputGuard.Refusal.self) { try Pipeline.build(options) }
        #expect(
            refusal?.description == "refusing to write the site to \(file.path): it is a file, not a folder; "
                + "choose another --output folder, outside the vault (the default is ./public)")
        #expect(try String(contentsOf: file, encoding: .utf8) == "mine\n")
    }

    @Test(
        "a vault or theme in the staging folder (which builds replace and clean removes whole) or a theme in the output is refused, and kept"
    )
    func stagingHoldsTheVault() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("trellis-staging-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("public")
        let staging = root.appendingPathComponent(".public.trellis-staging")
        let notes = staging.appendingPathComponent("Notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try Data("# A\n".utf8).write(to: notes.appendingPathComponent("A.md"))
        let theme = root.appendingPathComponent("public/mytheme/templates")
        try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
        try Data("{{title}}".utf8).write(to: theme.appendingPathComponent("note.mustache"))
        for vault in [notes, staging] {
            let options = RunOptions(vault: vault, output: output, defaultTheme: Repository.theme)
            for run in 0..<3 {  // a second build, and clean, after a refused first one
                let refusal = #expect(throws: OutputGuard.Refusal.self) {
                    if run < 2 { _ = try Pipeline.build(options) } else { _ = try CacheLocation.clean(options) }
                }
                #expect(refusal?.description.contains("is or holds the vault") == true)
            }
        }
        let elsewhere = root.appendingPathComponent("Vault")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let themed = RunOptions(
            vault: elsewhere, output: output, theme: theme.deletingLastPathComponent(), defaultTheme: Repository.theme)
        let refusal = #expect(throws: OutputGuard.Refusal.self) { _ = try Pipeline.build(themed) }
        #expect(refusal?.description.contains("it holds the theme folder") == true)
        #expect(FileManager.default.fileExists(atPath: notes.appendingPathComponent("A.md").path))
        #expect(FileManager.default.fileExists(atPath: theme.appendingPathComponent("note.mustache").path))
    }

    @Test("a page whose path is too long for the system is left out and reported; the rest is written")
    func pathTooLong() throws {
        let vault = try TemporaryVault([:])
        defer { vault.remove() }
        let deep = String(repeating: String(repeating: "a", count: 200) + "/", count: 25) + "Deep.md"
        let map = SiteMap(notes: [VaultPath("Short.md"), VaultPath(deep)], attachments: [], home: nil)
        let writer = try SiteWriter(root: vault.output)
        try writer.write(map.pages[VaultPath(deep)]!.string, Array("deep".utf8))
        try writer.write("short.html", Array("short".utf8))
        _ = try writer.finish()
        #expect(files.fileExists(atPath: vault.output.appendingPathComponent("short.html").path))
        let reported = writer.unwritable(map)
        #expect(reported.contains { $0.file == deep && $0.severity == .error && $0.message.contains("longer than") })
        #expect(!reported.contains { $0.file == "Short.md" })
        // Every folder whose listing page is too long, too; none that fits.
        #expect(reported.allSatisfy { $0.file == deep || $0.file?.hasSuffix("/") == true })
        #expect(!reported.contains { $0.file == String(repeating: "a", count: 200) + "/" })
    }
}
