extension SearchIndex {
    /// The best `limit` notes for `query`, best first; empty when the query has no terms.
    ///
    /// Each query term meets index terms (`SearchQuery.match`); a note's score for the term is the
    /// best `idf × impact × match weight` over them. Notes are ordered by how many query terms they
    /// meet, then the sum of their scores, then whether a term met their title, then the lower
    /// note number (the shorter path). A result links to the first heading that meets more query
    /// words than the title does, else to the page.
    public func search(_ query: String, limit: Int = 10) -> [SearchResult] {
        let parsed = SearchQuery(query, stopWords: meta.stopWords)
        guard limit > 0, !parsed.terms.isEmpty else { return [] }
        var best: [Int: [Int]] = [:]
        var titleMatch: Set<Int> = []
        for (index, term) in parsed.terms.enumerated() {
            for candidate in candidates(term) {
                guard let match = SearchQuery.match(term, terms[candidate]) else { continue }
                let weight = idf[candidate] * match.rawValue
                forEachPosting(candidate) { note, rank in
                    let score = weight * meta.impacts[rank]
                    if meta.inTitle[rank] { titleMatch.insert(note) }
                    if best[note] == nil { best[note] = Array(repeating: 0, count: parsed.terms.count) }
                    if score > best[note]![index] { best[note]![index] = score }
                }
            }
        }
        let ranked = best.map { note, scores in
            RankedNote(
                note: note, matched: scores.filter { $0 > 0 }.count, score: scores.reduce(0, +),
                titleMatch: titleMatch.contains(note))
        }
        .sorted { a, b in
            if a.matched != b.matched { return a.matched > b.matched }
            if a.score != b.score { return a.score > b.score }
            if a.titleMatch != b.titleMatch { return a.titleMatch }
            return a.note < b.note
        }
        return ranked.prefix(limit).map { result($0, parsed.terms) }
    }

    struct RankedNote {
        var note: Int
        var matched: Int
        var score: Int
        var titleMatch: Bool
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

    /// Calls `body` with each note and symbol rank of a term's postings.
    private func forEachPosting(_ index: Int, _ body: (Int, Int) -> Void) {
        let entry = postings[index]
        var bits = SearchBitReader(shardText[entry.shard], entry.range)
        var note = -1
        for _ in 0..<entry.count {
            guard let gap = bits.readRice(entry.rice), let rank = bits.readRice(meta.levelRice),
                rank < meta.impacts.count
            else { return }
            note += gap + 1
            guard note < meta.notes else { return }
            body(note, rank)
        }
    }

    private func result(_ ranked: RankedNote, _ terms: [SearchQuery.Term]) -> SearchResult {
        let record = records[ranked.note]
        let words = terms.filter { !$0.tag }
        func met(_ text: String) -> Int {
            let tokens = SearchTokenizer.tokens(text, mode: .index, stopWords: meta.stopWords).map { Array($0.utf16) }
            return words.filter { term in tokens.contains { SearchQuery.match(term, $0) != nil } }.count
        }
        var target: SearchNoteAnalysis.Heading?
        var most = met(record.title)
        for heading in record.headings {
            let count = met(heading.text)
            if count > most {
                most = count
                target = heading
            }
        }
        return SearchResult(
            id: record.path, title: record.title, url: record.url + (target.map { "#" + $0.fragment } ?? ""),
            heading: target?.text, score: Double(ranked.score) / 1000, snippet: record.excerpt)
    }
}
