/// Note names indexed for "did you mean": a dangling link is compared only with the names that can
/// be within its edit-distance limit, not with every name in the vault.
///
/// Two filters, both exact (they never drop a name the full comparison would choose):
/// - *length*: a name more than `limit` characters longer or shorter is more than `limit` edits
///   away, and names are kept sorted by first character then length, so the names worth a look
///   are one contiguous range;
/// - *shared pairs of characters*: one edit destroys at most two of a name's adjacent pairs, so
///   two keys within `d` edits share at least `max(m, n) - 1 - 2d` pairs (the q-gram lemma,
///   counted with repeats). Each pair lists the names holding it; a query counts its pairs'
///   lists over its range and computes the edit distance of the names that reach the bound.
/// Names one edit away, the most common typo, are found first and more directly: they share a
/// variant with the written name (`OneEditVariants`).
/// A name the link's text starts, as whole words, is found through its own table.
///
/// A class: every dangling link asks the one index, which a value would copy (a dozen tables
/// retained and released) at each question.
final class NameIndex: Sendable {
    /// The names in byte order, without repeats; a name's position is its rank in ties. (Not
    /// `String`'s `<`, which calls neither of `be\u{301}` and `b\u{E9}a` the smaller, so a sort
    /// by it depends on the order it starts from.)
    let names: [String]
    /// Each name's key (`LinkKey`), one code per character, by name position.
    private let keys: [[UInt32]]
    /// Name positions sorted by (first code, length, position).
    private let order: [Int32]
    /// The first code and the length of each key, by place in `order`.
    private let firsts: [UInt32]
    private let lengths: [Int32]
    /// Each pair of codes in the names starting with a code: where the places in `order` of
    /// those holding it (ascending, with how many times each holds it) lie in `postings`. (Kept
    /// by first code: a query only ever counts the names that start as it does.)
    private let pairs: [PairKey: Run]
    private let postings: [Posting]
    /// Keys cut before one of their spaces (`consensus` of `consensus algorithms`): the names.
    private let leadingWords: [[UInt32]: [Int32]]
    /// The names one edit from a written name (the nearest a suggestion can be).
    private let oneEdit: OneEditVariants
    private let alphabet: Alphabet

    private struct Posting {
        let place: Int32
        let count: Int32
    }

    private struct PairKey: Hashable {
        let first: UInt32
        let pair: UInt64
    }

    private struct Run {
        let start: Int32
        let end: Int32
    }

    /// The closest name to `wanted`, with how many edit distances finding it took.
    struct Match: Equatable {
        var name: String?
        var compared: Int
    }

    /// `jobs`: at most this many threads make it.
    init(names unsorted: [String], jobs: Int?) {
        names = NameIndex.byteOrdered(unsorted)
        var alphabet = Alphabet()
        keys = names.map { alphabet.learn(LinkKey.of($0)) }
        self.alphabet = alphabet
        let keys = keys
        let order = keys.indices.filter { !keys[$0].isEmpty }.sorted {
            (keys[$0][0], keys[$0].count, $0) < (keys[$1][0], keys[$1].count, $1)
        }.map { Int32($0) }
        self.order = order
        firsts = order.map { keys[Int($0)][0] }
        lengths = order.map { Int32(keys[Int($0)].count) }
        // The first dangling link waits for the index: both cores make it.
        let (oneEdit, tables) = Parallel.both(jobs: jobs) {
            OneEditVariants(order.enumerated().map { (Int32($0), keys[Int($1)]) })
        } _: {
            NameIndex.tables(keys, order)
        }
        self.oneEdit = oneEdit
        (pairs, postings, leadingWords) = tables
    }

    private static func tables(_ keys: [[UInt32]], _ order: [Int32]) -> (
        pairs: [PairKey: Run], postings: [Posting], leadingWords: [[UInt32]: [Int32]]
    ) {
        var pairs: [PairKey: Run] = [:]
        var postings: [Posting] = []
        var leadingWords: [[UInt32]: [Int32]] = [:]
        // One first code at a time (they are contiguous in `order`): its pairs' lists, then
        // those lists one after another in `postings`.
        var lists: [UInt64: [Posting]] = [:]
        func flush(_ first: UInt32) {
            for (pair, list) in lists {
                pairs[PairKey(first: first, pair: pair)] = Run(
                    start: Int32(postings.count), end: Int32(postings.count + list.count))
                postings += list
            }
            lists.removeAll(keepingCapacity: true)
        }
        for (place, position) in order.enumerated() {
            let key = keys[Int(position)]
            if place > 0, keys[Int(order[place - 1])][0] != key[0] { flush(keys[Int(order[place - 1])][0]) }
            for (pair, count) in NameIndex.pairCounts(key) {
                lists[pair, default: []].append(Posting(place: Int32(place), count: count))
            }
            for (cut, code) in key.enumerated() where code == Alphabet.space && cut > 0 {
                leadingWords[Array(key[..<cut]), default: []].append(position)
            }
        }
        if let last = order.last { flush(keys[Int(last)][0]) }
        return (pairs, postings, leadingWords)
    }

