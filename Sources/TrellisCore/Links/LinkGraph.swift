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
        let ordered = notes.indices.sorted { notes[$0].path < notes[$1].path }
        let perNote = Parallel.map(ordered, jobs: jobs) { index -> ([Edge], [DanglingLink]) in
            let note = notes[index]
            var own: Set<Edge> = []
            var dangling: [DanglingLink] = []
            for (reference, resolution) in zip(note.markdown.references, resolutions[note.path] ?? []) {
                switch resolution {
                case .note(let target, _) where target != note.path:
                    own.insert(Edge(source: note.path, target: target, kind: reference.kind == .embed ? .embed : .link))
                case .dangling:
                    dangling.append(DanglingLink(source: note.path, target: reference.written))
                default:
                    break
                }
            }
            return (own.sorted(), dangling)
        }
        // Dangling links stay in the order of `notes`, as callers list them.
        var danglingByNote = [[DanglingLink]](repeating: [], count: notes.count)
        for (position, index) in ordered.enumerated() {
            edges += perNote[position].0
            danglingByNote[index] = perNote[position].1
        }
        dangling = danglingByNote.flatMap { $0 }
        for edge in edges {
            if backlinks[edge.target]?.last != edge.source { backlinks[edge.target, default: []].append(edge.source) }
            if outlinks[edge.source]?.last != edge.target { outlinks[edge.source, default: []].append(edge.target) }
        }
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
