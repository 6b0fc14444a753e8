/// The neighbourhood of one note, for the small graph beside it: the notes within two links
/// (either direction), at most `limit` of them, nearest first. Its size is bounded, so a page does
/// not grow with the vault.
struct LocalGraph {
    let graph: LinkGraph
    var limit = 40

    func json(for note: VaultPath, on page: SitePath, siteMap: SiteMap, titles: (VaultPath) -> String?) -> String {
        var order: [VaultPath] = [note]
        var depth: [VaultPath: Int] = [note: 0]
        var cursor = 0
        while cursor < order.count && order.count < limit {
            let current = order[cursor]
            cursor += 1
            guard depth[current]! < 2 else { continue }
            let neighbours = (graph.outlinks[current] ?? []) + (graph.backlinks[current] ?? [])
            for next in neighbours where depth[next] == nil && siteMap.pages[next] != nil {
                depth[next] = depth[current]! + 1
                order.append(next)
                if order.count >= limit { break }
            }
        }
        let included = Set(order)
        let nodes = order.compactMap { path -> String? in
            guard let target = siteMap.pages[path] else { return nil }
            return "{\"id\":\(JSON.string(path.string)),\"title\":\(JSON.string(titles(path) ?? path.stem)),"
                + "\"url\":\(JSON.string(page.url(to: target))),\"depth\":\(depth[path]!)}"
        }
        var edges: [String] = []
        for source in order {
            for target in graph.outlinks[source] ?? [] where included.contains(target) {
                edges.append("{\"source\":\(JSON.string(source.string)),\"target\":\(JSON.string(target.string))}")
            }
        }
        return "{\"nodes\":[\(nodes.joined(separator: ","))],\"edges\":[\(edges.joined(separator: ","))]}"
    }
}
