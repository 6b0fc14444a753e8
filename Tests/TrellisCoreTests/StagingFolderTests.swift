import Foundation
import Testing

@testable import TrellisCore

/// The site is built beside the output folder and swapped in whole (`StagingFolder`): what a
/// killed build leaves, what a leftover staging folder becomes, what happens to files of yours.
@Suite("The staging folder and the swap")
struct StagingFolderTests {
    private let files = FileManager.default

    /// An output folder in a fresh temporary folder (its parent, for the staging folder beside it).
    private func makeOutput() throws -> (parent: URL, output: URL, staging: URL) {
        let parent = files.temporaryDirectory.appendingPathComponent("trellis-staging-\(UUID().uuidString)")
        try files.createDirectory(at: parent, withIntermediateDirectories: true)
        let output = parent.appendingPathComponent("site")
        return (parent, output, URL(fileURLWithPath: StagingFolder.path(for: output.path)))
    }

    private func text(_ url: URL) -> String? { try? String(contentsOf: url, encoding: .utf8) }

    private func inode(_ url: URL) -> UInt64 {
        var info = stat()
        return lstat(url.path, &info) == 0 ? UInt64(info.st_ino) : 0
    }

    /// Every file below a folder with its inode, hidden ones included.
    private func linkedFiles(_ folder: URL) -> [String: UInt64] {
        var found: [String: UInt64] = [:]
        for path in files.subpaths(atPath: folder.path) ?? [] {
            let url = folder.appendingPathComponent(path)
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == false { found[path] = inode(url) }
        }
        return found
    }

    /// The staging folder's files but its stamp (which says they are the output's).
    private func stagedFiles(_ staging: URL) -> [String: UInt64] {
        linkedFiles(staging).filter { $0.key != LevelStamp.file }
    }

    private func write(_ pages: [String: String], to output: URL, finish: Bool = true) throws {
        let writer = try SiteWriter(root: output)
        for (path, text) in pages { try writer.write(path, text) }
        if finish { try writer.finish() }
    }

    @Test("a build over a site swaps a new folder in; the staging folder then holds the same files, linked")
    func swap() throws {
        let (parent, output, staging) = try makeOutput()
        defer { try? files.removeItem(at: parent) }
        try write(["index.html": "one", "a/b.html": "b"], to: output)
        let before = inode(output)
        try write(["index.html": "two", "a/b.html": "b"], to: output)
        #expect(inode(output) != before)
        #expect(text(output.appendingPathComponent("index.html")) == "two")
        #expect(stagedFiles(staging) == linkedFiles(output))
        #expect(linkedFiles(output).keys.sorted() == [".trellis-manifest", "a/b.html", "index.html"])
    }

