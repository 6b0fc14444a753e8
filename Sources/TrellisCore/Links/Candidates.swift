/// The notes (or files) one link key names, in vault order, with the choice among them made as
/// they are learnt, once per key instead of once per link: a name shared by thousands of notes
/// costs each link to it a table look-up, not a pass over the notes.
struct Candidates: Sendable {
    private(set) var paths: [VaultPath]
    /// Fewest folders, then first by path: the choice for a link from a folder that holds none.
    private(set) var best: VaultPath
    private var bestDepth: Int
    /// The first by path in each folder holding one, once there are several candidates.
    private var firstInFolder: [String: VaultPath] = [:]

    init(_ path: VaultPath) {
        paths = [path]
        best = path
        bestDepth = path.depth
    }

    mutating func append(_ path: VaultPath) {
        if paths.count == 1 { learnFolder(of: paths[0]) }
        paths.append(path)
        learnFolder(of: path)
        let depth = path.depth
        if (depth, path) < (bestDepth, best) { (best, bestDepth) = (path, depth) }
    }

    /// The candidate a link from `source` leads to: the one in its own folder, else `best`.
    func choice(from source: VaultPath) -> VaultPath {
        if paths.count == 1 { return best }
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
