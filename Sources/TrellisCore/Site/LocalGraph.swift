/// The neighbourhood of one note, for the small graph beside it: the notes within two links
/// (either direction), at most `limit` of them, nearest first. Its size is bounded, so a page does
/// not grow with the vault.
///
/// A full build asks for every page's, so the graph is then kept as arrays of note numbers (a
/// page's walk does no hashing of paths) and each node's JSON is made once (`prepared`): its
/// `url` is from the site root, which the theme's script joins to the page's `data-root`, so it
/// is the same on every page. A build that renders a few pages again walks the link graph itself
/// (`onDemand`) rather than preparing ten thousand nodes for them. Both give the same JSON.
struct LocalGraph: Sendable {
    enum Mode: Sendable { case prepared, onDemand }

    private let mode: Mode
    private let graph: LinkGraph
    private let siteMap: SiteMap
    private let titles: [VaultPath: String]
    /// The prepared nodes, numbered in path order (`prepared` only), each in a few flat arrays
    /// rather than a string or array of its own: a page's walk then retains and releases no
    /// object per node it reads (ten thousand pages read tens of nodes each). For each node: its
    /// JSON-quoted id, for edges; its `{"id":…,"title":…,"url":…,"depth":` (a page adds the
    /// depth); the notes it links to, then the notes linking to it, each once, sorted by path
    /// within each part (`adjacency`, up to `adjacencyEnds[node]`), and how many are outlinks.
    private let ids: FlatBytes
    private let nodes: FlatBytes
    private let adjacency: [Int32]
    private let adjacencyEnds: [Int]
    private let outlinkCounts: [Int]
    private let numbers: [VaultPath: Int32]
    var limit = 30

    init(graph: LinkGraph, siteMap: SiteMap, titles: [VaultPath: String], mode: Mode = .prepared, jobs: Int? = nil) {
        self.mode = mode
        self.graph = graph
        self.siteMap = siteMap
        self.titles = titles
        guard mode == .prepared else {
            (ids, nodes, adjacency, adjacencyEnds, outlinkCounts, numbers) = (FlatBytes(), FlatBytes(), [], [], [], [:])
            return
        }
        let shown = titles.keys.filter { siteMap.pages[$0] != nil }.sorted()
        var numbers: [VaultPath: Int32] = [:]
        numbers.reserveCapacity(shown.count)
        for (number, path) in shown.enumerated() { numbers[path] = Int32(number) }
        let prepared = Parallel.map(shown, jobs: jobs) { [numbers] path in
            let outlinks = (graph.outlinks[path] ?? []).compactMap { numbers[$0] }
            let backlinks = (graph.backlinks[path] ?? []).compactMap { numbers[$0] }
            return (
                id: JSON.string(path.string), json: LocalGraph.nodeJSON(path, titles[path]!, siteMap.pages[path]!),
                neighbours: outlinks + backlinks, outlinkCount: outlinks.count
            )
        }
        var (ids, nodes, adjacency, adjacencyEnds) = (FlatBytes(), FlatBytes(), [Int32](), [Int]())
        for node in prepared {
            ids.append(Array(node.id.utf8))
            nodes.append(Array(node.json.utf8))
            adjacency += node.neighbours
            adjacencyEnds.append(adjacency.count)
        }
        (self.ids, self.nodes, self.adjacency, self.adjacencyEnds) = (ids, nodes, adjacency, adjacencyEnds)
        outlinkCounts = prepared.map(\.outlinkCount)
        self.numbers = numbers
    }

    private static func nodeJSON(_ path: VaultPath, _ title: String, _ page: SitePath) -> String {
        "{\"id\":\(JSON.string(path.string)),\"title\":\(JSON.string(title)),\"url\":\(JSON.string(page.encodedPath)),\"depth\":"
    }

    func json(for note: VaultPath) -> String {
        if mode == .prepared {
            guard let start = numbers[note] else { return LocalGraph.empty }
            return preparedJSON(from: start)
        }
        func isShown(_ path: VaultPath) -> Bool { titles[path] != nil && siteMap.pages[path] != nil }
        guard isShown(note) else { return LocalGraph.empty }
        var reached = Set<VaultPath>()
        return walk(
            from: note,
            neighbours: { path in
                let outlinks = (graph.outlinks[path] ?? []).filter(isShown)
                return (outlinks + (graph.backlinks[path] ?? []).filter(isShown), outlinks.count)
            },
            node: { $1 += LocalGraph.nodeJSON($0, titles[$0]!, siteMap.pages[$0]!).utf8 },
            id: { $1 += JSON.string($0.string).utf8 }, reached: &reached)
    }

