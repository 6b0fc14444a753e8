/// Embeds that come round again: `A` embeds `B`, which embeds `A` (or a note embeds itself). The
/// page shows a notice where the embed comes round (`ReferenceRenderer`, "embed cycle"); `check`
/// says so with an `embed-cycle` warning at each embed of the cycle, naming the notes it passes.
///
/// What comes round is a part of a note: the whole note, a heading's section or a block. A note
/// that embeds another part of itself (`![[#Definition]]` under `## Summary`) shows it, as in
/// Obsidian; a section that holds an embed of itself, or of the whole note, comes round. Here a
/// section holds the embeds from its heading's line to the next heading of its level or above,
/// and a block holds none (the parse keeps no block's lines: a block that embeds itself is stopped
/// on the page but not warned about).
///
/// Only published notes are shown, so only their embeds of published notes count. The cycles are
/// the embed graph's strongly connected components (Tarjan's algorithm, without recursion: a
/// chain of ten thousand embeds is as deep).
enum EmbedCycles {
    /// What an embed shows of a note.
    enum Part: Hashable, Sendable {
        case whole
        /// A section, by its heading's id, or a block, by `^` and its id: the anchor a link to it
        /// resolves to.
        case anchor(String)

        init(_ subpath: LinkTarget.Subpath, anchor: String?) {
            if case .none = subpath { self = .whole } else { self = anchor.map(Part.anchor) ?? .whole }
        }
    }

    /// A part of a note, on an embed's way.
    struct Node: Hashable, Sendable {
        var note: VaultPath
        var part: Part
    }

    /// The `embed-cycle` warnings of `notes`, given what each note's references resolved to.
    static func diagnostics(_ notes: [Note], _ resolutions: [VaultPath: [Resolution]]) -> [Diagnostic] {
        var embedding: [VaultPath: Note] = [:]
        for note in notes where note.isPublished && note.markdown.references.contains(where: \.mayEmbed) {
            embedding[note.path] = note
        }
        guard !embedding.isEmpty else { return [] }
        // Each note's embeds of notes that embed too (a note that embeds nothing ends any path), as
        // (reference, the part it shows).
        var embeds: [VaultPath: [(reference: Int, target: Node)]] = [:]
        for (path, note) in embedding {
            let found = resolutions[path] ?? []
            embeds[path] = note.markdown.references.indices.compactMap { index in
                let reference = note.markdown.references[index]
                guard index < found.count, reference.embeds(found[index]),
                    case .note(let target, let anchor) = found[index], embedding[target] != nil
                else { return nil }
                return (index, Node(note: target, part: Part(reference.target.subpath, anchor: anchor)))
            }
        }
        // The nodes: every note's whole, and every part an embed shows.
        var nodes = embedding.keys.sorted().map { Node(note: $0, part: .whole) }
        var number = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1, $0) })
        for path in embedding.keys.sorted() {
            for (_, target) in embeds[path] ?? [] where number[target] == nil {
                number[target] = nodes.count
                nodes.append(target)
            }
        }
        let edges: [[(reference: Int, target: Int)]] = nodes.map { node in
            let note = embedding[node.note]!
            let lines = heldLines(of: node.part, in: note)
            return (embeds[node.note] ?? []).compactMap { embed in
                lines.contains(note.markdown.references[embed.reference].line)
                    ? (embed.reference, number[embed.target]!) : nil
            }
        }
        let component = components(edges.map { $0.map(\.target) })
        var warned: [VaultPath: Set<Int>] = [:]  // a reference an edge of several parts is warned once
        var diagnostics: [Diagnostic] = []
        for (source, node) in nodes.enumerated() {
            let note = embedding[node.note]!
            for (index, target) in edges[source] where component[target] == component[source] {
                guard warned[note.path, default: []].insert(index).inserted else { continue }
                let reference = note.markdown.references[index]
                let way = path(from: target, to: source, edges: edges, within: component)
                let names =
                    source == target
                    ? "\(name(node)) embeds itself"
                    : ([source] + way).map { name(nodes[$0]) }.joined(separator: " → ")
                diagnostics.append(
                    Diagnostic(
                        file: note.path.string, line: reference.line, column: reference.column, severity: .warning,
                        code: .embedCycle,
                        message: "embed cycle: \(names); the page shows a notice where the embed comes round again",
                        target: reference.written))
            }
        }
        return diagnostics
    }

    /// The lines of `note` whose embeds `part` shows.
    private static func heldLines(of part: Part, in note: Note) -> Range<Int> {
        guard case .anchor(let anchor) = part else { return Int.min..<Int.max }
        let headings = note.markdown.headings
        guard let index = headings.firstIndex(where: { $0.id == anchor }) else { return 0..<0 }  // a block
        let heading = headings[index]
        let end = headings[(index + 1)...].first { $0.level <= heading.level }?.line ?? Int.max
        return heading.line..<end
    }

    private static func name(_ node: Node) -> String {
        guard case .anchor(let anchor) = node.part else { return node.note.string }
        return node.note.string + "#" + anchor
    }

    /// Each node's strongly connected component, as a number.
    static func components(_ edges: [[Int]]) -> [Int] {
        let count = edges.count
        var index = [Int](repeating: -1, count: count)
        var low = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var component = [Int](repeating: -1, count: count)
        var stack: [Int] = []
        var next = 0
        var components = 0
        for root in 0..<count where index[root] < 0 {
            // Each frame: a node and how many of its edges have been followed.
            var frames: [(node: Int, edge: Int)] = [(root, 0)]
            index[root] = next
            low[root] = next
            next += 1
            stack.append(root)
            onStack[root] = true
            while let (node, edge) = frames.last {
                if edge < edges[node].count {
                    frames[frames.count - 1].edge += 1
                    let target = edges[node][edge]
                    if index[target] < 0 {
                        index[target] = next
                        low[target] = next
                        next += 1
                        stack.append(target)
                        onStack[target] = true
                        frames.append((target, 0))
                    } else if onStack[target] {
                        low[node] = min(low[node], index[target])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last?.node { low[parent] = min(low[parent], low[node]) }
                guard low[node] == index[node] else { continue }
                while let member = stack.popLast() {
                    onStack[member] = false
                    component[member] = components
                    if member == node { break }
                }
                components += 1
            }
        }
        return component
    }

    /// The shortest way along embeds from `start` to `end` inside their component, both included
    /// (`[end]` when they are the same note).
    private static func path(
        from start: Int, to end: Int, edges: [[(reference: Int, target: Int)]], within component: [Int]
    )
        -> [Int]
    {
        guard start != end else { return [end] }
        var before: [Int: Int] = [start: start]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for (_, target) in edges[node] where component[target] == component[start] && before[target] == nil {
                before[target] = node
                if target == end {
                    var way = [end]
                    while let last = way.last, last != start { way.append(before[last]!) }
                    return way.reversed()
                }
                queue.append(target)
            }
        }
        return [start, end]
    }
}
