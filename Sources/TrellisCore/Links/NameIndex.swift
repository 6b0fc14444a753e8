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
/// A name the link's text starts, as whole words, is found through its own table.
struct NameIndex: Sendable {
    /// The names in byte order, without repeats; a name's position is its rank in ties. (Not
    /// `String`'s `<`, which calls neither of `be\u{301}` and `b\u{E9}a` the smaller, so a sort
    /// by it depends on the order it starts from.)
    let names: [String]
    /// Each name's key (`LinkKey`), one code per character, by name position.
    private let keys: [[UInt32]]
    /// Name positions sorted by (first code, length, position).
    private let order: [Int32]
    /// Where each (first code, length) starts in `order`.
    private let shapes: [Shape: Int]
    /// Each pair of codes: the places in `order` of the names holding it, ascending, with how
    /// many times each holds it.
    private let pairs: [UInt64: [Posting]]
    /// Keys cut before one of their spaces (`consensus` of `consensus algorithms`): the names.
    private let leadingWords: [[UInt32]: [Int32]]
    private let alphabet: Alphabet

    private struct Shape: Hashable {
        let first: UInt32
        let length: Int
    }

    private struct Posting {
        let place: Int32
        let count: Int32
    }

    /// The closest name to `wanted`, with how many edit distances finding it took.
    struct Match: Equatable {
        var name: String?
        var compared: Int
    }

    init(names unsorted: [String]) {
        names = NameIndex.byteOrdered(unsorted)
        var alphabet = Alphabet()
        keys = names.map { alphabet.learn(LinkKey.of($0)) }
        self.alphabet = alphabet
        let keys = keys
        let order = keys.indices.filter { !keys[$0].isEmpty }.sorted {
            (keys[$0][0], keys[$0].count, $0) < (keys[$1][0], keys[$1].count, $1)
        }.map { Int32($0) }
        self.order = order
        var shapes: [Shape: Int] = [:]
        var pairs: [UInt64: [Posting]] = [:]
        var leadingWords: [[UInt32]: [Int32]] = [:]
        for (place, position) in order.enumerated() {
            let key = keys[Int(position)]
            let shape = Shape(first: key[0], length: key.count)
            if shapes[shape] == nil { shapes[shape] = place }
            for (pair, count) in NameIndex.pairCounts(key) {
                pairs[pair, default: []].append(Posting(place: Int32(place), count: count))
            }
            for (cut, code) in key.enumerated() where code == Alphabet.space && cut > 0 {
                leadingWords[Array(key[..<cut]), default: []].append(position)
            }
        }
        self.shapes = shapes
        self.pairs = pairs
        self.leadingWords = leadingWords
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
        var counts = [Int32](repeating: 0, count: range.count)
        for (pair, queryCount) in NameIndex.pairCounts(wanted) {
            guard let postings = pairs[pair] else { continue }
            var index = NameIndex.firstPosting(in: postings, atLeast: range.lowerBound)
            while index < postings.count, Int(postings[index].place) < range.upperBound {
                counts[Int(postings[index].place) - range.lowerBound] += min(queryCount, postings[index].count)
                index += 1
            }
        }
        // Nearer names first. A name within `bound` edits shares at least its or the written
        // name's length − 1 − 2 × `bound` pairs with it and differs in length by at most `bound`:
        // each bound in turn weighs only the names that could be that near, so the first bound
        // at which one is found is the nearest distance, and every name at that distance has
        // been weighed. (Names alike but for a digit or two, as numbered notes are, then cost a
        // few comparisons, not thousands.)
        var compared = 0
        for bound in 1...max(1, limit) {
            for place in range {
                let position = order[place]
                let key = keys[Int(position)]
                guard Int(counts[place - range.lowerBound]) >= max(key.count, wanted.count) - 1 - 2 * bound,
                    abs(key.count - wanted.count) <= bound, key != wanted
                else { continue }
                compared += 1
                if let distance = NameIndex.editDistance(wanted, key, limit: bound) { consider(position, distance) }
            }
            if best != nil { break }
        }
        return Match(name: best.map { names[Int($0.position)] }, compared: compared)
    }

    /// The places in `order` of the names starting with `first` whose length is in `lengths`.
    private func places(first: UInt32, lengths: ClosedRange<Int>) -> Range<Int> {
        // Shapes are contiguous in `order`: the range runs from the first present length to the
        // start of the first shape past the last length.
        var start: Int?
        for length in lengths { if let place = shapes[Shape(first: first, length: length)] { start = place; break } }
        guard let start else { return 0..<0 }
        var end = start
        while end < order.count {
            let key = keys[Int(order[end])]
            if key[0] != first || key.count > lengths.upperBound { break }
            end += 1
        }
        return start..<end
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

    private static func firstPosting(in postings: [Posting], atLeast place: Int) -> Int {
        var low = 0
        var high = postings.count
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

    /// Levenshtein distance, or nil once it must exceed `limit`.
    static func editDistance<Code: Equatable>(_ a: [Code], _ b: [Code], limit: Int) -> Int? {
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
