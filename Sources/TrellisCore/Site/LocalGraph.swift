/// The neighbourhood of one note, for the small graph beside it: the notes within two links
/// (either direction), at most `limit` of them, nearest first. Its size is bounded, so a page does
/// not grow with the vault.
///
/// Every page asks for one, so the graph is kept as arrays of note numbers (a page's walk does no
/// hashing of paths) and each node's JSON is made once: its `url` is from the site root, which the
/// theme's script joins to the page's `data-root`, so it is the same on every page.
struct LocalGraph: Sendable {
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

    private let nodes: [Node]
    private let numbers: [VaultPath: Int32]
    var limit = 30

    init(graph: LinkGraph, siteMap: SiteMap, titles: [VaultPath: String], jobs: Int? = nil) {
        let shown = titles.keys.filter { siteMap.pages[$0] != nil }.sorted()
        var numbers: [VaultPath: Int32] = [:]
        numbers.reserveCapacity(shown.count)
        for (number, path) in shown.enumerated() { numbers[path] = Int32(number) }
        nodes = Parallel.map(shown, jobs: jobs) { [numbers] path in
            let outlinks = (graph.outlinks[path] ?? []).compactMap { numbers[$0] }
            let backlinks = (graph.backlinks[path] ?? []).compactMap { numbers[$0] }
            let id = JSON.string(path.string)
            let json = "{\"id\":\(id),\"title\":\(JSON.string(titles[path]!)),\"url\":\(JSON.string(siteMap.pages[path]!.encodedPath)),\"depth\":"
            return Node(id: id, json: json, neighbours: outlinks + backlinks, outlinkCount: outlinks.count)
        }
        self.numbers = numbers
    }

    func json(for note: VaultPath) -> String {
        guard let start = numbers[note] else { return "{\"nodes\":[],\"edges\":[]}" }
        var order: [Int32] = [start]
        var depths: [Int] = [0]
        func seen(_ number: Int32) -> Bool { order.contains(number) }
        var cursor = 0
        walk: while cursor < order.count && order.count < limit {
            let current = order[cursor]
            let depth = depths[cursor]
            cursor += 1
            guard depth < 2 else { continue }
            for next in nodes[Int(current)].neighbours where !seen(next) {
                order.append(next)
                depths.append(depth + 1)
                if order.count >= limit { break walk }
            }
        }
        var out = "{\"nodes\":["
        for (index, number) in order.enumerated() {
            if index > 0 { out += "," }
            out += nodes[Int(number)].json
            out += String(depths[index])
            out += "}"
        }
        out += "],\"edges\":["
        var first = true
        for source in order {
            let node = nodes[Int(source)]
            for target in node.neighbours.prefix(node.outlinkCount) where seen(target) {
                out += (first ? "" : ",") + "{\"source\":\(node.id),\"target\":\(nodes[Int(target)].id)}"
                first = false
            }
        }
        return out + "]}"
    }
}
