import Foundation

/// Gathering and scoring postings: what each note holds of each term, the field averages, and a
/// term's coded entry.
extension SearchIndexBuilder {
    /// A note's counts of a term, as gathered before the field averages are known: the note's
    /// number, the section a result links to, and the count in each field, at most 255 (BM25's
    /// term frequency has long saturated by then). Twelve bytes: a large vault has millions.
    struct RawPosting: Sendable, Equatable {
        var note: UInt32
        var section: UInt16
        var counts: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)

        init(note: Int, section: UInt16, counts: SearchCounts) {
            self.note = UInt32(note)
            self.section = section
            func clamp(_ field: Int) -> UInt8 { UInt8(clamping: counts[field]) }
            self.counts = (clamp(0), clamp(1), clamp(2), clamp(3), clamp(4), clamp(5))
        }

        var fieldCounts: SearchCounts {
            SearchCounts(
                UInt16(counts.0), UInt16(counts.1), UInt16(counts.2), UInt16(counts.3), UInt16(counts.4),
                UInt16(counts.5), 0, 0)
        }

        static func == (a: RawPosting, b: RawPosting) -> Bool {
            a.note == b.note && a.section == b.section && a.fieldCounts == b.fieldCounts
        }
    }

    /// A posting's symbol — its impact level and whether the term is in the title — once the
    /// field averages are known.
    struct Scorer: Sendable {
        /// Each note's BM25 length norm per field, `k1 · (1 − b + b·len/avglen)`, six a note:
        /// worked out once, not once per term of the note.
        private let norms: [Double]
        private static let fields = SearchScoring.Field.allCases.count

        init(lengths: [SearchCounts], averages: [Double]) {
            var norms: [Double] = []
            norms.reserveCapacity(lengths.count * Scorer.fields)
            for length in lengths {
                for field in 0..<Scorer.fields {
                    norms.append(SearchScoring.k1 * SearchScoring.norm(length[field], averages[field]))
                }
            }
            self.norms = norms
        }

        func symbol(of posting: RawPosting) -> Int { scored(posting).symbol }

        /// The posting's symbol, and by how much (a fraction) every field's average length may
        /// move and leave it the same (`SearchScoring.levelAndMargin`: each field's part of the
        /// impact moves by at most the fraction its average moves by, so the whole does too).
        func scored(_ posting: RawPosting) -> (symbol: Int, margin: Double) {
            let counts = posting.fieldCounts
            let base = Int(posting.note) * Scorer.fields
            var impact = 0.0
            for field in 0..<Scorer.fields where counts[field] > 0 {
                let tf = Double(counts[field])
                impact += SearchScoring.boosts[field] * tf * (SearchScoring.k1 + 1) / (tf + norms[base + field])
            }
            let (level, margin) = SearchScoring.levelAndMargin(of: impact)
            return (level << 1 | (counts[SearchScoring.Field.title.rawValue] > 0 ? 1 : 0), margin)
        }
    }

    /// One worker's share of the terms — those whose first byte falls to it — with their raw
    /// postings in note order. Each gatherer is only ever used by one thread at a time: by its
    /// own worker in `gather` and `take`, which run once per gatherer per call.
    final class Gatherer: @unchecked Sendable {
        let worker: Int
        let workers: Int
        private var raw: SearchTermTable<[RawPosting]>

        init(worker: Int, workers: Int, expectedNotes: Int) {
            self.worker = worker
            self.workers = workers
            raw = SearchTermTable(capacity: min(1 << 20, expectedNotes * 4 / workers))
        }

        /// Gathers the terms of `notes`, numbered from `firstNote`, that fall to this worker.
        func gather(_ notes: [SearchNoteAnalysis], firstNote: Int) {
            for (offset, note) in notes.enumerated() {
                note.termBytes.bytes.withUnsafeBufferPointer { bytes in
                    var start = 0
                    for (place, end) in note.termBytes.ends.enumerated() {
                        defer { start = Int(end) }
                        let term = UnsafeBufferPointer(rebasing: bytes[start..<Int(end)])
                        guard Int(term.first ?? 0) % workers == worker else { continue }
                        var posting = note.termPostings[place]
                        posting.note = UInt32(firstNote + offset)
                        raw.values[raw.place(of: term) { [] }].append(posting)
                    }
                }
            }
        }

        /// The gathered terms, sorted, leaving the gatherer empty.
        func take() -> [(term: String, postings: [RawPosting])] {
            defer { raw = SearchTermTable(capacity: 0) }
            return SearchIndexBuilder.sortedByTerm(
                raw.values.indices.map { (term: raw.key($0), postings: raw.values[$0]) })
        }
    }

    /// How often each symbol and each section number occurs in the postings.
    struct Frequency: Sendable {
        var symbols = [Int](repeating: 0, count: SymbolTable.size)
        var sections: [Int] = []

        mutating func count(symbol: Int, section: Int) {
            symbols[symbol] += 1
            grow(to: section + 1)
            sections[section] += 1
        }

        mutating func add(_ other: Frequency) {
            for (symbol, count) in other.symbols.enumerated() { symbols[symbol] += count }
            grow(to: other.sections.count)
            for (section, count) in other.sections.enumerated() { sections[section] += count }
        }

        private mutating func grow(to count: Int) {
            if count > sections.count { sections += [Int](repeating: 0, count: count - sections.count) }
        }
    }

    /// Sorted by UTF-16 code units, JavaScript's order.
    static func sortedByTerm(_ terms: [(term: String, postings: [RawPosting])]) -> [(
        term: String, postings: [RawPosting]
    )] {
        terms.map { (key: Array($0.term.utf16), value: $0) }.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(
            \.value)
    }

    /// Each field's average length over the notes that have it.
    static func averageLengths(_ notes: [SearchCounts]) -> [Double] {
        let fields = SearchScoring.Field.allCases.count
        var totals = [Double](repeating: 0, count: fields)
        var having = [Double](repeating: 0, count: fields)
        for lengths in notes {
            for field in 0..<fields where lengths[field] > 0 {
                totals[field] += Double(lengths[field])
                having[field] += 1
            }
        }
        return (0..<fields).map { having[$0] > 0 ? totals[$0] / having[$0] : 1 }
    }

    /// The symbols (impact level and title flag) that occur, most frequent first: a posting
    /// stores its symbol's rank, so the common ones take the fewest bits.
    struct SymbolTable: Sendable {
        static let size = SearchScoring.levels.count * 2
        var order: [Int]
        var rank: [Int]
        /// The Rice parameter of ranks.
        var k: Int

        init(frequency: [Int]) {
            order = (0..<Self.size).filter { frequency[$0] > 0 }
                .sorted { frequency[$0] != frequency[$1] ? frequency[$0] > frequency[$1] : $0 < $1 }
            rank = [Int](repeating: 0, count: Self.size)
            for (index, symbol) in order.enumerated() { rank[symbol] = index }
            let ranks = order.enumerated().map { ($0.offset, frequency[$0.element]) }
            func cost(_ k: Int) -> Int { ranks.reduce(0) { $0 + $1.1 * (($1.0 >> k) + 1 + k) } }
            k = (0..<6).min { cost($0) < cost($1) } ?? 1
        }
    }

    /// The Rice parameter of section numbers: the one that codes them in the fewest bits.
    static func sectionRice(_ frequency: [Int]) -> Int {
        func cost(_ k: Int) -> Int {
            frequency.enumerated().reduce(0) { $0 + $1.element * SearchBitWriter.escapedRiceCost($1.offset, k) }
        }
        return (0..<16).min { cost($0) < cost($1) } ?? 0
    }

    /// A term's entry without its front-coded name: idf; count × 32 + the Rice parameter of its
    /// gaps; the length of its bits in characters; the bits: per note, Rice(gap), Rice(symbol rank)
    /// and the escaped Rice code of its section.
    static func entry(
        postings: [RawPosting], symbols: UnsafeBufferPointer<UInt8>, notes: Int, table: SymbolTable, sectionRice: Int
    ) -> [UInt8] {
        var gaps: [Int] = []
        gaps.reserveCapacity(postings.count)
        var previous = -1
        for posting in postings {
            gaps.append(Int(posting.note) - previous - 1)
            previous = Int(posting.note)
        }
        let k = SearchBitWriter.bestRice(gaps)
        var bits = SearchBitWriter()
        for (index, posting) in postings.enumerated() {
            bits.writeRice(gaps[index], k)
            bits.writeRice(table.rank[Int(symbols[index])], table.k)
            bits.writeEscapedRice(Int(posting.section), sectionRice)
        }
        let body = bits.finish()
        var out: [UInt8] = []
        SearchFormat.appendNumber(SearchScoring.idf(documents: notes, containing: postings.count), to: &out)
        SearchFormat.appendNumber(postings.count * 32 + k, to: &out)
        SearchFormat.appendNumber(body.count, to: &out)
        return out + body
    }
}