    /// The walk over the prepared nodes, reading their flat arrays in place.
    private func preparedJSON(from start: Int32) -> String {
        var reached = ReachedNumbers(atMost: min(limit, outlinkCounts.count))
        return ids.bytes.withUnsafeBufferPointer { idBytes in
            nodes.bytes.withUnsafeBufferPointer { nodeBytes in
                adjacency.withUnsafeBufferPointer { adjacency in
                    walk(
                        from: start,
                        neighbours: { node in
                            let node = Int(node)
                            let range = (node == 0 ? 0 : adjacencyEnds[node - 1])..<adjacencyEnds[node]
                            return (UnsafeBufferPointer(rebasing: adjacency[range]), outlinkCounts[node])
                        },
                        node: {
                            $1.append(
                                contentsOf: UnsafeBufferPointer(rebasing: nodeBytes[nodes.range(of: Int($0))]))
                        },
                        id: {
                            $1.append(contentsOf: UnsafeBufferPointer(rebasing: idBytes[ids.range(of: Int($0))]))
                        }, reached: &reached)
                }
            }
        }
    }

    private static let empty = "{\"nodes\":[],\"edges\":[]}"

    /// The walk and its JSON, over note numbers or over paths. `node` and `id` append a node's
    /// JSON (up to its depth) and its quoted id.
    /// `reached`: empty; what the walk has reached (a set rather than a search of `order`: the
    /// edges ask it of every outlink of every node shown).
    private func walk<Key, Neighbours: Collection<Key>, Reached: ReachedNotes<Key>>(
        from start: Key, neighbours: (Key) -> (Neighbours, outlinks: Int), node: (Key, inout [UInt8]) -> Void,
        id: (Key, inout [UInt8]) -> Void, reached: inout Reached
    ) -> String {
        var order: [Key] = [start]
        var depths: [Int] = [0]
        _ = reached.insert(start)
        func seen(_ key: Key) -> Bool { reached.contains(key) }
        var cursor = 0
        walk: while cursor < order.count && order.count < limit {
            let current = order[cursor]
            let depth = depths[cursor]
            cursor += 1
            guard depth < 2 else { continue }
            for next in neighbours(current).0 where !seen(next) {
                _ = reached.insert(next)
                order.append(next)
                depths.append(depth + 1)
                if order.count >= limit { break walk }
            }
        }
        // Built as bytes: every page has one, tens of nodes and edges each.
        var out: [UInt8] = []
        out.reserveCapacity(order.count * 160)
        out += #"{"nodes":["#.utf8
        for (index, key) in order.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            node(key, &out)
            out.append(UInt8(ascii: "0") + UInt8(depths[index]))  // 0, 1 or 2
            out.append(UInt8(ascii: "}"))
        }
        out += #"],"edges":["#.utf8
        var first = true
        for source in order {
            let (all, outlinkCount) = neighbours(source)
            for target in all.prefix(outlinkCount) where seen(target) {
                if !first { out.append(UInt8(ascii: ",")) }
                out += #"{"source":"#.utf8
                id(source, &out)
                out += #","target":"#.utf8
                id(target, &out)
                out.append(UInt8(ascii: "}"))
                first = false
            }
        }
        out += "]}".utf8
        return String(decoding: out, as: UTF8.self)
    }
}

/// The notes a walk has reached: a set of paths, or of prepared note numbers.
protocol ReachedNotes<Key> {
    associatedtype Key
    func contains(_ key: Key) -> Bool
    mutating func insert(_ key: Key) -> (inserted: Bool, memberAfterInsert: Key)
}

extension Set: ReachedNotes {}

/// The prepared nodes a walk reached, at most `limit` of them, in a small open-addressed table.
/// (A flag per note in the vault had every page clear as many flags as the vault has notes: a
/// cost that grew with the square of the vault.)
struct ReachedNumbers: ReachedNotes {
    private var slots: [Int32]
    private let mask: Int

    /// Room for `count` nodes, with at least as many slots again left empty.
    init(atMost count: Int) {
        var capacity = 16
        while capacity < 2 * count + 2 { capacity *= 2 }
        slots = Array(repeating: -1, count: capacity)
        mask = capacity - 1
    }

    /// The slot that holds `key`, or the empty one where it would go.
    private func slot(_ key: Int32) -> Int {
        var index = Int(truncatingIfNeeded: UInt32(bitPattern: key) &* 0x9E37_79B1) & mask
        while slots[index] != -1 && slots[index] != key { index = (index + 1) & mask }
        return index
    }

    func contains(_ key: Int32) -> Bool { slots[slot(key)] == key }

    mutating func insert(_ key: Int32) -> (inserted: Bool, memberAfterInsert: Int32) {
        let index = slot(key)
        guard slots[index] != key else { return (false, key) }
        slots[index] = key
        return (true, key)
    }
}
