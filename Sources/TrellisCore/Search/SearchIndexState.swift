import Foundation

/// What the search index is made of, kept between builds so that an edit re-analyses only the
/// edited notes: each indexed note (in index order) with its page, record and field lengths, and
/// every term, sorted as the index sorts them, with its raw postings in note order.
struct SearchIndexState: Sendable, Equatable {
    var notes: [VaultPath]
    var pages: [SitePath]
    var records: [String]
    var lengths: [SearchCounts]
    var terms: [String]
    var postings: [[SearchIndexBuilder.RawPosting]]

    /// Consecutive ranges of terms holding about the same number of postings each, for work that
    /// costs by the posting: a few common words can hold most of them (in a generated vault, the
    /// last thousand terms of twenty thousand held 95%, and one core did all the work).
    func rangesByPostings(pieces: Int = 64) -> [Range<Int>] {
        let total = postings.reduce(0) { $0 + $1.count + 1 }  // + 1: a term costs something too
        let target = max(1, total / pieces)
        var ranges: [Range<Int>] = []
        var start = 0
        var sum = 0
        for (term, list) in postings.enumerated() {
            sum += list.count + 1
            if sum >= target {
                ranges.append(start..<term + 1)
                (start, sum) = (term + 1, 0)
            }
        }
        if start < postings.count { ranges.append(start..<postings.count) }
        return ranges
    }

    /// The position of `term` in `terms`, found by bisection in UTF-16 order.
    func index(of term: String) -> Int? {
        let low = insertionPoint(of: term)
        return low < terms.count && terms[low] == term ? low : nil
    }

    /// The first position in `terms`, from `start` on, whose term does not come before `term` in
    /// UTF-16 order: found by steps doubling from `start`, then by halves, so that merging a few
    /// terms into many, or many into many, costs little either way.
    func insertionPoint(of term: String, from start: Int = 0) -> Int {
        let units = Array(term.utf16)
        func precedes(_ index: Int) -> Bool { terms[index].utf16.lexicographicallyPrecedes(units) }
        var low = start
        var step = 1
        while low < terms.count, precedes(low) {
            let next = low + step
            guard next < terms.count, precedes(next) else { break }
            low = next + 1
            step *= 2
        }
        guard low < terms.count, precedes(low) else { return low }
        var high = min(terms.count, low + step)
        low += 1
        while low < high {
            let middle = (low + high) / 2
            if precedes(middle) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Puts a posting into a term's list, in note order.
    mutating func insert(_ posting: SearchIndexBuilder.RawPosting, into term: Int) {
        var low = 0
        var high = postings[term].count
        while low < high {
            let middle = (low + high) / 2
            if postings[term][middle].note < posting.note { low = middle + 1 } else { high = middle }
        }
        postings[term].insert(posting, at: low)
    }

    /// Merges new terms (sorted, none already here) into `terms`, and drops terms left without postings.
    mutating func merge(_ added: [(term: String, postings: [SearchIndexBuilder.RawPosting])]) {
        // An edit mostly adds no term and empties none: then there is nothing to do.
        if added.isEmpty && !postings.contains(where: \.isEmpty) { return }
        var mergedTerms: [String] = []
        var mergedPostings: [[SearchIndexBuilder.RawPosting]] = []
        mergedTerms.reserveCapacity(terms.count + added.count)
        mergedPostings.reserveCapacity(terms.count + added.count)
        var start = 0
        func keep(upTo end: Int) {
            for index in start..<end where !postings[index].isEmpty {
                mergedTerms.append(terms[index])
                mergedPostings.append(postings[index])
            }
            start = end
        }
        // Each new term goes where a search from the last one's place puts it: an edit adds a few
        // terms among many, a full build merges many into many.
        for (term, termPostings) in added {
            keep(upTo: insertionPoint(of: term, from: start))
            mergedTerms.append(term)
            mergedPostings.append(termPostings)
        }
        keep(upTo: terms.count)
        terms = mergedTerms
        postings = mergedPostings
    }
}

/// What an index update changed: the state after it, the terms before it, those of them whose
/// postings changed (by place), and the numbers of the notes analysed again.
struct SearchIndexUpdate: Sendable {
    var state: SearchIndexState
    var previousTerms: [String]
    var changedTerms: Set<Int>
    var notes: Set<Int>
    /// Per changed term (by place before), the postings the update took out of it, each with its
    /// place in the list then, in order: with them, the list before can be told from the one after.
    var removed: [Int: [(place: Int, posting: SearchIndexBuilder.RawPosting)]] = [:]
}

/// How the last index files were coded from their state: what every posting's bits depended on,
/// and each term's symbols and entry, in term order. With it an edit codes again only the terms
/// whose postings or scores it changed.
struct SearchIndexLayout: Sendable, Equatable {
    var notes: Int
    var symbolOrder: [Int]
    var symbolRice: Int
    var sectionRice: Int
    var symbols: FlatBytes
    var entries: FlatBytes
    /// The field averages the symbols were scored against, and per term how far they may move
    /// from them and leave its symbols the same (`SearchIndexBuilder.Coding`).
    var reference: [Double]
    var margins: [Double]

    var termCount: Int { entries.count }
}
