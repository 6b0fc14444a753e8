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

    /// Links to a path that is not one of `notes` are not edges: a resolver only resolves to the
    /// notes it indexed.
    public init(notes: [Note], resolutions: [VaultPath: [Resolution]], jobs: Int? = nil) {
        // Each note is numbered by its place in path order, so that ordering edges is comparing
        // numbers, and backlinks are gathered in an array per note rather than by hashing paths.
        // (A vault's notes come sorted: checking is cheaper than sorting.)
        let isSorted = zip(notes.indices, notes.indices.dropFirst()).allSatisfy { notes[$0].path < notes[$1].path }
        let ordered = isSorted ? Array(notes.indices) : notes.indices.sorted { notes[$0].path < notes[$1].path }
        let paths = ordered.map { notes[$0].path }
        var numbers: [VaultPath: Int] = [:]
        numbers.reserveCapacity(paths.count)
        for (number, path) in paths.enumerated() { numbers[path] = number }
        // A note's own links as target number × 2 + kind (an embed sorts before a link to the
        // same note, as `Edge` orders them), sorted, each once; and its dangling targets.
        let perNote = Parallel.map(Array(paths.indices), jobs: jobs) { [numbers] number -> ([Int], [DanglingLink]) in
            let note = notes[ordered[number]]
            var own: [Int] = []
            var dangling: [DanglingLink] = []
            for (reference, resolution) in zip(note.markdown.references, resolutions[note.path] ?? []) {
                switch resolution {
                case .note(let target, _):
                    guard let target = numbers[target], target != number else { continue }
                    own.append(target << 1 | (reference.kind == .embed ? 0 : 1))
                case .dangling:
                    dangling.append(DanglingLink(source: note.path, target: reference.written))
                default:
                    break
                }
            }
            own.sort()
            var unique: [Int] = []
            unique.reserveCapacity(own.count)
            for code in own where unique.last != code { unique.append(code) }
            return (unique, dangling)
        }
        edges.reserveCapacity(perNote.reduce(0) { $0 + $1.0.count })
        outlinks.reserveCapacity(paths.count)
        var incoming = [[Int]](repeating: [], count: paths.count)
        for (number, source) in paths.enumerated() where !perNote[number].0.isEmpty {
            var targets: [VaultPath] = []
            for code in perNote[number].0 {
                let target = code >> 1
                edges.append(Edge(source: source, target: paths[target], kind: code & 1 == 0 ? .embed : .link))
                // Sources come in order: a repeat (a link and an embed of one note) is the last one.
                if incoming[target].last != number {
                    incoming[target].append(number)
                    targets.append(paths[target])
                }
            }
            outlinks[source] = targets
        }
        backlinks.reserveCapacity(paths.count)
        for (target, sources) in incoming.enumerated() where !sources.isEmpty {
            backlinks[paths[target]] = sources.map { paths[$0] }
        }
        // Dangling links stay in the order of `notes`, as callers list them.
        var danglingByNote = [[DanglingLink]](repeating: [], count: notes.count)
        for (number, index) in ordered.enumerated() { danglingByNote[index] = perNote[number].1 }
        dangling = danglingByNote.flatMap { $0 }
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
