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

        /// Whether the target climbs out of the vault: never a note to be written. (`/about` is a
        /// note at the vault root.)
        public var pointsOutside: Bool {
            PathNormaliser.normalise(target, relativeTo: source.folder, pathRelative: true) == nil
        }
    }

    /// The notes in path order: a note's number is its place here.
    private let paths: [VaultPath]
    private let numbers: [VaultPath: Int32]
    /// Note n's links to other notes are `outCodes[outStart[n]..<outStart[n + 1]]`, each a target
    /// number × 2 + kind (0 an embed, 1 a link: an embed sorts first, as `Edge` orders them),
    /// sorted, each once.
    private let outCodes: [Int32]
    private let outStart: [Int32]
    /// The notes that link to note n, by number (so sorted by path), each once:
    /// `inSources[inStart[n]..<inStart[n + 1]]`.
    private let inSources: [Int32]
    private let inStart: [Int32]
    public private(set) var dangling: [DanglingLink] = []

    /// Links between distinct notes, one per (source, target, kind), sorted. Made when asked for.
    public var edges: [Edge] {
        var edges: [Edge] = []
        edges.reserveCapacity(outCodes.count)
        for (source, path) in paths.enumerated() {
            for code in outCodes[Int(outStart[source])..<Int(outStart[source + 1])] {
                edges.append(Edge(source: path, target: paths[Int(code >> 1)], kind: code & 1 == 0 ? .embed : .link))
            }
        }
        return edges
    }

    /// For each note, the notes that link to it, sorted by path; nil for none.
    public var backlinks: Links { Links(graph: self, incoming: true) }
    /// For each note, the notes it links to, sorted by path; nil for none.
    public var outlinks: Links { Links(graph: self, incoming: false) }

    /// A note's backlinks or outlinks, looked up by its path.
    public struct Links: Sendable {
        fileprivate let graph: LinkGraph
        fileprivate let incoming: Bool

        public subscript(path: VaultPath) -> [VaultPath]? {
            guard let number = graph.numbers[path] else { return nil }
            let found = incoming ? Array(graph.sources(of: Int(number))) : graph.targets(of: Int(number))
            return found.isEmpty ? nil : found.map { graph.paths[Int($0)] }
        }
    }

    /// Each note that has backlinks, with how many.
    public var backlinkCounts: [(path: VaultPath, count: Int)] {
        paths.indices.compactMap { number in
            let count = Int(inStart[number + 1] - inStart[number])
            return count > 0 ? (paths[number], count) : nil
        }
    }

    /// The notes that embed this one.
    public func embedders(of note: VaultPath) -> [VaultPath] {
        guard let number = numbers[note] else { return [] }
        let embed = number << 1
        return sources(of: Int(number)).filter { source in
            outCodes[Int(outStart[Int(source)])..<Int(outStart[Int(source) + 1])].contains(embed)
        }.map { paths[Int($0)] }
    }

    private func sources(of number: Int) -> ArraySlice<Int32> {
        inSources[Int(inStart[number])..<Int(inStart[number + 1])]
    }

    private func targets(of number: Int) -> [Int32] {
        var targets: [Int32] = []
        for code in outCodes[Int(outStart[number])..<Int(outStart[number + 1])] where targets.last != code >> 1 {
            targets.append(code >> 1)
        }
        return targets
    }

    /// One note's links to other notes and its dangling targets, to tell whether the graph changed:
    /// each dangling link counts (`graph.json` lists each one), each link to a note once.
    static func edges(of note: Note, _ resolutions: [Resolution]) -> Set<String> {
        var result: Set<String> = []
        var dangling = 0
        for (reference, resolution) in zip(note.references, resolutions) {
            switch resolution {
            case .note(let target, _) where target != note.path, .missingAnchor(let target) where target != note.path:
                result.insert((reference.embeds(resolution) ? "e:" : "l:") + target.string)
            case .dangling:
                dangling += 1
                result.insert("d:\(dangling):" + reference.written)
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
        // numbers, and links out and in are kept as arrays of numbers rather than tables of paths:
        // no path is hashed or retained per link. (A vault's notes come sorted: checking is
        // cheaper than sorting.)
        let isSorted = zip(notes.indices, notes.indices.dropFirst()).allSatisfy { notes[$0].path < notes[$1].path }
        let ordered = isSorted ? Array(notes.indices) : notes.indices.sorted { notes[$0].path < notes[$1].path }
        let paths = ordered.map { notes[$0].path }
        var numbers: [VaultPath: Int32] = [:]
        numbers.reserveCapacity(paths.count)
        for (number, path) in paths.enumerated() { numbers[path] = Int32(number) }
        // A note's own links as target number × 2 + kind (an embed sorts before a link to the
        // same note, as `Edge` orders them), sorted, each once; and its dangling targets.
        let perNote = Parallel.map(Array(paths.indices), jobs: jobs) { [numbers] number -> ([Int], [DanglingLink]) in
            let note = notes[ordered[number]]
            var own: [Int] = []
            var dangling: [DanglingLink] = []
            // By index: a reference is read where it is, not copied with its texts for each link.
            let references = note.references
            let found = resolutions[note.path] ?? []
            for index in 0..<min(references.count, found.count) {
                switch found[index] {
                case .note(let target, _), .missingAnchor(let target):
                    guard let target = numbers[target].map(Int.init), target != number else { continue }
                    own.append(target << 1 | (references[index].embeds(found[index]) ? 0 : 1))
                case .dangling:
                    dangling.append(DanglingLink(source: note.path, target: references[index].written))
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
        // Links out, end to end; then links in, counted per target and placed by those counts.
        var outCodes: [Int32] = []
        outCodes.reserveCapacity(perNote.reduce(0) { $0 + $1.0.count })
        var outStart: [Int32] = [0]
        outStart.reserveCapacity(paths.count + 1)
        var inStart = [Int32](repeating: 0, count: paths.count + 1)
        for (codes, _) in perNote {
            var last = -1
            for code in codes {
                outCodes.append(Int32(code))
                // A link and an embed of one note are one backlink.
                if code >> 1 != last { inStart[(code >> 1) + 1] += 1 }
                last = code >> 1
            }
            outStart.append(Int32(outCodes.count))
        }
        for number in paths.indices { inStart[number + 1] += inStart[number] }
        var inSources = [Int32](repeating: 0, count: Int(inStart[paths.count]))
        var next = inStart
        for (source, (codes, _)) in perNote.enumerated() {
            var last = -1
            for code in codes where code >> 1 != last {
                last = code >> 1
                inSources[Int(next[last])] = Int32(source)
                next[last] += 1
            }
        }
        self.paths = paths
        self.numbers = numbers
        self.outCodes = outCodes
        self.outStart = outStart
        self.inSources = inSources
        self.inStart = inStart
        // Dangling links stay in the order of `notes`, as callers list them.
        var danglingByNote = [[DanglingLink]](repeating: [], count: notes.count)
        for (number, index) in ordered.enumerated() { danglingByNote[index] = perNote[number].1 }
        dangling = danglingByNote.flatMap { $0 }
    }

    /// The notes this one links to or is linked from.
    public func neighbours(of note: VaultPath) -> [VaultPath] {
        guard let number = numbers[note].map(Int.init) else { return [] }
        return (targets(of: number) + sources(of: number)).map { paths[Int($0)] }
    }

    /// Notes nothing links to.
    public func orphans(among notes: [Note]) -> [VaultPath] {
        notes.map(\.path).filter { path in numbers[path].map { inStart[Int($0)] == inStart[Int($0) + 1] } ?? true }
    }
}
