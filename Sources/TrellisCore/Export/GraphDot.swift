/// The link graph as a Graphviz `digraph`: one node per published note (its id is the vault path,
/// its label the note's title), `->` for links, dashed edges for embeds, and one dashed-outline node
/// per dangling target. Feed it to `dot -Tsvg`.
struct GraphDot {
    let resolved: ResolvedVault
    let siteMap: SiteMap

    /// The id of a dangling target's node. Vault paths never start with `/`, so it cannot be a note's.
    static func danglingID(_ target: String) -> String { "/dangling/" + target }

    func render() -> String {
        var lines = [
            "digraph \(DOT.quoted(resolved.config.title)) {",
            "  graph [rankdir=LR, charset=\"UTF-8\"];",
            "  node [shape=box, style=rounded, fontname=\"Helvetica\"];",
            "  edge [color=\"#555555\"];",
        ]
        for note in resolved.publishedNotes {
            guard let url = siteMap.pages[note.path] else { continue }
            let attributes = [
                "label=" + DOT.quoted(note.title), "tooltip=" + DOT.quoted(note.path.string),
                "URL=" + DOT.quoted(url.string),
            ]
            lines.append("  \(DOT.quoted(note.path.string)) [\(attributes.joined(separator: ", "))];")
        }
        for edge in resolved.graph.edges where siteMap.pages[edge.source] != nil && siteMap.pages[edge.target] != nil {
            let style = edge.kind == .embed ? " [style=dashed]" : ""
            lines.append("  \(DOT.quoted(edge.source.string)) -> \(DOT.quoted(edge.target.string))\(style);")
        }
        let dangling = resolved.graph.dangling.filter { siteMap.pages[$0.source] != nil && !$0.pointsOutside }
        var seen: Set<String> = []
        for link in dangling where seen.insert(link.target).inserted {
            lines.append(
                "  \(DOT.quoted(Self.danglingID(link.target))) [label=\(DOT.quoted(link.target)), "
                    + "style=\"rounded,dashed\", color=\"#b00020\", fontcolor=\"#b00020\", tooltip=\"not in the vault\"];"
            )
        }
        for link in Set(dangling.map { [$0.source.string, $0.target] }).sorted(by: { $0.lexicographicallyPrecedes($1) })
        {
            lines.append(
                "  \(DOT.quoted(link[0])) -> \(DOT.quoted(Self.danglingID(link[1]))) [style=dashed, color=\"#b00020\"];"
            )
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Graphviz DOT text helpers.
enum DOT {
    /// A double-quoted DOT string that Graphviz reads back as `text`, also inside labels: `"` and
    /// `\` are escaped (so label escapes such as `\N` or `\l` stay literal), a line break becomes
    /// `\n` (`\r` for a carriage return), a tab stays, and other control characters, which
    /// Graphviz cannot carry, become U+FFFD.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
