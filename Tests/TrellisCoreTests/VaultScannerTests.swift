import Foundation
import Testing

@testable import TrellisCore

/// The scan walks the vault's top-level folders on every core and replays what each walk found;
/// it must find what one walk through the whole vault finds (`jobs: 1`), on trees with what
/// makes the order matter: links from one top-level folder into another, back to the root and
/// out of the vault, folders and files whose names differ only in Unicode normalisation, and
/// ignored paths.
@Suite("Vault scanner")
struct VaultScannerTests {
    @Test("a folder nested past the longest path the system takes is reported, not skipped in silence")
    func tooDeep() throws {
        let vault = try TemporaryVault(["Top.md": "# Top\n"])
        defer { vault.remove() }
        // 25 folders of 200-byte names, made one below the other (a path that long cannot be named
        // whole): 5,000 bytes.
        let name = String(repeating: "a", count: 200)
        var folder = open(vault.root.path, O_RDONLY | O_DIRECTORY)
        for _ in 0..<25 {
            mkdirat(folder, name, 0o755)
            let next = openat(folder, name, O_RDONLY | O_DIRECTORY)
            close(folder)
            folder = next
        }
        close(folder)
        defer {
            // Taken down from the bottom, each by its parent's descriptor: the path is too long to name.
            var chain = [open(vault.root.path, O_RDONLY | O_DIRECTORY)]
            for _ in 0..<25 { chain.append(openat(chain.last!, name, O_RDONLY | O_DIRECTORY)) }
            for level in stride(from: 24, through: 0, by: -1) { unlinkat(chain[level], name, AT_REMOVEDIR) }
            chain.forEach { close($0) }
        }
        let scanned = try VaultScanner(isIgnored: { _ in false }, jobs: 2).scan(vault.root)
        #expect(scanned.notes == [VaultPath("Top.md")])
        let reported = scanned.diagnostics.filter { $0.code == .unreadable }
        #expect(reported.count == 1)
        #expect(reported.first?.message == "cannot read folder: File name too long")
        #expect(reported.first?.file?.hasPrefix(name + "/" + name + "/") == true)
    }

    @Test("a file or folder whose name is not UTF-8 is reported by its bytes and left out")
    func invalidNames() throws {
        let vault = try TemporaryVault(["Top.md": "# Top\n", "Deep/Note.md": "# Note\n"])
        defer { vault.remove() }
        let root = open(vault.root.path, O_RDONLY | O_DIRECTORY)
        defer { close(root) }
        let file = openat(
            root, [UInt8]("bad\u{7F}".utf8).map(CChar.init) + [-1, 0x2E, 0x6D, 0x64, 0], O_CREAT | O_WRONLY, 0o644)
        close(file)
        let folder: [CChar] = [0x44, 0x65, 0x65, 0x70, 0x2F, 0x64, -2, 0]  // Deep/d\xFE
        mkdirat(root, folder, 0o755)
        let hidden: [CChar] = [0x2E, 0x68, -1, 0]  // .h\xFF: hidden, so not even read
        close(openat(root, hidden, O_CREAT | O_WRONLY, 0o644))
        for jobs in [1, 2] {
            let scanned = try VaultScanner(isIgnored: { _ in false }, jobs: jobs).scan(vault.root)
            #expect(scanned.notes == ["Deep/Note.md", "Top.md"].map(VaultPath.init))
            #expect(scanned.diagnostics.compactMap(\.file).sorted() == ["Deep/d\\xFE", "bad\\x7F\\xFF.md"])
            #expect(scanned.diagnostics.allSatisfy { $0.message == "the name is not valid UTF-8; left out. Rename it" })
        }
    }

