/// The notes (or files) one link key names, in vault order, with the choice among them made as
/// they are learnt, once per key instead of once per link: a name shared by thousands of notes
/// costs each link to it a table look-up, not a pass over the notes.
struct Candidates: Sendable {
    /// The first learnt, and the others: most keys name one note, and hold no array.
    private let first: VaultPath
    private var others: [VaultPath] = []
    /// Fewest folders, then first by path: the choice for a link from a folder that holds none.
    private(set) var best: VaultPath
    /// The first by path in each folder holding one, once there are several candidates.
    private var firstInFolder: [String: VaultPath] = [:]

    init(_ path: VaultPath) {
        first = path
        best = path
    }

    var count: Int { others.count + 1 }
    var paths: [VaultPath] { [first] + others }

    mutating func append(_ path: VaultPath) {
        if others.isEmpty { learnFolder(of: first) }
        others.append(path)
        learnFolder(of: path)
        if (path.depth, path) < (best.depth, best) { best = path }
    }

    /// The candidate a link from `source` leads to: the one in its own folder, else `best`.
    func choice(from source: VaultPath) -> VaultPath {
        if others.isEmpty { return best }
        return firstInFolder[source.folder] ?? best
    }

    private mutating func learnFolder(of path: VaultPath) {
        let folder = path.folder
        if let first = firstInFolder[folder], first < path { return }
        firstInFolder[folder] = path
    }
}

extension Dictionary where Value == Candidates {
    /// Adds `path` to the candidates of `key`.
    mutating func add(_ path: VaultPath, for key: Key) {
        if self[key]?.append(path) == nil { self[key] = Candidates(path) }
    }
}