    /// The name within `limit` edits of `wanted` (a key), or whose key is `wanted` followed by
    /// more words (one edit away); the nearest, then the first by name. A name whose key is
    /// `wanted` itself is not a suggestion.
    func closest(to wantedKey: String, limit: Int) -> Match {
        let wanted = alphabet.codes(of: wantedKey)
        guard let first = wanted.first else { return Match(name: nil, compared: 0) }
        var best: (distance: Int, position: Int32)?
        func consider(_ position: Int32, _ distance: Int) {
            if best == nil || (distance, position) < (best!.distance, best!.position) { best = (distance, position) }
        }
        for position in leadingWords[wanted] ?? [] { consider(position, 1) }
        let range = places(first: first, lengths: max(1, wanted.count - limit)...(wanted.count + limit))
        guard !range.isEmpty else { return Match(name: best.map { names[Int($0.position)] }, compared: 0) }
        var compared = 0
        func weigh(_ place: Int, within bound: Int) {
            let position = order[place]
            let key = keys[Int(position)]
            guard key != wanted else { return }
            compared += 1
            if let distance = NameIndex.editDistance(wanted, key, limit: bound) { consider(position, distance) }
        }
        // Nearer names first, so that names alike but for a digit or two (numbered notes) cost a
        // few comparisons, not thousands. Those one edit away share a variant with the written
        // name (`OneEditVariants`).
        var near: [Int] = []
        oneEdit.forEachPlace(near: wanted) { place in if range.contains(place) { near.append(place) } }
        for place in Set(near) where abs(Int(lengths[place]) - wanted.count) <= 1 { weigh(place, within: 1) }
        guard best == nil, limit > 1 else {
            return Match(name: best.map { names[Int($0.position)] }, compared: compared)
        }
        var counts = [Int32](repeating: 0, count: range.count)
        for (pair, queryCount) in NameIndex.pairCounts(wanted) {
            guard let run = pairs[PairKey(first: first, pair: pair)] else { continue }
            var index = firstPosting(in: Int(run.start)..<Int(run.end), atLeast: range.lowerBound)
            while index < Int(run.end), Int(postings[index].place) < range.upperBound {
                counts[Int(postings[index].place) - range.lowerBound] += min(queryCount, postings[index].count)
                index += 1
            }
        }
        // Then two edits, three…: a name within `bound` edits shares at least its or the written
        // name's length − 1 − 2 × `bound` pairs with it and differs in length by at most `bound`,
        // so each bound weighs only the names that could be that near. The first bound at which
        // one is found is the nearest distance, and every name at that distance has been weighed.
        for bound in 2...limit {
            for place in range {
                let length = Int(lengths[place])
                guard Int(counts[place - range.lowerBound]) >= max(length, wanted.count) - 1 - 2 * bound,
                    abs(length - wanted.count) <= bound
                else { continue }
                weigh(place, within: bound)
            }
            if best != nil { break }
        }
        return Match(name: best.map { names[Int($0.position)] }, compared: compared)
    }

    /// The places in `order` of the names starting with `first` whose length is in `lengths`.
    private func places(first: UInt32, lengths: ClosedRange<Int>) -> Range<Int> {
        // `order` is sorted by first code then length: both ends are found by bisection (a walk
        // from the first length to the last crossed thousands of numbered names per link).
        let start = firstPlace(atLeast: first, lengths.lowerBound)
        let end = firstPlace(atLeast: first, lengths.upperBound + 1)
        return start..<max(start, end)
    }

    /// The first place in `order` whose (first code, length) is not below (`first`, `length`).
    private func firstPlace(atLeast first: UInt32, _ length: Int) -> Int {
        var low = 0
        var high = order.count
        while low < high {
            let middle = (low + high) / 2
            if (firsts[middle], Int(lengths[middle])) < (first, length) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// `names` sorted by their UTF-8 bytes (for names in NFC, the order of `<`), repeats removed.
    static func byteOrdered(_ names: [String]) -> [String] {
        var unique: [String] = []
        for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        where unique.last.map({ !$0.utf8.elementsEqual(name.utf8) }) ?? true {
            unique.append(name)
        }
        return unique
    }

    /// The first index in `run` of `postings` whose place is at least `place`.
    private func firstPosting(in run: Range<Int>, atLeast place: Int) -> Int {
        var low = run.lowerBound
        var high = run.upperBound
        while low < high {
            let middle = (low + high) / 2
            if Int(postings[middle].place) < place { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Each adjacent pair of codes in `key`, with how often it occurs.
    private static func pairCounts(_ key: [UInt32]) -> [(UInt64, Int32)] {
        guard key.count > 1 else { return [] }
        var pairs = (1..<key.count).map { UInt64(key[$0 - 1]) << 32 | UInt64(key[$0]) }
        pairs.sort()
        var counted: [(UInt64, Int32)] = []
        for pair in pairs {
            if let last = counted.last, last.0 == pair {
                counted[counted.count - 1].1 += 1
            } else {
                counted.append((pair, 1))
            }
        }
        return counted
    }

    /// Levenshtein distance, or nil once it must exceed `limit`. Only the cells within `limit` of
    /// the diagonal can hold a distance that small, so only they are computed.
    static func editDistance<Code: Equatable>(_ a: [Code], _ b: [Code], limit: Int) -> Int? {
        let (n, m) = (a.count, b.count)
        guard abs(n - m) <= limit else { return nil }
        if n == 0 || m == 0 { return max(n, m) }
        let far = limit + 1  // any distance past the limit
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (m + 1)) { rows in
            var previous = rows.baseAddress!
            var current = previous + (m + 1)
            for j in 0...m { previous[j] = min(j, far) }
            for i in 1...n {
                // Row i's band is i − limit ... i + limit; the cell just past it reads as far.
                let low = max(1, i - limit)
                let high = min(m, i + limit)
                current[low - 1] = low == 1 ? min(i, far) : far
                var rowMinimum = current[low - 1]
                for j in low...high {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    let cell = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    current[j] = cell
                    rowMinimum = min(rowMinimum, cell)
                }
                if high < m { current[high + 1] = far }
                if rowMinimum > limit { return nil }
                swap(&previous, &current)
            }
            return previous[m] <= limit ? previous[m] : nil
        }
    }
}
