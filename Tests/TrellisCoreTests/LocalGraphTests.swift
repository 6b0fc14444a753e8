import Foundation
import Testing

@testable import TrellisCore

/// The small graph beside each note: prepared for every page at once (a full build), or walked
/// for one page at a time (a build that renders a few pages again) — the same JSON either way.
@Suite("local graph")
struct LocalGraphTests {
    /// A hub linked from everywhere (more neighbours than the limit), a cycle, a note linking
    /// itself, links to and from an unpublished note, a dangling link, and a note alone.
    static let notes: [String: String] = {
        var notes = [
            "Hub.md": "# Hub\n\n[[A]] [[B]] [[Draft]]\n",
            "A.md": "# A\n\n[[B]] [[Hub]] [[A]]\n",
            "B.md": "# B\n\n[[C]]\n",
            "C.md": "# C\n\n[[A]] [[Missing]]\n",
            "Draft.md": "---\npublish: false\n---\n# Draft\n\n[[C]]\n",
            "Alone.md": "# Alone\n\nNo links.\n",
        ]
        for number in 0..<40 {
            notes["Spokes/Spoke \(number).md"] = "# Spoke \(number)\n\n[[Hub]] [[Spoke \((number + 1) % 40)]]\n"
        }
        return notes
    }()

    @Test("walking the link graph for one page gives the JSON prepared for all pages")
    func onDemandMatchesPrepared() throws {
        let vault = try TemporaryVault(Self.notes)
        defer { vault.remove() }
        let resolved = try vault.check()
        let published = resolved.publishedNotes
        let siteMap = SiteMap(notes: published.map(\.path), attachments: [], home: resolved.home)
        let titles = Dictionary(uniqueKeysWithValues: published.map { ($0.path, $0.title) })
        let prepared = LocalGraph(graph: resolved.graph, siteMap: siteMap, titles: titles, mode: .prepared, jobs: 2)
        let onDemand = LocalGraph(graph: resolved.graph, siteMap: siteMap, titles: titles, mode: .onDemand)
        for note in resolved.notes.map(\.path) {
            let expected = prepared.json(for: note)
            let got = onDemand.json(for: note)
            #expect(got == expected, "\(note.string)")
        }
        // What the walk shows: the hub's neighbourhood is cut at the limit, the draft never shows.
        let hub = prepared.json(for: VaultPath("Hub.md"))
        #expect(hub.components(separatedBy: "\"depth\":").count - 1 == 30)
        #expect(!hub.contains("Draft"))
        #expect(prepared.json(for: VaultPath("Draft.md")) == "{\"nodes\":[],\"edges\":[]}")
        #expect(prepared.json(for: VaultPath("Alone.md")).hasSuffix("\"depth\":0}],\"edges\":[]}"))
    }

    @Test("the table of reached notes answers as a set does, keys colliding or not, up to its size")
    func reachedNumbers() {
        var random = SeededRandom(seed: 5)
        for size in [1, 2, 7, 30, 31, 100] {
            for _ in 0..<50 {
                var table = ReachedNumbers(atMost: size)
                var set: Set<Int32> = []
                // Few distinct keys for small tables, so that they repeat; multiples of 64 collide.
                let keys = (0..<size).map { _ in Int32.random(in: 0..<Int32(2 * size + 2), using: &random) * 64 }
                for key in keys {
                    #expect(table.insert(key).inserted == set.insert(key).inserted)
                    let probe = Int32.random(in: 0..<Int32(2 * size + 2), using: &random) * 64
                    #expect(table.contains(probe) == set.contains(probe))
                }
            }
        }
    }
}
