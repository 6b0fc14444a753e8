import Foundation
import Testing

@testable import TrellisCore

/// Hostile vaults: each gives a clear diagnostic or a safe rendering, and the build finishes. The
/// files that git can hold live in `Tests/Fixtures/hostile/`; the rest (symbolic links out of the
/// vault and in a loop, an unreadable file, a huge note, deep nesting) are made here.
@Suite("Hostile vaults")
struct HostileVaultTests {
    /// A copy of the fixture plus the cases git cannot carry, and the site built from it.
    private static func build() throws -> (vault: URL, outside: URL, site: URL, report: BuildReport) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("trellis-hostile-\(UUID().uuidString)")
        let vault = base.appendingPathComponent("vault")
        let outside = base.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Repository.fixtures.appendingPathComponent("hostile"), to: vault)
        try Data("secret outside the vault".utf8).write(to: outside.appendingPathComponent("Secret.md"))
        try FileManager.default.createSymbolicLink(
            at: vault.appendingPathComponent("escape"), withDestinationURL: outside)
        try FileManager.default.createSymbolicLink(
            at: vault.appendingPathComponent("sub/loop"), withDestinationURL: vault.appendingPathComponent("sub"))
        let locked = vault.appendingPathComponent("Locked.md")
        try Data("# Locked".utf8).write(to: locked)
        chmod(locked.path, 0)
        let deep =
            "- x\n" + (1..<3000).map { String(repeating: "  ", count: $0) + "- level\n" }.joined()
            + String(repeating: "> ", count: 5000) + "deep quote\n"
        try Data(deep.utf8).write(to: vault.appendingPathComponent("Deep.md"))
        let paragraph = String(repeating: "lorem ipsum dolor sit amet ", count: 40) + "\n\n"
        try Data(("# Big\n\n" + String(repeating: paragraph, count: 20_000) + "See [[Types]].\n").utf8)
            .write(to: vault.appendingPathComponent("Big.md"))
        let site = base.appendingPathComponent("site")
        let report = try Pipeline.build(RunOptions(vault: vault, output: site, defaultTheme: Repository.theme))
        return (vault, outside, site, report)
    }

    @Test("the build finishes, reports what is wrong, and writes nothing outside its folder")
    func hostile() throws {
        let (vault, outside, site, report) = try HostileVaultTests.build()
        defer { try? FileManager.default.removeItem(at: vault.deletingLastPathComponent()) }
        let codes = Set(report.diagnostics.map { "\($0.file ?? ""):\($0.code.rawValue)" })
        #expect(codes.contains("Bytes.md:encoding"))
        #expect(codes.contains("Binary.md:encoding"))
        #expect(codes.contains("Types.md:frontmatter"))
        #expect(codes.contains("Inject.md:unsafe-url"))
        #expect(codes.contains("Inject.md:dangling-link"))
        #expect(codes.contains("escape:unreadable"))
        #expect(report.diagnostics.contains { $0.code == .outputCollision })
        if getuid() != 0 { #expect(codes.contains("Locked.md:unreadable")) }  // root reads anything
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path) == ["Secret.md"])
        let pages = FileManager.default.enumerator(atPath: site.path)!.compactMap { $0 as? String }.filter {
            $0.hasSuffix(".html")
        }
        var html = ""
        for page in pages { html += try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8) }
        #expect(!html.contains("secret outside the vault"))
        for injected in [
            "<script>alert", "onerror=alert", "<b onmouseover=alert", "href=\"javascript:", "etc/passwd\"",
        ] {
            #expect(!html.lowercased().contains(injected.lowercased()), "\(injected) reached a page")
        }
        // A tag in a wiki link's label is omitted, as raw HTML in a note is: the label's text stays.
        #expect(html.contains("<a class=\"internal\" href=\"types.html\">label</a>"))
        #expect(!html.lowercased().contains("onmouseover=alert"))
        #expect(html.contains("Windows line endings"))
        #expect(html.contains("RTL text: שלום עולם."))
        #expect(html.contains("deep quote"))
    }

    @Test("names with spaces, punctuation, emoji and either Unicode normalisation all resolve")
    func names() throws {
        let (vault, _, _, report) = try HostileVaultTests.build()
        defer { try? FileManager.default.removeItem(at: vault.deletingLastPathComponent()) }
        #expect(!report.diagnostics.contains { $0.file == "Names.md" && $0.code == .danglingLink })
        #expect(!report.diagnostics.contains { $0.file == "Bom.md" && $0.code == .danglingLink })
        // `Café.md` (NFC) and `sub/Café.md` (NFD, as macOS writes it) are one name: a bare
        // `[[café]]` is ambiguous between them, a path picks one.
        let ambiguous = report.diagnostics.filter { $0.code == .ambiguousLink }
        #expect(ambiguous.count == 1)
        #expect(
            ambiguous.first?.message.contains("sub/Cafe\u{301}.md") == true
                || ambiguous.first?.message.contains("sub/Café.md") == true)
    }

    @Test("breadcrumbs show the deepest 12 folders after a link to the one above them; shallow pages show all")
    func deepBreadcrumbs() throws {
        let folders = (1...20).map { "f\($0)" }
        let vault = try TemporaryVault([
            folders.joined(separator: "/") + "/Bottom.md": "# Bottom\n",
            "a/b/c/Shallow.md": "# Shallow\n",
        ])
        defer { vault.remove() }
        _ = try vault.build()
        /// Each crumb's name and link, in order.
        func crumbs(_ page: String) throws -> [(name: String, url: String)] {
            let html = try vault.page(page)
            let nav = try #require(html.firstRange(of: #/<nav class="breadcrumbs".*?</nav>/#))
            return html[nav].matches(of: #/<a href="([^"]*)">([^<]*)</a>/#).map { (String($0.2), String($0.1)) }
        }
        let top = String(repeating: "../", count: 20)
        let deep = try crumbs(folders.joined(separator: "/") + "/bottom.html")
        #expect(deep.map(\.name) == ["Notes", "…"] + folders.suffix(12))
        #expect(deep[1].url == top + folders.prefix(8).joined(separator: "/") + "/index.html")
        #expect(deep.last?.url == "index.html")  // the page's own folder
        // A folder's own page shows the folders above it.
        let folderPage = try crumbs(folders.joined(separator: "/") + "/index.html")
        #expect(folderPage.map(\.name) == ["Notes", "…"] + folders.dropLast().suffix(12))
        #expect(try crumbs("a/b/c/shallow.html").map(\.name) == ["Notes", "a", "b", "c"])
    }

    @Test("names too long for a file system once slugged still build, each under 255 bytes, and links reach them")
    func longNames() throws {
        let note = String(repeating: "n", count: 251)  // 254 bytes with `.md`; 256 with `.html`
        let folder = String(repeating: "é", count: 127)  // 254 bytes
        let vault = try TemporaryVault([
            note + ".md": "# Long\n",
            folder + "/Inside.md": "# Inside\n",
            "Tagged.md": "# Tagged\n\n#" + Array(repeating: "t", count: 300).joined(separator: "/") + "\n",
            "Links.md": "# Links\n\n[[\(note)]] [[Inside]]\n",
        ])
        defer { vault.remove() }
        let report = try vault.build()
        #expect(report.diagnostics.filter { $0.severity == .error }.isEmpty)
        let files = try #require(FileManager.default.subpaths(atPath: vault.output.path))
        #expect(files.allSatisfy { $0.split(separator: "/").allSatisfy { $0.utf8.count <= 255 } })
        #expect(files.contains { $0.hasPrefix("tags/t-t-t") })
        let links = try vault.page("links.html")
        for href in links.matches(of: #/<a class="internal" href="([^"]*)">/#).map({ String($0.1) }) {
            let file = vault.output.appendingPathComponent(href.removingPercentEncoding ?? href)
            #expect(FileManager.default.fileExists(atPath: file.path), "\(href)")
        }
        #expect(links.matches(of: #/<a class="internal" href="/#).count == 2)
    }

    @Test("a note whose path is too long to read is reported as such, not as a matter of permissions")
    func noteTooDeep() throws {
        let vault = try TemporaryVault(["Top.md": "# Top\n"])
        defer { vault.remove() }
        let note = String(repeating: "n", count: 237) + ".md"
        let remove = try Self.makeTooDeep(note, in: vault)
        defer { remove() }
        let problems = try vault.check().diagnostics.filter { $0.code == .unreadable }
        #expect(problems.count == 1)
        #expect(problems.first?.file?.hasSuffix(note) == true)
        #expect(problems.first?.message == "cannot read the note: File name too long")
    }

    @Test("an attachment a published note uses that cannot be read is an error, in check and build alike")
    func unreadableAttachment() throws {
        // A path too long to open: unreadable even to root, who reads any mode.
        let picture = String(repeating: "p", count: 236) + ".png"
        let vault = try TemporaryVault(["A.md": "# A\n\n![[\(picture)]]\n"])
        defer { vault.remove() }
        let remove = try Self.makeTooDeep(picture, in: vault)
        defer { remove() }
        let checked = try vault.check().diagnostics.filter { $0.code == .unreadable }
        #expect(checked.count == 1)
        #expect(checked.first?.file?.hasSuffix("/" + picture) == true)
        #expect(
            checked.first?.message == "cannot read the attachment, which a published note uses: File name too long")
        // (The build also says that the copy's path is too long for the output folder.)
        let built = try vault.build().diagnostics
        #expect(checked.allSatisfy(built.contains))
    }

    /// Makes the file `name` (of 240 bytes) below 19 folders of 200-byte names: past 4,096 bytes
    /// with the vault's own path, while each folder can still be listed. Returns what removes them.
    static func makeTooDeep(_ name: String, in vault: TemporaryVault) throws -> () -> Void {
        let folder = String(repeating: "f", count: 200)
        var chain = [open(vault.root.path, O_RDONLY | O_DIRECTORY)]
        for _ in 0..<19 {
            mkdirat(chain.last!, folder, 0o755)
            chain.append(openat(chain.last!, folder, O_RDONLY | O_DIRECTORY))
        }
        close(openat(chain.last!, name, O_WRONLY | O_CREAT, 0o644))
        return {
            unlinkat(chain.last!, name, 0)
            for level in stride(from: 18, through: 0, by: -1) { unlinkat(chain[level], folder, AT_REMOVEDIR) }
            chain.forEach { close($0) }
        }
    }
}
