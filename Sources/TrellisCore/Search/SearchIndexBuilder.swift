import Foundation

/// Builds the search index of the published notes: a pure function from notes to the files of
/// `_trellis/search/` (see `SearchFormat` for the format).
///
/// Notes are numbered shortest vault path first (then by path), so that "the shorter path wins a
/// tie" is "the lower number wins". Terms are sorted by UTF-16 code units — the order of
/// JavaScript's `<` — and cut into shards of about `shardSize` bytes, so a query loads only the
/// shards its words fall in.
public struct SearchIndexBuilder {
    /// About how many bytes a term shard holds.
    var shardSize = 32_000
    /// How many notes' records share a documents file.
    var notesPerDocumentFile = 20
    var jobs: Int?

    /// `jobs`: at most this many threads (default: all cores).
    public init(jobs: Int? = nil) {
        self.jobs = jobs
    }

    /// How many notes are analysed at a time: a note's analysis is large (every term with its
    /// counts), so only a chunk of them is held while their postings are gathered.
    var chunkSize = 2048

    /// The index files, with paths relative to the site root (`_trellis/search/meta.js`, …).
    public func build(notes: [Note], siteMap: SiteMap) -> [(path: String, contents: String)] {
        let pages = notes.indices.compactMap { index in siteMap.pages[notes[index].path].map { (index, $0) } }
            .map { (key: Array(notes[$0.0].path.string.utf16), note: $0.0, page: $0.1) }
            .sorted { Self.pathOrder($0.key, $1.key) }
            .map { (note: $0.note, page: $0.page) }
        // Analyse a chunk of notes, keep each one's record and lengths, gather its terms' raw
        // counts, and let the analyses go.
        let workers = Parallel.workers(jobs)
        let gatherers = (0..<workers).map { Gatherer(worker: $0, workers: workers, expectedNotes: pages.count) }
        var records: [String] = []
        var lengths: [SearchCounts] = []
        records.reserveCapacity(pages.count)
        lengths.reserveCapacity(pages.count)
        for start in stride(from: 0, to: pages.count, by: chunkSize) {
            let chunk = Array(pages[start..<min(pages.count, start + chunkSize)])
            let analysed = Parallel.map(chunk, jobs: jobs) { page in
                let analysis = SearchNoteAnalysis(note: notes[page.note], page: page.page)
                return (analysis: analysis, record: analysis.json)
            }
            records += analysed.map(\.record)
            lengths += analysed.map(\.analysis.lengths)
            _ = Parallel.map(gatherers, jobs: jobs) { $0.gather(analysed.map(\.analysis), firstNote: start) }
        }
        let averages = Self.averageLengths(lengths)
        let parts = Parallel.map(gatherers, jobs: jobs) { [lengths] in $0.postings(lengths: lengths, averages: averages) }
        var frequency = Frequency()
        for part in parts { frequency.add(part.1) }
        let postings = Self.sortedByTerm(parts.flatMap(\.0))

        let symbols = SymbolTable(frequency: frequency.symbols)
        let sectionRice = Self.sectionRice(frequency.sections)
        let entries = Parallel.map(postings, jobs: jobs) { term in
            Self.entry(postings: term.postings, notes: pages.count, symbols: symbols, sectionRice: sectionRice)
        }
        var files: [(path: String, contents: String)] = []
        let shardStarts = shards(terms: postings.map(\.term), entries: entries, into: &files)
        let perFile = notesPerDocumentFile
        for start in stride(from: 0, to: records.count, by: perFile) {
            let key = SearchFormat.documentsKey(start / perFile)
            let payload = JSON.array(Array(records[start..<min(records.count, start + perFile)]))
            files.append((path: SearchFormat.path(of: key), contents: SearchFormat.script(key: key, payload: payload)))
        }
        let meta = meta(notes: pages.count, symbols: symbols, sectionRice: sectionRice, shardStarts: shardStarts)
        files.insert((SearchFormat.path(of: SearchFormat.metaKey), meta), at: 0)
        return files
    }

    /// Shorter first, then by UTF-16 code units.
    static func pathOrder(_ a: [UInt16], _ b: [UInt16]) -> Bool {
        a.count != b.count ? a.count < b.count : a.lexicographicallyPrecedes(b)
    }

    // MARK: Postings

    /// A note's counts of a term, as gathered before the field averages are known: the note's
    /// number, the section a result links to, and the count in each field, at most 255 (BM25's
    /// term frequency has long saturated by then). Twelve bytes: a large vault has millions.
    struct RawPosting: Sendable {
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
    }

    /// One worker's share of the terms — those whose first byte falls to it — with their raw
    /// postings in note order. Each gatherer is only ever used by one thread at a time: by its
    /// own worker in `gather` and `postings`, which run once per gatherer per call.
    final class Gatherer: @unchecked Sendable {
        let worker: Int
        let workers: Int
        private var raw: [String: [RawPosting]] = [:]

        init(worker: Int, workers: Int, expectedNotes: Int) {
            self.worker = worker
            self.workers = workers
            raw.reserveCapacity(min(1 << 20, expectedNotes * 4 / workers))
        }

        /// Gathers the terms of `notes`, numbered from `firstNote`, that fall to this worker.
        func gather(_ notes: [SearchNoteAnalysis], firstNote: Int) {
            for (offset, note) in notes.enumerated() {
                for (term, entry) in note.terms where Int(term.utf8.first ?? 0) % workers == worker {
                    raw[term, default: []].append(RawPosting(note: firstNote + offset, section: entry.section, counts: entry.counts))
                }
            }
        }

