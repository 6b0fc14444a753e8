/// `graph.json`: the notes, the links between them and the dangling links, for other tools and for
/// the theme's graph view.
///
/// `{"nodes":[{"id","title","url","tags"}],"edges":[{"source","target","kind"}],
/// "dangling":[{"source","target"}]}` — ids are vault paths, urls are relative to the site root.
struct GraphExport {
    let resolved: ResolvedVault
    let siteMap: SiteMap

    /// Built in one string, without a string per node or edge: at 100,000 notes the edges alone
    /// are tens of megabytes.
    func json() -> String {
        let published = resolved.publishedNotes
        let edges = resolved.graph.edges
        var out = "{\"nodes\":[\n"
        out.reserveCapacity(published.count * 160 + edges.count * 130 + 64)
        var first = true
        func separate() {
            if !first { out += ",\n" }
            first = false
        }
        for note in published {
            guard let url = siteMap.pages[note.path] else { continue }
            separate()
            out += "{\"id\":"
            JSON.append(note.path.string, to: &out)
            out += ",\"title\":"
            JSON.append(note.title, to: &out)
            out += ",\"url\":"
            JSON.append(url.string, to: &out)
            out += ",\"tags\":" + JSON.array(note.tags.map(JSON.string)) + "}"
        }
        // Each note with a page, its id quoted once: the edges name each note many times.
        var quoted: [VaultPath: String] = [:]
        quoted.reserveCapacity(siteMap.pages.count)
        for path in siteMap.pages.keys { quoted[path] = JSON.string(path.string) }
        out += "\n],\"edges\":[\n"
        first = true
        for edge in edges {
            guard let source = quoted[edge.source], let target = quoted[edge.target] else { continue }
            separate()
            out += "{\"source\":"
            out += source
            out += ",\"target\":"
            out += target
            out += ",\"kind\":\"" + edge.kind.rawValue + "\"}"
        }
        out += "\n],\"dangling\":[\n"
        first = true
        // A target outside the vault (`../../etc/passwd`) can never become a note: not listed.
        for link in resolved.graph.dangling {
            guard let source = quoted[link.source], !link.pointsOutside else { continue }
            separate()
            out += "{\"source\":"
            out += source
            out += ",\"target\":"
            JSON.append(link.target, to: &out)
            out += "}"
        }
        out += "\n]}\n"
        return out
    }
}
