import Foundation
import Testing

@testable import TrellisCore

@Suite("Embeds that come round again are an embed-cycle warning")
struct EmbedCycleTests {
    static let vault = [
        "A.md": "![[B]]\n", "B.md": "![](C.md)\n", "C.md": "x ![[A]]\n\n![[C]]\n", "D.md": "![[A]]\n",
        "Draft.md": "---\ndraft: true\n---\n![[Draft]]\n",
    ]

    @Test("each embed of a cycle, with the notes it passes; a note that only leads in is not warned")
    func warnings() throws {
        let vault = try TemporaryVault(Self.vault)
        defer { vault.remove() }
        let found = try vault.check().diagnostics.filter { $0.code == .embedCycle }
        #expect(
            found.map { "\($0.file ?? ""):\($0.line):\($0.column)" } == [
                "A.md:1:1", "B.md:1:1", "C.md:1:3", "C.md:3:1",
            ])
        #expect(found.allSatisfy { $0.severity == .warning })
        #expect(
            found.map(\.message) == [
                "embed cycle: A.md → B.md → C.md → A.md; the page shows a notice where the embed comes round again",
                "embed cycle: B.md → C.md → A.md → B.md; the page shows a notice where the embed comes round again",
                "embed cycle: C.md → A.md → B.md → C.md; the page shows a notice where the embed comes round again",
                "embed cycle: C.md embeds itself; the page shows a notice where the embed comes round again",
            ])
    }

    @Test("an edit that breaks the cycle takes the warnings of the notes it did not touch away too")
    func afterAnEdit() throws {
        let vault = try TemporaryVault(Self.vault)
        defer { vault.remove() }
        let builder = vault.builder()
        let first = try builder.build()
        #expect(first.diagnostics.filter { $0.code == .embedCycle }.count == 4)
        let second = try builder.build(changed: [try vault.write("C.md", "x\n\n![[C]]\n")])
        #expect(second.reparsed == 1)
        #expect(second.diagnostics.filter { $0.code == .embedCycle }.map { $0.file ?? "" } == ["C.md"])
        #expect(second.diagnostics == (try vault.check().diagnostics))
    }

    @Test("a note that embeds another part of itself shows it; a section that embeds itself comes round")
    func partsOfANote() throws {
        let vault = try TemporaryVault([
            "A.md": "# A\n\n## Summary\n![[#Definition]]\n\n![[#^def]]\n\n## Definition\nA thing is a thing. ^def\n",
            "B.md": "# B\n\n## Loop\nbefore ![[#Loop]]\n\n## Whole\n![[B]]\n\n## Other\n![[#Whole]]\n",
        ])
        defer { vault.remove() }
        let found = try vault.check().diagnostics.filter { $0.code == .embedCycle }
        #expect(found.map { "\($0.file ?? ""):\($0.line)" } == ["B.md:4", "B.md:7", "B.md:10"])
        #expect(found.first?.message.hasPrefix("embed cycle: B.md#loop embeds itself") == true)
        _ = try vault.build()
        let page = try vault.page("a.html")
        #expect(!page.contains("embed cycle"))
        let body = try #require(page.range(of: "<div class=\"note-body\">")).lowerBound
        // Its own, the section's, the block's.
        #expect(page[body...].components(separatedBy: "A thing is a thing.").count == 4)
        let loop = try vault.page("b.html")
        // Each comes round once: the section in itself, the whole note in itself, and in the embedded section.
        #expect(loop.components(separatedBy: "(embed cycle)").count - 1 == 3)
    }

    @Test("strongly connected components, also down a chain too deep for recursion")
    func components() {
        let found = EmbedCycles.components([[1], [2], [0], [0], [4]])
        #expect(found[0] == found[1] && found[1] == found[2] && found[3] != found[0] && found[4] != found[0])
        let chain = (0..<50_000).map { $0 + 1 < 50_000 ? [$0 + 1] : [0] }
        #expect(Set(EmbedCycles.components(chain)).count == 1)
    }
}
