import Testing

@testable import TrellisCore

@Suite("Names shared by many notes")
struct SharedNameTests {
    /// The rule `Candidates` keeps, the slow way: the candidate in the linking note's folder,
    /// else the one with the fewest folders, else the first by path.
    static func reference(_ candidates: [VaultPath], from source: VaultPath) -> VaultPath {
        if let sameFolder = candidates.filter({ $0.folder == source.folder }).min() { return sameFolder }
        return candidates.min { ($0.depth, $0.string) < ($1.depth, $1.string) }!
    }

    @Test("5,000 notes named Same: each link picks as the rule says, and warns with five names")
    func fiveThousand() {
        var notes = (0..<5000).map { parse("x", path: "f\(String(4999 - $0))/Same.md") }
        notes.append(parse("x", path: "deep/er/Same.md"))
        notes += ["Index.md", "f17/Index.md", "deep/er/Index.md", "nowhere/Index.md"].map {
            parse("[[Same]]", path: $0)
        }
        let resolver = LinkResolver(index: VaultIndex(notes: notes, attachments: []))
        let chosen = notes.suffix(4).map { note in
            resolver.resolve(note.markdown.references[0], from: note.path)
        }
        #expect(
            chosen.map(\.resolution.notePath)
                == ["f0/Same.md", "f17/Same.md", "deep/er/Same.md", "f0/Same.md"].map(VaultPath.init))
        #expect(
            chosen[0].diagnostic?.message
                == "ambiguous link [[Same]]: 5001 candidates (f4999/Same.md, f4998/Same.md, f4997/Same.md, f4996/Same.md, f4995/Same.md and 4996 more); using f0/Same.md"
        )
    }

    @Test("the choice made once per name is the rule's, from every folder", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func sameAsReference(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let folders = ["", "a", "b", "a/b", "a/c", "b/a", "c/d/e", "C"]
        var paths: [VaultPath] = []
        for _ in 0..<Int.random(in: 1...12, using: &random) {
            let folder = folders.randomElement(using: &random)!
            let name = ["Same", "same", "SAME"].randomElement(using: &random)!
            paths.append(VaultPath(folder.isEmpty ? "\(name).md" : "\(folder)/\(name).md"))
        }
        var candidates = Candidates(paths[0])
        for path in paths.dropFirst() { candidates.append(path) }
        #expect(candidates.paths == paths)
        for folder in folders {
            let source = VaultPath(folder.isEmpty ? "Index.md" : "\(folder)/Index.md")
            #expect(candidates.choice(from: source) == Self.reference(paths, from: source), "\(paths) from \(source)")
        }
    }
}
