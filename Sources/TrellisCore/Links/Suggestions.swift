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

    /// The buckets, made when the first dangling link asks: most builds after an edit have none.
    private let table: Table

    private final class Table: @unchecked Sendable {  // `buckets` is made once, under `lock`
        let names: @Sendable () -> [String]
        private var made: [Character: [Candidate]]?
        private let lock = NSLock()

        init(names: @escaping @Sendable () -> [String]) { self.names = names }

        var buckets: [Character: [Candidate]] {
            lock.lock()
            defer { lock.unlock() }
            if let made { return made }
            var buckets: [Character: [Candidate]] = [:]
            for name in Set(names()) {
                let key = Array(LinkKey.of(name))
                guard let first = key.first else { continue }
                buckets[first, default: []].append(Candidate(key: key, name: name))
            }
            for first in buckets.keys { buckets[first]!.sort { $0.name < $1.name } }
            made = buckets
            return buckets
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
        guard let first = wanted.first, !wanted.contains("/"), let candidates = table.buckets[first] else { return nil }
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
