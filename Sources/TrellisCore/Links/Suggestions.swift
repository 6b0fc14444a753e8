/// "Did you mean" for dangling links: the existing note name closest to what was written.
enum Suggestions {
    /// The name within a small edit distance (a third of the length, at most 4), or one that
    /// contains the written name as a word prefix (`Consensus` → `Consensus Algorithms`).
    static func closest<Names: Sequence>(to written: String, among names: Names) -> String?
    where Names.Element == String {
        let wanted = LinkKey.of(written.hasSuffix(".md") ? String(written.dropLast(3)) : written)
        guard !wanted.isEmpty, !wanted.contains("/") else { return nil }
        let limit = min(4, max(1, wanted.count / 3))
        var best: (distance: Int, name: String)?
        for name in names {
            let key = LinkKey.of(name)
            if key == wanted { continue }
            if key.hasPrefix(wanted + " ") {
                if best == nil || best!.distance > 1 || (best!.distance == 1 && name < best!.name) { best = (1, name) }
                continue
            }
            guard abs(key.count - wanted.count) <= limit,
                let distance = editDistance(Array(wanted), Array(key), limit: limit)
            else { continue }
            if best == nil || distance < best!.distance || (distance == best!.distance && name < best!.name) {
                best = (distance, name)
            }
        }
        return best?.name
    }

    /// Levenshtein distance, or nil once it must exceed `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int? {
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return nil }
            swap(&previous, &current)
        }
        let distance = a.isEmpty ? b.count : previous[b.count]
        return distance <= limit ? distance : nil
    }
}