    @Test("a note's name on a named pipe or a link that leads nowhere is reported; an attachment's is not")
    func nothingToRead() throws {
        let vault = try TemporaryVault(["Top.md": "# Top\n"])
        defer { vault.remove() }
        mkfifo(vault.root.appendingPathComponent("pipe.md").path, 0o644)
        mkfifo(vault.root.appendingPathComponent("pipe.png").path, 0o644)
        for name in ["gone.md", "gone.png"] {
            try FileManager.default.createSymbolicLink(
                atPath: vault.root.appendingPathComponent(name).path, withDestinationPath: "missing")
        }
        let scanned = try VaultScanner(isIgnored: { _ in false }, jobs: 1).scan(vault.root)
        #expect(scanned.notes == [VaultPath("Top.md")] && scanned.attachments.isEmpty)
        #expect(
            scanned.diagnostics.map { "\($0.file ?? ""): \($0.message)" }.sorted() == [
                "gone.md: a symbolic link that leads nowhere; left out", "pipe.md: not a regular file; left out",
            ])
        #expect(scanned.diagnostics.allSatisfy { $0.severity == .warning && $0.code == .unreadable })
    }

    @Test("a folder reached by its own path and through a link is read by its path, whichever sorts first")
    func linkedFolders() throws {
        let vault = try TemporaryVault(["real/Inner.md": "# Inner\n", ".hidden/deep/Only.md": "# Only\n"])
        defer { vault.remove() }
        let files = FileManager.default
        for (name, target) in [("alias", "real"), ("zlink", "real"), ("b/up", ".."), ("via", ".hidden/deep")] {
            try files.createDirectory(
                at: vault.root.appendingPathComponent(name).deletingLastPathComponent(),
                withIntermediateDirectories: true)
            try files.createSymbolicLink(
                atPath: vault.root.appendingPathComponent(name).path,
                withDestinationPath: name == "b/up" ? "../.." : target)
        }
        for jobs in [1, 2] {
            let scanned = try VaultScanner(isIgnored: { _ in false }, jobs: jobs).scan(vault.root)
            // The hidden folder has no way in but the link: read through it.
            #expect(scanned.notes == ["real/Inner.md", "via/Only.md"].map(VaultPath.init))
        }
    }

    @Test("walking the top-level folders apart finds what one walk finds", arguments: 1...12)
    func agreement(seed: UInt64) throws {
        let vault = try Self.tree(seed: seed)
        defer { try? FileManager.default.removeItem(at: vault.deletingLastPathComponent()) }
        let ignored: @Sendable (String) -> Bool = { $0.hasSuffix("skip") || $0.contains("skip/") }
        let one = try VaultScanner(isIgnored: ignored, jobs: 1).scan(vault)
        let many = try VaultScanner(isIgnored: ignored, jobs: 2).scan(vault)
        #expect(many.notes == one.notes)
        #expect(many.attachments == one.attachments)
        #expect(many.diagnostics == one.diagnostics)
        // What makes the order matter is there: a twin left out, a link not followed, a folder
        // reached through a link before its own path (`alpha/link to beta`), read by its path.
        let messages = one.diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("Unicode normalisation") })
        #expect(messages.contains { $0.contains("outside the vault") })
        #expect(!one.notes.contains { $0.string.contains("link") })
        #expect(one.notes.contains { $0.string.hasPrefix("beta/") })
    }

    /// A random vault: top-level folders (two of them twins in NFC and NFD) holding notes,
    /// attachments and subfolders, with links between them, to the root, out of the vault and to
    /// a note; and a folder outside the vault, beside it in a temporary folder.
    static func tree(seed: UInt64) throws -> URL {
        var random = SeededRandom(seed: seed)
        let manager = FileManager.default
        let base = manager.temporaryDirectory.appendingPathComponent("trellis-scan-\(UUID().uuidString)")
        let vault = base.appendingPathComponent("vault")
        let outside = base.appendingPathComponent("outside")
        try manager.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("away".utf8).write(to: outside.appendingPathComponent("Away.md"))
        var folders = ["Été", "E\u{301}te\u{301}", "alpha", "beta", "gamma skip"]
        for index in 0..<Int.random(in: 1...3, using: &random) { folders.append("top \(index)") }
        var made: [String] = []
        for top in folders {
            for depth in 0..<Int.random(in: 1...3, using: &random) {
                let folder = top + String(repeating: "/sub", count: depth)
                made.append(folder)
                try manager.createDirectory(
                    at: vault.appendingPathComponent(folder), withIntermediateDirectories: true)
                for file in 0..<Int.random(in: 1...4, using: &random) {
                    let name = Bool.random(using: &random) ? "note \(file).md" : "image \(file).png"
                    try Data("x".utf8).write(to: vault.appendingPathComponent(folder + "/" + name))
                }
                // Twins in one folder: the second found is left out.
                try Data("nfc".utf8).write(to: vault.appendingPathComponent(folder + "/Café.md"))
                try Data("nfd".utf8).write(to: vault.appendingPathComponent(folder + "/Cafe\u{301}.md"))
            }
        }
        try Data("root".utf8).write(to: vault.appendingPathComponent("Home.md"))
        try Data("hidden".utf8).write(to: vault.appendingPathComponent(".hidden.md"))
        // Links, each from a random folder: to another folder (inside one top-level folder or
        // across), to the root (a loop), out of the vault, and to a note.
        for index in 0..<Int.random(in: 3...8, using: &random) {
            let from = made.randomElement(using: &random)!
            let link = vault.appendingPathComponent(from + "/link \(index)")
            switch Int.random(in: 0..<4, using: &random) {
            case 0: try manager.createSymbolicLink(at: link, withDestinationURL: vault)
            case 1: try manager.createSymbolicLink(at: link, withDestinationURL: outside)
            case 2:
                try manager.createSymbolicLink(at: link, withDestinationURL: vault.appendingPathComponent("Home.md"))
            default:
                let target = made.randomElement(using: &random)!
                try manager.createSymbolicLink(at: link, withDestinationURL: vault.appendingPathComponent(target))
            }
        }
        // One link surely out of the vault, and one surely into another top-level folder.
        try manager.createSymbolicLink(at: vault.appendingPathComponent("alpha/out"), withDestinationURL: outside)
        try manager.createSymbolicLink(
            at: vault.appendingPathComponent("alpha/link to beta"),
            withDestinationURL: vault.appendingPathComponent("beta"))
        return vault
    }
}
