import Foundation
import Testing

@testable import TrellisCore

/// What a build may do in its output folder: never follow a symbolic link there.
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

    private func writeManifest(_ lines: [String], in output: URL) throws {
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: output.appendingPathComponent(SiteWriter.manifestName))
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

    @Test("a link where a folder of the site goes is not written through")
    func linkedFolder() throws {
        let (vault, outside) = try setUp()
        defer { tearDown(vault, outside) }
        try files.createSymbolicLink(at: vault.output.appendingPathComponent("tags"), withDestinationURL: outside)
        #expect(throws: SiteWriter.WriteError.self) { try vault.build() }
        #expect(try files.contentsOfDirectory(atPath: outside.path) == [])
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
}
