/// `graph.json`: the notes, the links between them and the dangling links, for other tools and for
/// the theme's graph view.
///
/// `{"nodes":[{"id","title","url","tags"}],"edges":[{"source","target","kind"}],
/// "dangling":[{"source","target"}]}` — ids are vault paths, urls are relative to the site root.
struct GraphExport {
    let resolved: ResolvedVault
    let siteMap: SiteMap

    func json() -> String {
        let published = resolved.publishedNotes
        let nodes = published.compactMap { note -> String? in
            guard let url = siteMap.pages[note.path] else { return nil }
            let tags = JSON.array(note.tags.map(JSON.string))
            return "{\"id\":\(JSON.string(note.path.string)),\"title\":\(JSON.string(note.title)),\"url\":\(JSON.string(url.string)),\"tags\":\(tags)}"
        }
        let edges = resolved.graph.edges.filter { siteMap.pages[$0.source] != nil && siteMap.pages[$0.target] != nil }.map {
            "{\"source\":\(JSON.string($0.source.string)),\"target\":\(JSON.string($0.target.string)),\"kind\":\"\($0.kind.rawValue)\"}"
        }
        // A target outside the vault (`../../etc/passwd`) can never become a note: not listed.
        let dangling = resolved.graph.dangling.filter { siteMap.pages[$0.source] != nil && !$0.pointsOutside }.map {
            "{\"source\":\(JSON.string($0.source.string)),\"target\":\(JSON.string($0.target))}"
        }
        return "{\"nodes\":[\n" + nodes.joined(separator: ",\n") + "\n],\"edges\":[\n" + edges.joined(separator: ",\n")
            + "\n],\"dangling\":[\n" + dangling.joined(separator: ",\n") + "\n]}\n"
    }
}