        /// The gathered terms' postings, scored now that the averages are known, sorted by term;
        /// and how often each symbol and section occurs. Empties the gatherer as it goes.
        func postings(lengths: [SearchCounts], averages: [Double]) -> ([TermPostings], Frequency) {
            let title = SearchScoring.Field.title.rawValue
            var frequency = Frequency()
            var terms: [TermPostings] = []
            terms.reserveCapacity(raw.count)
            for term in Array(raw.keys) {
                let gathered = raw.removeValue(forKey: term)!
                let postings = gathered.map { posting in
                    let counts = posting.fieldCounts
                    let note = Int(posting.note)
                    let impact = SearchScoring.impact(counts: counts, lengths: lengths[note], averages: averages)
                    let symbol = SearchScoring.level(of: impact) << 1 | (counts[title] > 0 ? 1 : 0)
                    let packed = Posting(note: note, symbol: symbol, section: Int(posting.section))
                    frequency.count(packed)
                    return packed
                }
                terms.append(TermPostings(term: term, postings: postings))
            }
            return (SearchIndexBuilder.sortedByTerm(terms), frequency)
        }
    }

    /// How often each symbol and each section number occurs in the postings.
    struct Frequency: Sendable {
        var symbols = [Int](repeating: 0, count: SymbolTable.size)
        var sections: [Int] = []

        mutating func count(_ posting: Posting) {
            symbols[posting.symbol] += 1
            grow(to: posting.section + 1)
            sections[posting.section] += 1
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

    /// A note containing a term: its number, its symbol (`level << 1 | in title`) and the
    /// section a result for the term links to (`SearchNoteAnalysis.Term.section`).
    struct Posting: Sendable {
        /// `note << 32 | section << 16 | symbol`: postings are many, so they are kept small.
        private var packed: UInt64

        init(note: Int, symbol: Int, section: Int) {
            packed = UInt64(note) << 32 | UInt64(section) << 16 | UInt64(symbol)
        }

        var note: Int { Int(packed >> 32) }
        var section: Int { Int((packed >> 16) & 0xFFFF) }
        var symbol: Int { Int(packed & 0xFFFF) }
    }

    struct TermPostings: Sendable {
        var term: String
        var postings: [Posting]
    }

    /// Sorted by UTF-16 code units, JavaScript's order.
    private static func sortedByTerm(_ terms: [TermPostings]) -> [TermPostings] {
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
    private static func entry(postings: [Posting], notes: Int, symbols: SymbolTable, sectionRice: Int) -> [UInt8] {
        var gaps: [Int] = []
        gaps.reserveCapacity(postings.count)
        var previous = -1
        for posting in postings {
            gaps.append(posting.note - previous - 1)
            previous = posting.note
        }
        let k = SearchBitWriter.bestRice(gaps)
        var bits = SearchBitWriter()
        for (gap, posting) in zip(gaps, postings) {
            bits.writeRice(gap, k)
            bits.writeRice(symbols.rank[posting.symbol], symbols.k)
            bits.writeEscapedRice(posting.section, sectionRice)
        }
        let body = bits.finish()
        var out: [UInt8] = []
        SearchFormat.appendNumber(SearchScoring.idf(documents: notes, containing: postings.count), to: &out)
        SearchFormat.appendNumber(postings.count * 32 + k, to: &out)
        SearchFormat.appendNumber(body.count, to: &out)
        return out + body
    }

    /// Cuts the sorted terms into shard files; returns each shard's first term. Within a shard each
    /// term is written as the length (UTF-16 units) it shares with the previous term, the rest of
    /// it, a space, then its entry.
    private func shards(terms: [String], entries: [[UInt8]], into files: inout [(path: String, contents: String)])
        -> [String]
    {
        var starts: [String] = []
        var text: [UInt8] = []
        var previous: [UInt16] = []
        func finish() {
            guard !text.isEmpty else { return }
            let key = SearchFormat.shardKey(starts.count - 1)
            let payload = SearchFormat.json(String(decoding: text, as: UTF8.self))
            files.append((SearchFormat.path(of: key), SearchFormat.script(key: key, payload: payload)))
            text.removeAll(keepingCapacity: true)
        }
        for (term, entry) in zip(terms, entries) {
            let units = Array(term.utf16)
            if text.isEmpty || text.count + entry.count > shardSize {
                finish()
                starts.append(term)
                previous = []
            }
            var shared = zip(previous, units).prefix { $0 == $1 }.count
            if shared > 0 && UTF16.isLeadSurrogate(units[shared - 1]) { shared -= 1 }
            SearchFormat.appendNumber(shared, to: &text)
            text += Array(String(decoding: units[shared...], as: UTF16.self).utf8)
            text.append(0x20)
            text += entry
            previous = units
        }
        finish()
        return starts
    }

    // MARK: Metadata

    private func meta(notes: Int, symbols: SymbolTable, sectionRice: Int, shardStarts: [String]) -> String {
        let levels = symbols.order.map { "[\(SearchScoring.levels[$0 >> 1]),\($0 & 1)]" }
        let fields = [
            "\"version\":\(SearchFormat.version)",
            "\"notes\":\(notes)",
            "\"notesPerFile\":\(notesPerDocumentFile)",
            "\"levels\":[\(levels.joined(separator: ","))]",
            "\"levelRice\":\(symbols.k)",
            "\"sectionRice\":\(sectionRice)",
            "\"stopWords\":\(JSON.array(SearchTokenizer.stopWords.sorted().map(JSON.string)))",
            "\"shards\":\(JSON.array(shardStarts.map(JSON.string)))",
        ]
        return SearchFormat.script(key: SearchFormat.metaKey, payload: "{" + fields.joined(separator: ",") + "}")
    }
}
