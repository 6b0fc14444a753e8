import Foundation
import Testing

@testable import TrellisCore

@Suite("The site holds the attachments published notes use, and no others")
struct AttachmentPublishingTests {
    static let vault = [
        "Public.md": "---\ncover: \"[[cover.png]]\"\n---\n![[shared.png]] [[doc.pdf]] ![](both.png)\n",
        "Private.md": "---\npublish: false\n---\n![[private-scan.png]] ![[both.png]]\n",
        "Draft.md": "---\ndraft: true\n---\n![[draft.png]]\n",
        "shared.png": "PNG", "doc.pdf": "%PDF", "both.png": "PNG", "cover.png": "PNG", "private-scan.png": "PNG",
        "draft.png": "PNG", "media/stray.png": "PNG",
    ]

    private func files(_ site: URL) -> Set<String> {
        Set(
            (FileManager.default.enumerator(atPath: site.path)?.allObjects as? [String] ?? []).filter {
                !$0.hasPrefix("_trellis") && !$0.hasPrefix(".") && !$0.hasSuffix(".html") && $0.contains(".")
                    && !["graph.json"].contains($0)
            })
    }

    @Test("an attachment only a draft or an unpublished note uses, or none, stays out")
    func fullBuild() throws {
        let vault = try TemporaryVault(Self.vault)
        defer { vault.remove() }
        _ = try vault.build()
        #expect(files(vault.output) == ["shared.png", "doc.pdf", "both.png", "cover.png"])
        #expect(try vault.page("public.html").contains("<img class=\"embed\" src=\"shared.png\""))
    }

    @Test("an edit that starts or stops using an attachment adds it to the site or takes it away")
    func afterEdits() throws {
        let vault = try TemporaryVault(Self.vault)
        defer { vault.remove() }
        let builder = vault.builder()
        _ = try builder.build()
        let note = try vault.write("Public.md", "![[shared.png]] ![[media/stray.png]]\n")
        let added = try builder.build(changed: [note])
        #expect(files(vault.output) == ["shared.png", "media/stray.png"])
        #expect(try vault.page("public.html").contains("src=\"media/stray.png\""))
        #expect(added.diagnostics == (try vault.check().diagnostics))
        _ = try builder.build(changed: [try vault.write("Public.md", "![[shared.png]]\n")])
        #expect(files(vault.output) == ["shared.png"])
    }

    @Test("a build that starts from the cache holds the same attachments")
    func fromTheCache() throws {
        let vault = try TemporaryVault(Self.vault)
        defer { vault.remove() }
        _ = try SiteBuilder(options: vault.cachedOptions(key: "attachments")).build()
        try vault.write("Draft.md", "---\ndraft: true\n---\n![[draft.png]] edited\n")
        let restored = try SiteBuilder(options: vault.cachedOptions(key: "attachments")).build()
        #expect(restored.reparsed == 1)
        // The restored site map is the one a full build makes: the edit renders a few pages, not all.
        #expect(restored.rerendered < restored.pages)
        #expect(files(vault.output) == ["shared.png", "doc.pdf", "both.png", "cover.png"])
    }
}
