/// Embeds that come round again: `A` embeds `B`, which embeds `A` (or a note embeds itself). The
/// page shows a notice where the embed comes round (`ReferenceRenderer`, "embed cycle"); `check`
/// says so with an `embed-cycle` warning at each embed of the cycle, naming the notes it passes.
///
/// Only published notes are shown, so only their embeds of published notes count. The cycles are
/// the embed graph's strongly connected components (Tarjan's algorithm, without recursion: a
/// chain of ten thousand embeds is as deep).
enum EmbedCycles {
    /// The `embed-cycle` warnings of `notes`, given what each note's references resolved to.
    static func diagnostics(_ notes: [Note], _ resolutions: [VaultPath: [Resolution]]) -> [Diagnostic] {
        var number: [VaultPath: Int] = [:]
        var published: [Note] = []
        for note in notes where note.isPublished && note.markdown.references.contains(where: \.mayEmbed) {
            number[note.path] = published.count
            published.append(note)
        }
        guard !published.isEmpty else { return [] }
        // Each note's embeds of notes that embed too (a note that embeds nothing ends any path).
        let edges: [[(reference: Int, target: Int)]] = published.map { note in
            let found = resolutions[note.path] ?? []
            return note.markdown.references.indices.compactMap { index in
                guard index < found.count, note.markdown.references[index].embeds(found[index]),
                    let target = found[index].notePath.flatMap({ number[$0] })
                else { return nil }
                return (index, target)
            }
        }
        let component = components(edges.map { $0.map(\.target) })
        var diagnostics: [Diagnostic] = []
        for (source, note) in published.enumerated() {
            for (index, target) in edges[source] where component[target] == component[source] {
                let reference = note.markdown.references[index]
                let way = path(from: target, to: source, edges: edges, within: component)
                let names =
                    source == target
                    ? "\(note.path) embeds itself"
                    : ([source] + way).map { published[$0].path.string }.joined(separator: " → ")
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
