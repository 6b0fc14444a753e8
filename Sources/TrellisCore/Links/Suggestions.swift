import Foundation

/// "Did you mean" for dangling links: the existing note name closest to what was written.
///
/// Names are bucketed by their first character, so a vault of 100,000 notes with thousands of
/// dangling links still compares each only with a few names.
struct Suggestions: Sendable {
    private struct Candidate: Sendable {
        let key: [Character]
        let name: String
    }

    /// The buckets, each made when the first dangling link that needs it asks: most builds after
    /// an edit have none, and one dangling link needs one bucket, not all.
    private let table: Table

    private final class Table: @unchecked Sendable {  // `names` and `buckets` are made under `lock`
        let names: @Sendable () -> [String]
        /// Each name's key, by the key's first character.
        private var keys: [Character: [(key: String, name: String)]]?
        private var buckets: [Character: [Candidate]] = [:]
        private let lock = NSLock()

        init(names: @escaping @Sendable () -> [String]) { self.names = names }

        /// The names whose key starts with `first`, once each, by name.
        func candidates(startingWith first: Character) -> [Candidate] {
            lock.lock()
            defer { lock.unlock() }
            if let made = buckets[first] { return made }
            if keys == nil {
                var keys: [Character: [(key: String, name: String)]] = [:]
                for name in names() {
                    let key = LinkKey.of(name)
                    if let first = key.first { keys[first, default: []].append((key, name)) }
                }
                self.keys = keys
            }
            var seen: Set<String> = []
            let made = (keys![first] ?? []).filter { seen.insert($0.name).inserted }
                .map { Candidate(key: Array($0.key), name: $0.name) }
                .sorted { $0.name < $1.name }
            buckets[first] = made
            return made
        }
    }

    /// `names`, asked for when the first dangling link is met; repeats are ignored.
    init(names: @escaping @Sendable () -> [String]) {
        table = Table(names: names)
    }

    /// The name within a small edit distance (a third of the length, at most 4), or one that
    /// starts with the written name as a whole word (`Consensus` → `Consensus Algorithms`).
    func closest(to written: String) -> String? {
        let wanted = Array(LinkKey.of(written.hasSuffix(".md") ? String(written.dropLast(3)) : written))
        guard let first = wanted.first, !wanted.contains("/") else { return nil }
        let candidates = table.candidates(startingWith: first)
        let limit = min(4, max(1, wanted.count / 3))
        var best: (distance: Int, name: String)?
        for candidate in candidates.prefix(5000) where candidate.key != wanted {
            var distance: Int?
            if candidate.key.count > wanted.count, candidate.key[wanted.count] == " ",
                candidate.key.starts(with: wanted)
            {
                distance = 1
            } else if abs(candidate.key.count - wanted.count) <= limit {
                distance = Suggestions.editDistance(wanted, candidate.key, limit: limit)
            }
            guard let distance else { continue }
            if best == nil || distance < best!.distance { best = (distance, candidate.name) }
        }
        return best?.name
    }

    /// Levenshtein distance, or nil once it must exceed `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int? {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
