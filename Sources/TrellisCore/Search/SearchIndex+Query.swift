extension SearchIndex {
    /// The best `limit` notes for `query`, best first; empty when the query has no terms.
    ///
    /// Each query term meets index terms (`SearchQuery.match`); a note's score for the term is the
    /// best `idf × impact × match weight` over them. Notes are ordered by how many query terms they
    /// meet, then the sum of their scores, then whether a term met their title, then the lower
    /// note number (the shorter path). A result links to the section of the note that most of the
    /// query's words point at (`section(_:_:)`), else to the page.
    public func search(_ query: String, limit: Int = 10) -> [SearchResult] {
        let parsed = SearchQuery(query, stopWords: meta.stopWords)
        guard limit > 0, !parsed.terms.isEmpty else { return [] }
        var hits: [Int: Hits] = [:]
        var titleMatch: Set<Int> = []
        for (index, term) in parsed.terms.enumerated() {
            for candidate in candidates(term) {
                guard let match = SearchQuery.match(term, terms[candidate]) else { continue }
                let weight = idf[candidate] * match.rawValue
                forEachPosting(candidate) { note, rank, section in
                    if meta.inTitle[rank] { titleMatch.insert(note) }
                    hits[note, default: Hits(terms: parsed.terms.count)].meet(
                        index, score: weight * meta.impacts[rank], section: section)
                }
            }
        }
        let ranked = hits.map { note, hits in
            RankedNote(
                note: note, matched: hits.scores.filter { $0 > 0 }.count, score: hits.scores.reduce(0, +),
                titleMatch: titleMatch.contains(note))
        }
        .sorted { a, b in
            if a.matched != b.matched { return a.matched > b.matched }
            if a.score != b.score { return a.score > b.score }
            if a.titleMatch != b.titleMatch { return a.titleMatch }
            return a.note < b.note
        }
        return ranked.prefix(limit).map { result($0, section: Self.section(hits[$0.note]!, parsed.terms)) }
    }

    /// A note's best score for each query term, and the sections its postings point at.
    struct Hits {
        var scores: [Int]
        /// (query term, section) for every posting of the note a query term met.
        var pointers: [(term: Int, section: Int)] = []

        init(terms: Int) {
            scores = Array(repeating: 0, count: terms)
        }

        mutating func meet(_ term: Int, score: Int, section: Int) {
            if score > scores[term] { scores[term] = score }
            pointers.append((term, section))
        }
    }

    struct RankedNote {
        var note: Int
        var matched: Int
        var score: Int
        var titleMatch: Bool
    }

    /// The section most of the query's words (not its `#tag` terms) point at in a note, the
    /// earliest of equals: 0, the page, wins a tie with any heading. A word points at the section
    /// of each posting of the note it met (`caching` in the title: the page; `cache` in a
    /// section: that section).
    static func section(_ hits: Hits, _ terms: [SearchQuery.Term]) -> Int {
        var words: [Int: Set<Int>] = [:]
        for (term, section) in hits.pointers where !terms[term].tag { words[section, default: []].insert(term) }
        return words.min { a, b in a.value.count != b.value.count ? a.value.count > b.value.count : a.key < b.key }?
            .key ?? 0
    }

    /// The indices of the index terms in the term's range: those that start with `range`, or only
    /// the term itself when it does not match by prefix.
    private func candidates(_ term: SearchQuery.Term) -> Range<Int> {
        let prefix = term.range
        var low = 0
        var high = terms.count
        while low < high {
            let middle = (low + high) / 2
            if terms[middle].lexicographicallyPrecedes(prefix) { low = middle + 1 } else { high = middle }
        }
        var end = low
        if term.prefix {
            while end < terms.count && terms[end].starts(with: prefix) { end += 1 }
        } else if end < terms.count && terms[end] == prefix {
            end += 1
        }
        return low..<end
    }

    /// Calls `body` with each note, symbol rank and section of a term's postings.
    private func forEachPosting(_ index: Int, _ body: (Int, Int, Int) -> Void) {
        let entry = postings[index]
        var bits = SearchBitReader(shardText[entry.shard], entry.range)
        var note = -1
        for _ in 0..<entry.count {
            guard let gap = bits.readRice(entry.rice), let rank = bits.readRice(meta.levelRice),
                rank < meta.impacts.count, let section = bits.readEscapedRice(meta.sectionRice)
            else { return }
            note += gap + 1
            guard note < meta.notes else { return }
            body(note, rank, section)
        }
    }

    /// The result for a ranked note, linked to its section's heading (the page for 0, or for a
    /// number the record has no heading for).
    private func result(_ ranked: RankedNote, section: Int) -> SearchResult {
        let record = records[ranked.note]
        let target = record.headings.indices.contains(section - 1) ? record.headings[section - 1] : nil
        return SearchResult(
            id: record.path, title: record.title, url: record.url + (target.map { "#" + $0.fragment } ?? ""),
            heading: target?.text, score: Double(ranked.score) / 1000, snippet: record.excerpt)
    }
}
