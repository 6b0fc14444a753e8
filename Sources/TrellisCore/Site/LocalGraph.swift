/// The neighbourhood of one note, for the small graph beside it: the notes within two links
/// (either direction), at most `limit` of them, nearest first. Its size is bounded, so a page does
/// not grow with the vault.
struct LocalGraph: Sendable {
    let graph: LinkGraph
    let siteMap: SiteMap
    /// Each note's id and title, already JSON-quoted, so a page only adds URLs and depths.
    private let quoted: [VaultPath: (id: String, title: String)]
    var limit = 30

    init(graph: LinkGraph, siteMap: SiteMap, titles: [VaultPath: String]) {
        self.graph = graph
        self.siteMap = siteMap
        var quoted: [VaultPath: (id: String, title: String)] = [:]
        for (path, title) in titles { quoted[path] = (JSON.string(path.string), JSON.string(title)) }
        self.quoted = quoted
    }

    func json(for note: VaultPath, on page: SitePath) -> String {
        var order: [VaultPath] = [note]
        var depth: [VaultPath: Int] = [note: 0]
        var cursor = 0
        while cursor < order.count && order.count < limit {
            let current = order[cursor]
            cursor += 1
            guard depth[current]! < 2 else { continue }
            for next in (graph.outlinks[current] ?? []) + (graph.backlinks[current] ?? [])
            where depth[next] == nil && quoted[next] != nil {
                depth[next] = depth[current]! + 1
                order.append(next)
                if order.count >= limit { break }
            }
        }
        var out = "{\"nodes\":["
        for (index, path) in order.enumerated() {
            guard let names = quoted[path], let target = siteMap.pages[path] else { continue }
            if index > 0 { out += "," }
            out += "{\"id\":\(names.id),\"title\":\(names.title),\"url\":\(JSON.string(page.url(to: target))),\"depth\":\(depth[path]!)}"
        }
        out += "],\"edges\":["
        var first = true
        for source in order {
            for target in graph.outlinks[source] ?? [] where depth[target] != nil {
                out += (first ? "" : ",") + "{\"source\":\(quoted[source]!.id),\"target\":\(quoted[target]!.id)}"
                first = false
            }
        }
        return out + "]}"
    }
}
