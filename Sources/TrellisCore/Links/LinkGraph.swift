import Foundation

/// The notes and the resolved links between them; backlinks are read off it.
public struct LinkGraph: Sendable {
    public struct Edge: Sendable, Hashable, Comparable {
        public enum Kind: String, Sendable { case link, embed }
        public var source: VaultPath
        public var target: VaultPath
        public var kind: Kind

        public static func < (lhs: Edge, rhs: Edge) -> Bool {
            (lhs.source, lhs.target, lhs.kind.rawValue) < (rhs.source, rhs.target, rhs.kind.rawValue)
        }
    }

    public struct DanglingLink: Sendable, Hashable {
        public var source: VaultPath
        public var target: String

        /// Whether the target climbs out of the vault or is absolute: never a note to be written.
        public var pointsOutside: Bool {
            target.hasPrefix("/") || target.hasPrefix("\\")
                || PathNormaliser.normalise(target, relativeTo: source.folder, pathRelative: true) == nil
        }
    }

    /// Links between distinct notes, one per (source, target, kind).
    public private(set) var edges: [Edge] = []
    public private(set) var dangling: [DanglingLink] = []
    /// For each note, the notes that link to it, sorted by path.
    public private(set) var backlinks: [VaultPath: [VaultPath]] = [:]
    /// For each note, the notes it links to, sorted by path.
    public private(set) var outlinks: [VaultPath: [VaultPath]] = [:]

    /// One note's links to other notes and its dangling targets, to tell whether the graph changed.
    static func edges(of note: Note, _ resolutions: [Resolution]) -> Set<String> {
        var result: Set<String> = []
        for (reference, resolution) in zip(note.markdown.references, resolutions) {
            switch resolution {
            case .note(let target, _) where target != note.path:
                result.insert((reference.kind == .embed ? "e:" : "l:") + target.string)
            case .dangling:
                result.insert("d:" + reference.written)
            default:
                break
            }
        }
        return result
    }

    public init(notes: [Note], resolutions: [VaultPath: [Resolution]], jobs: Int? = nil) {
        // Notes in path order and each note's own edges sorted give every edge in order, without
        // sorting them all together; backlinks and outlinks then come out sorted as they are added.
        // (A vault's notes come sorted: checking is cheaper than sorting.)
        let isSorted = zip(notes.indices, notes.indices.dropFirst()).allSatisfy { notes[$0].path < notes[$1].path }
        let ordered = isSorted ? Array(notes.indices) : notes.indices.sorted { notes[$0].path < notes[$1].path }
        let perNote = Parallel.map(ordered, jobs: jobs) { index -> ([Edge], [DanglingLink]) in
            let source = notes[index].path
            var own: [Edge] = []
            var dangling: [DanglingLink] = []
            for (reference, resolution) in zip(notes[index].markdown.references, resolutions[source] ?? []) {
                switch resolution {
                case .note(let target, _) where target != source:
                    own.append(Edge(source: source, target: target, kind: reference.kind == .embed ? .embed : .link))
                case .dangling:
                    dangling.append(DanglingLink(source: source, target: reference.written))
                default:
                    break
                }
            }
            // Sorted, a repeat of an edge is next to it: a few comparisons, where a set would hash.
            own.sort()
            var unique: [Edge] = []
            unique.reserveCapacity(own.count)
            for edge in own where unique.last != edge { unique.append(edge) }
            return (unique, dangling)
        }
        // Dangling links stay in the order of `notes`, as callers list them.
        var danglingByNote = [[DanglingLink]](repeating: [], count: notes.count)
        edges.reserveCapacity(perNote.reduce(0) { $0 + $1.0.count })
        outlinks.reserveCapacity(notes.count)
        for (position, index) in ordered.enumerated() {
            let own = perNote[position].0
            edges += own
            danglingByNote[index] = perNote[position].1
            guard let source = own.first?.source else { continue }
            var targets: [VaultPath] = []
            targets.reserveCapacity(own.count)
            for edge in own where targets.last != edge.target { targets.append(edge.target) }
            outlinks[source] = targets
        }
        dangling = danglingByNote.flatMap { $0 }
        for edge in edges {
            LinkGraph.appendOnce(edge.source, to: &backlinks[edge.target, default: []])
        }
    }

    /// Edges come in order, so a repeat (a link and an embed of one note) is the last one.
    private static func appendOnce(_ path: VaultPath, to list: inout [VaultPath]) {
        if list.last != path { list.append(path) }
    }

    /// The notes this one links to or is linked from.
    public func neighbours(of note: VaultPath) -> [VaultPath] {
        (outlinks[note] ?? []) + (backlinks[note] ?? [])
    }

    /// Notes nothing links to.
    public func orphans(among notes: [Note]) -> [VaultPath] {
        notes.map(\.path).filter { backlinks[$0] == nil }
    }
}
