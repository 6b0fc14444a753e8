import Foundation
import Testing

@testable import TrellisCore

@Suite("output manifest")
struct ManifestFileTests {
    static let paths =
        (0..<10_000).map { "caching/group-\($0 / 100)/caching-note-\($0).html" } + ["404.html", "_trellis/style.css"]

    @Test("a list of paths reads back as written")
    func roundTrip() {
        #expect(ManifestFile.decode(ManifestFile.encode(Self.paths)) == Self.paths)
        #expect(ManifestFile.decode(ManifestFile.encode([])) == [])
    }

    @Test("ten thousand pages' manifest takes well under 64 KB of the published folder")
    func small() {
        let plain = Self.paths.reduce(0) { $0 + $1.utf8.count + 1 }
        let packed = ManifestFile.encode(Self.paths).count
        #expect(plain > 350_000)
        #expect(packed < 64 * 1024)
    }

    @Test("a manifest of plain lines, as older versions wrote it, is read")
    func plainLines() {
        #expect(ManifestFile.decode(Array("index.html\nnotes/a.html\n".utf8)) == ["index.html", "notes/a.html"])
    }

    @Test("a damaged compressed manifest is no manifest")
    func damaged() {
        var bytes = ManifestFile.encode(Self.paths)
        bytes.removeLast(bytes.count / 2)
        #expect(ManifestFile.decode(bytes) == nil)
        #expect(ManifestFile.decode(Array("TRELLIS-MANIFEST-2\n".utf8)) == nil)
    }
}
