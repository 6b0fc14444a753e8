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

    /// The index files, with paths relative to the site root (`_trellis/search/meta.js`, …).
    public func build(notes: [Note], siteMap: SiteMap) -> [(path: String, contents: String)] {
        let pages = notes.compactMap { note in siteMap.pages[note.path].map { PageNote(note: note, page: $0) } }
            .map { (key: Array($0.note.path.string.utf16), page: $0) }
            .sorted { Self.pathOrder($0.key, $1.key) }
            .map(\.page)
        let analysed = Parallel.map(pages, jobs: jobs) { SearchNoteAnalysis(note: $0.note, page: $0.page) }
        let (postings, frequency) = invert(analysed)
        let symbols = SymbolTable(frequency: frequency.symbols)
        let sectionRice = Self.sectionRice(frequency.sections)
        let entries = Parallel.map(postings, jobs: jobs) { term in
            Self.entry(postings: term.postings, notes: analysed.count, symbols: symbols, sectionRice: sectionRice)
        }
        var files: [(path: String, contents: String)] = []
        let shardStarts = shards(terms: postings.map(\.term), entries: entries, into: &files)
        let perFile = notesPerDocumentFile
        files += Parallel.map(Array(stride(from: 0, to: analysed.count, by: perFile)), jobs: jobs) { start in
            let records = analysed[start..<min(analysed.count, start + perFile)].map(\.json)
            let key = SearchFormat.documentsKey(start / perFile)
            return (
                path: SearchFormat.path(of: key), contents: SearchFormat.script(key: key, payload: JSON.array(records))
            )
        }
        let meta = meta(notes: analysed.count, symbols: symbols, sectionRice: sectionRice, shardStarts: shardStarts)
        files.insert((SearchFormat.path(of: SearchFormat.metaKey), meta), at: 0)
        return files
    }

    private struct PageNote: Sendable {
        var note: Note
        var page: SitePath
    }

    /// Shorter first, then by UTF-16 code units.
    static func pathOrder(_ a: [UInt16], _ b: [UInt16]) -> Bool {
        a.count != b.count ? a.count < b.count : a.lexicographicallyPrecedes(b)
    }

    // MARK: Postings

    /// Every term's postings in note order, sorted by term; and how often each symbol and each
    /// section number occurs.
    private func invert(_ notes: [SearchNoteAnalysis]) -> ([TermPostings], Frequency) {
        let averages = Self.averageLengths(notes)
        let title = SearchScoring.Field.title.rawValue
        // Each worker gathers the terms whose first byte falls to it; the sorted parts then merge.
        // (Gathering runs of notes per worker instead, with raw counts, measured slower.)
        let workers = Parallel.workers(jobs)
        let parts = Parallel.map(Array(0..<workers), jobs: jobs) { worker -> ([TermPostings], Frequency) in
            var postings: [String: [Posting]] = [:]
            postings.reserveCapacity(notes.count * 8 / workers)
            var frequency = Frequency()
            for (number, note) in notes.enumerated() {
                for (term, entry) in note.terms where Int(term.utf8.first ?? 0) % workers == worker {
                    let impact = SearchScoring.impact(counts: entry.counts, lengths: note.lengths, averages: averages)
                    let posting = Posting(
                        note: number, symbol: SearchScoring.level(of: impact) << 1 | (entry.counts[title] > 0 ? 1 : 0),
                        section: Int(entry.section))
                    postings[term, default: []].append(posting)
                    frequency.count(posting)
                }
            }
            return (Self.sortedByTerm(postings.map { TermPostings(term: $0.key, postings: $0.value) }), frequency)
        }
        var frequency = Frequency()
        for part in parts { frequency.add(part.1) }
        return (Self.sortedByTerm(parts.flatMap(\.0)), frequency)
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
    static func averageLengths(_ notes: [SearchNoteAnalysis]) -> [Double] {
        let fields = SearchScoring.Field.allCases.count
        var totals = [Double](repeating: 0, count: fields)
        var having = [Double](repeating: 0, count: fields)
        for note in notes {
            for field in 0..<fields where note.lengths[field] > 0 {
                totals[field] += Double(note.lengths[field])
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