    @Test("a first build leaves no staging folder; the next build makes one and leaves it level")
    func firstBuild() throws {
        let (parent, output, staging) = try makeOutput()
        defer { try? files.removeItem(at: parent) }
        try write(["index.html": "one", "a/b.html": "b"], to: output)
        #expect(text(output.appendingPathComponent("a/b.html")) == "b")
        #expect(!files.fileExists(atPath: staging.path))
        try write(["index.html": "two", "a/b.html": "b"], to: output)
        #expect(text(output.appendingPathComponent("index.html")) == "two")
        #expect(stagedFiles(staging) == linkedFiles(output))
        // An output with a file of yours in it is no first build: its staging folder stays.
        let (otherParent, other, otherStaging) = try makeOutput()
        defer { try? files.removeItem(at: otherParent) }
        try files.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: other.appendingPathComponent("mine.txt"))
        try write(["index.html": "one"], to: other)
        #expect(stagedFiles(otherStaging) == linkedFiles(other))
    }

    @Test("a new page written twice in one build: the later one stands, and it is not taken for a file of yours")
    func pageWrittenTwice() throws {
        let (parent, output, staging) = try makeOutput()
        defer { try? files.removeItem(at: parent) }
        // As a tag page and a note page at one path do: the first is made at its own name in the
        // staging folder, the second must replace it. (Over a site: a first build keeps no
        // staging folder to compare.)
        try write(["index.html": "before"], to: output)
        let writer = try SiteWriter(root: output)
        try writer.write("tags/x.html", "tag page")
        try writer.write("tags/x.html", "note page")
        try writer.write("index.html", "home")
        try writer.finish()
        #expect(text(output.appendingPathComponent("tags/x.html")) == "note page")
        #expect(stagedFiles(staging) == linkedFiles(output))
        try write(["tags/x.html": "again", "index.html": "home"], to: output)
        #expect(text(output.appendingPathComponent("tags/x.html")) == "again")
    }

    @Test("a build killed before the swap leaves the output as it was; the next one clears what it left")
    func killedBeforeSwap() throws {
        let (parent, output, staging) = try makeOutput()
        defer { try? files.removeItem(at: parent) }
        try write(["index.html": "one", "old.html": "old"], to: output)
        let site = linkedFiles(output)
        // Pages written in the staging folder, and the build killed before it is put in place.
        let killed = try SiteWriter(root: output)
        try killed.write("index.html", "two")
        try killed.write("new.html", "new")
        #expect(linkedFiles(output) == site)
        #expect(text(output.appendingPathComponent("index.html")) == "one")
        #expect(files.fileExists(atPath: staging.path))

        try write(["index.html": "three"], to: output)
        #expect(linkedFiles(output).keys.sorted() == [".trellis-manifest", "index.html"])
        #expect(text(output.appendingPathComponent("index.html")) == "three")
        #expect(stagedFiles(staging) == linkedFiles(output))
    }

    @Test(
        "a leftover staging folder is brought level: its stray files, folders and temporary files go, never through a link"
    )
    func leftoverStaging() throws {
        let (parent, output, staging) = try makeOutput()
        defer { try? files.removeItem(at: parent) }
        let outside = parent.appendingPathComponent("outside")
        try files.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: outside.appendingPathComponent("keep.txt"))
        try write(["index.html": "one"], to: output)
        for (path, text) in [
            "stray.html": "x", "gone/deep/page.html": "x", "index.html": "not linked", ".trellis-tmp-1": "x",
        ] {
            let url = staging.appendingPathComponent(path)
            try? files.removeItem(at: url)
            try files.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try files.createSymbolicLink(at: staging.appendingPathComponent("out"), withDestinationURL: outside)
        try write(["index.html": "two"], to: output)
        #expect(linkedFiles(output).keys.sorted() == [".trellis-manifest", "index.html"])
        #expect(text(output.appendingPathComponent("index.html")) == "two")
        #expect(stagedFiles(staging) == linkedFiles(output))
        #expect(text(outside.appendingPathComponent("keep.txt")) == "keep")
    }

    @Test("files of yours in the output are carried into the new site; --force replaces only those in the way")
    func yourFiles() throws {
        let (parent, output, _) = try makeOutput()
        defer { try? files.removeItem(at: parent) }
        try files.createDirectory(at: output.appendingPathComponent("extra"), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: output.appendingPathComponent("extra/notes.txt"))
        try Data("my page".utf8).write(to: output.appendingPathComponent("index.html"))
        try files.createSymbolicLink(at: output.appendingPathComponent("link"), withDestinationURL: parent)
        #expect(throws: ForeignFiles.Refusal.self) { try write(["index.html": "one"], to: output) }
        #expect(text(output.appendingPathComponent("index.html")) == "my page")

        let forced = try SiteWriter(root: output, force: true)
        try forced.write("index.html", "one")
        try forced.finish()
        try write(["index.html": "two"], to: output)
        #expect(text(output.appendingPathComponent("index.html")) == "two")
        #expect(text(output.appendingPathComponent("extra/notes.txt")) == "mine")
        #expect(try files.destinationOfSymbolicLink(atPath: output.appendingPathComponent("link").path) == parent.path)
    }

    @Test("files you add to the output between builds are in the next site (the stamp sees them)")
    func addedByHand() throws {
        let (parent, output, staging) = try makeOutput()
        defer { try? files.removeItem(at: parent) }
        try write(["index.html": "zero", "a/b.html": "b"], to: output)  // a first build: no staging folder
        try write(["index.html": "one", "a/b.html": "b"], to: output)
        #expect(files.fileExists(atPath: staging.appendingPathComponent(LevelStamp.file).path))
        // Nothing changed since: the stamp says so, and the folders are not compared.
        #expect(StagingFolder.prepare(output: output.path, jobs: nil)?.stamped == true)
        #expect(StagingFolder.prepare(output: output.path, jobs: nil)?.stamped == false)  // the stamp is used up
        try Data("mine".utf8).write(to: output.appendingPathComponent("a/mine.txt"))
        try write(["index.html": "two", "a/b.html": "b"], to: output)
        try files.createDirectory(at: output.appendingPathComponent("a/c"), withIntermediateDirectories: true)
        try Data("mine too".utf8).write(to: output.appendingPathComponent("a/c/mine.txt"))
        try write(["index.html": "three", "a/b.html": "b"], to: output)
        #expect(text(output.appendingPathComponent("a/mine.txt")) == "mine")
        #expect(text(output.appendingPathComponent("a/c/mine.txt")) == "mine too")
        #expect(stagedFiles(staging) == linkedFiles(output))
        #expect(!files.fileExists(atPath: output.appendingPathComponent(LevelStamp.folder).path))
    }

    @Test("a stamp reads back as written; damaged bytes are no stamp")
    func stampRoundTrip() throws {
        let mark = LevelStamp.Mark(inode: 7, seconds: 1_700_000_000, nanoseconds: 12)
        let stamp = LevelStamp(folders: [
            .init(path: "", output: mark, staging: mark),
            .init(path: "a b/c", output: mark, staging: .init(inode: 9, seconds: 1, nanoseconds: 0)),
        ])
        #expect(LevelStamp(stamp.encoded) == stamp)
        #expect(LevelStamp(Array("7 1 2 8 1 2\n".utf8)) == nil)
        #expect(LevelStamp(Array("7 1 2 8 1 2 a\n".utf8)) == nil)  // the roots come first
        #expect(LevelStamp(Array(stamp.encoded.dropLast(3))) == nil)
    }

    @Test("mount points are read from mountinfo lines, escapes decoded: an output that is one is written in place")
    func mountPoints() {
        let text = """
            22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
            36 22 8:1 /srv/site /home/me/my\\040site rw,relatime - ext4 /dev/sda1 rw
            37 22 0:5 / /mnt/back\\134slash rw - tmpfs tmpfs rw

            """
        #expect(MountTable.points(in: text) == ["/", "/home/me/my site", "/mnt/back\\slash"])
    }

    @Test("a staging name taken by a file of someone else's: the site is written in place, the file kept")
    func stagingNameTaken() throws {
        let (parent, output, staging) = try makeOutput()
        defer { try? files.removeItem(at: parent) }
        try Data("theirs".utf8).write(to: staging)
        try write(["index.html": "one"], to: output)
        let before = inode(output)
        try write(["index.html": "two"], to: output)
        #expect(inode(output) == before)
        #expect(text(output.appendingPathComponent("index.html")) == "two")
        #expect(text(staging) == "theirs")
    }

    @Test("a build that changes nothing leaves the output folder itself in place")
    func nothingChanged() throws {
        let (parent, output, _) = try makeOutput()
        defer { try? files.removeItem(at: parent) }
        try write(["index.html": "one"], to: output)
        let before = inode(output)
        try write(["index.html": "one"], to: output)
        #expect(inode(output) == before)
    }

    @Test("trellis clean deletes the staging folder, and never what a link in it points to; a file of that name stays")
    func clean() throws {
        let (parent, output, staging) = try makeOutput()
        defer { try? files.removeItem(at: parent) }
        try write(["index.html": "one"], to: output)
        try write(["index.html": "two"], to: output)
        let elsewhere = parent.appendingPathComponent("elsewhere")
        try files.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: elsewhere.appendingPathComponent("mine.txt"))
        try files.createSymbolicLink(at: staging.appendingPathComponent("link"), withDestinationURL: elsewhere)
        #expect(StagingFolder.remove(forOutput: output) == staging.path)
        #expect(!files.fileExists(atPath: staging.path))
        #expect(text(elsewhere.appendingPathComponent("mine.txt")) == "keep")
        #expect(text(output.appendingPathComponent("index.html")) == "two")
        try Data("theirs".utf8).write(to: staging)
        #expect(StagingFolder.remove(forOutput: output) == nil)
        #expect(text(staging) == "theirs")
    }
}
