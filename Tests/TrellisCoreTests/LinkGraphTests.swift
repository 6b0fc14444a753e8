import Testing

@testable import TrellisCore

/// The link graph keeps links out and in as note numbers; what it answers must be what the
/// resolved links say, worked out here the slow, obvious way.
@Suite("link graph")
struct LinkGraphTests {
    /// Sixty notes in three folders, handed over out of path order, each with random links,
    /// embeds, links to itself, repeats, and dangling links.
    static func vault(seed: UInt64) -> (notes: [Note], resolutions: [VaultPath: [Resolution]]) {
        var random = SeededRandom(seed: seed)
        let names = (0..<60).map { "Folder \($0 % 3)/Note \($0)" }
        var notes: [Note] = []
        for (number, name) in names.enumerated() {
            var body = "# Note \(number)\n\n"
            for _ in 0..<Int.random(in: 0...8, using: &random) {
                switch Int.random(in: 0..<10, using: &random) {
                case 0: body += "[[Missing \(Int.random(in: 0..<3, using: &random))]] "
                case 1: body += "![[Note \(Int.random(in: 0..<60, using: &random))]] "
                case 2: body += "[[Note \(number)]] "
                default: body += "[[Note \(Int.random(in: 0..<60, using: &random))]] "
                }
            }
            notes.append(parse(body, path: name + ".md"))
        }
        notes.shuffle(using: &random)
        let resolver = LinkResolver(index: VaultIndex(notes: notes, attachments: []))
        var resolutions: [VaultPath: [Resolution]] = [:]
        for note in notes {
            resolutions[note.path] = note.markdown.references.map { resolver.resolve($0, from: note.path).resolution }
        }
        return (notes, resolutions)
    }

    @Test(
        "edges, backlinks, outlinks, embedders, neighbours and orphans match the resolved links",
        arguments: [1, 2, 3] as [UInt64])
    func matchesResolvedLinks(seed: UInt64) {
        let (notes, resolutions) = Self.vault(seed: seed)
        let graph = LinkGraph(notes: notes, resolutions: resolutions, jobs: 2)

        var expected: Set<LinkGraph.Edge> = []
        var dangling: [LinkGraph.DanglingLink] = []
        for note in notes {
            for (reference, resolution) in zip(note.markdown.references, resolutions[note.path]!) {
                switch resolution {
                case .note(let target, _) where target != note.path:
                    expected.insert(
                        LinkGraph.Edge(
                            source: note.path, target: target, kind: reference.kind == .embed ? .embed : .link))
                case .dangling:
                    dangling.append(LinkGraph.DanglingLink(source: note.path, target: reference.written))
                default:
                    break
                }
            }
        }
        #expect(graph.edges == expected.sorted())
        #expect(graph.edges.contains { $0.kind == .embed })
        #expect(graph.dangling == dangling)
        #expect(!dangling.isEmpty)

        var withBacklinks: [(VaultPath, Int)] = []
        for path in notes.map(\.path).sorted() {
            let sources = Set(expected.filter { $0.target == path }.map(\.source)).sorted()
            let targets = Set(expected.filter { $0.source == path }.map(\.target)).sorted()
            #expect(graph.backlinks[path] == (sources.isEmpty ? nil : sources), "\(path)")
            #expect(graph.outlinks[path] == (targets.isEmpty ? nil : targets), "\(path)")
            #expect(graph.neighbours(of: path) == targets + sources, "\(path)")
            #expect(
                graph.embedders(of: path)
                    == expected.filter { $0.target == path && $0.kind == .embed }.map(\.source).sorted())
            if !sources.isEmpty { withBacklinks.append((path, sources.count)) }
        }
        #expect(graph.backlinkCounts.map(\.path) == withBacklinks.map(\.0))
        #expect(graph.backlinkCounts.map(\.count) == withBacklinks.map(\.1))
        #expect(
            graph.orphans(among: notes) == notes.map(\.path).filter { path in !expected.contains { $0.target == path } }
        )
        #expect(graph.backlinks[VaultPath("Not a note.md")] == nil)
        #expect(graph.neighbours(of: VaultPath("Not a note.md")).isEmpty)
    }
}

/// SplitMix64: the same notes on every run.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
