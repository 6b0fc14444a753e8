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

    private struct Node: Sendable {
        /// The JSON-quoted id, for edges.
        var id: String
        /// `{"id":…,"title":…,"url":…,"depth":` — a page adds the depth.
        var json: String
        /// Notes it links to, then notes linking to it, each once, sorted by path within each part.
        var neighbours: [Int32]
        /// How many of `neighbours` are its outlinks.
        var outlinkCount: Int
    }

    private let mode: Mode
    private let graph: LinkGraph
    private let siteMap: SiteMap
    private let titles: [VaultPath: String]
    /// The prepared nodes, numbered in path order (`prepared` only).
    private let nodes: [Node]
    private let numbers: [VaultPath: Int32]
    var limit = 30

    init(graph: LinkGraph, siteMap: SiteMap, titles: [VaultPath: String], mode: Mode = .prepared, jobs: Int? = nil) {
        self.mode = mode
        self.graph = graph
        self.siteMap = siteMap
        self.titles = titles
        guard mode == .prepared else {
            nodes = []
            numbers = [:]
            return
        }
        let shown = titles.keys.filter { siteMap.pages[$0] != nil }.sorted()
        var numbers: [VaultPath: Int32] = [:]
        numbers.reserveCapacity(shown.count)
        for (number, path) in shown.enumerated() { numbers[path] = Int32(number) }
        nodes = Parallel.map(shown, jobs: jobs) { [numbers] path in
            let outlinks = (graph.outlinks[path] ?? []).compactMap { numbers[$0] }
            let backlinks = (graph.backlinks[path] ?? []).compactMap { numbers[$0] }
            return Node(
                id: JSON.string(path.string), json: LocalGraph.nodeJSON(path, titles[path]!, siteMap.pages[path]!),
                neighbours: outlinks + backlinks, outlinkCount: outlinks.count)
        }
        self.numbers = numbers
    }

    private static func nodeJSON(_ path: VaultPath, _ title: String, _ page: SitePath) -> String {
        "{\"id\":\(JSON.string(path.string)),\"title\":\(JSON.string(title)),\"url\":\(JSON.string(page.encodedPath)),\"depth\":"
    }

    func json(for note: VaultPath) -> String {
        if mode == .prepared {
            guard let start = numbers[note] else { return LocalGraph.empty }
            return walk(
                from: start, neighbours: { (nodes[Int($0)].neighbours, nodes[Int($0)].outlinkCount) },
                node: { nodes[Int($0)].json }, id: { nodes[Int($0)].id })
        }
        func isShown(_ path: VaultPath) -> Bool { titles[path] != nil && siteMap.pages[path] != nil }
        guard isShown(note) else { return LocalGraph.empty }
        return walk(
            from: note,
            neighbours: { path in
                let outlinks = (graph.outlinks[path] ?? []).filter(isShown)
                return (outlinks + (graph.backlinks[path] ?? []).filter(isShown), outlinks.count)
            },
            node: { LocalGraph.nodeJSON($0, titles[$0]!, siteMap.pages[$0]!) }, id: { JSON.string($0.string) })
    }

    private static let empty = "{\"nodes\":[],\"edges\":[]}"

    /// The walk and its JSON, over note numbers or over paths.
    private func walk<Key: Equatable>(
        from start: Key, neighbours: (Key) -> ([Key], outlinks: Int), node: (Key) -> String, id: (Key) -> String
    ) -> String {
        var order: [Key] = [start]
        var depths: [Int] = [0]
        func seen(_ key: Key) -> Bool { order.contains(key) }
        var cursor = 0
        walk: while cursor < order.count && order.count < limit {
            let current = order[cursor]
            let depth = depths[cursor]
            cursor += 1
            guard depth < 2 else { continue }
            for next in neighbours(current).0 where !seen(next) {
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
            out += node(key).utf8
            out.append(UInt8(ascii: "0") + UInt8(depths[index]))  // 0, 1 or 2
            out.append(UInt8(ascii: "}"))
        }
        out += #"],"edges":["#.utf8
        var first = true
        for source in order {
            let (all, outlinkCount) = neighbours(source)
            let sourceID = id(source)
            for target in all.prefix(outlinkCount) where seen(target) {
                if !first { out.append(UInt8(ascii: ",")) }
                out += #"{"source":"#.utf8
                out += sourceID.utf8
                out += #","target":"#.utf8
                out += id(target).utf8
                out.append(UInt8(ascii: "}"))
                first = false
            }
        }
        out += "]}".utf8
        return String(decoding: out, as: UTF8.self)
    }
}
