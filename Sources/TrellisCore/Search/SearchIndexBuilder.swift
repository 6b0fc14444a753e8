import Foundation

/// Builds the search index of the published notes: a pure function from notes to the files of
/// `_trellis/search/` (see `SearchFormat` for the format).
///
/// Notes are numbered shortest vault path first (then by path), so that "the shorter path wins a
/// tie" is "the lower number wins". Terms are sorted by UTF-16 code units — the order of
/// JavaScript's `<` — and cut into shards of about `shardSize` bytes, so a query loads only the
/// shards its words fall in.
public struct SearchIndexBuilder: Sendable {
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
        files(from: state(notes: notes, siteMap: siteMap))
    }

    /// The published notes with a page, in index order: shortest vault path first.
    private func order(_ notes: [Note], _ siteMap: SiteMap) -> [(note: Int, page: SitePath)] {
        notes.indices.compactMap { index in siteMap.pages[notes[index].path].map { (index, $0) } }
            .map { (key: Array(notes[$0.0].path.string.utf16), note: $0.0, page: $0.1) }
            .sorted { Self.pathOrder($0.key, $1.key) }
            .map { (note: $0.note, page: $0.page) }
    }

    /// What the index is made of, from every note.
    func state(notes: [Note], siteMap: SiteMap) -> SearchIndexState {
        let pages = order(notes, siteMap)
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
        // Each gatherer's terms come sorted, and no two gatherers share a term: merge them.
        var state = SearchIndexState(
            notes: pages.map { notes[$0.note].path }, pages: pages.map(\.page), records: records, lengths: lengths,
            terms: [], postings: [])
        for terms in Parallel.map(gatherers, jobs: jobs, { $0.take() }) { state.merge(terms) }
        return state
    }

    /// `state` after the notes in `changed` were edited: their postings, records and lengths
    /// replaced, every other note's kept; and which terms and notes that changed. Nil when the
    /// notes indexed, or their pages, are not those of `state` (a note added, removed, renamed or
    /// unpublished): build the state afresh.
    ///
    /// `sameNotes`: the caller knows the notes indexed and their pages are the state's (an edit
    /// that changed no note's name, publishing or page), so only the edited ones are looked for.
    func updating(
        _ state: SearchIndexState, notes: [Note], changed: Set<VaultPath>, siteMap: SiteMap, sameNotes: Bool = false
    ) -> SearchIndexUpdate? {
        // Each edited note's number in the state and its place in `notes`.
        var edited: [(number: Int, note: Int)] = []
        if sameNotes {
            for path in changed {
                guard let number = state.notes.firstIndex(of: path) else { continue }  // not indexed
                guard let note = notes.firstIndex(where: { $0.path == path }) else { return nil }
                edited.append((number, note))
            }
            edited.sort { $0.number < $1.number }
        } else {
            // The same notes on the same pages as the state was made from, in its order (which
            // is `order(notes, siteMap)`: checked without sorting the notes again).
            var positions: [VaultPath: Int] = [:]
            positions.reserveCapacity(notes.count)
            for (index, note) in notes.enumerated() where siteMap.pages[note.path] != nil { positions[note.path] = index }
            guard positions.count == state.notes.count else { return nil }
            for (number, (path, page)) in zip(state.notes, state.pages).enumerated() {
                guard let index = positions[path], siteMap.pages[path] == page else { return nil }
                if changed.contains(path) { edited.append((number, index)) }
            }
        }
        guard !edited.isEmpty else { return SearchIndexUpdate(state: state, previousTerms: state.terms, changedTerms: [], notes: []) }
        let previousTerms = state.terms
        var state = state
        // Drop the edited notes' postings, each found by halves (a list is in note order; a common
        // word's holds thousands) on every core; a list without them is left alone (it is shared).
        let numbers = edited.map { UInt32($0.number) }
        let postings = state.postings
        let ranges = stride(from: 0, to: postings.count, by: 2048).map { $0..<min(postings.count, $0 + 2048) }
        let found = Parallel.map(ranges, jobs: jobs) { range in
            range.flatMap { term in numbers.compactMap { Self.position(of: $0, in: postings[term]).map { (term: term, index: $0) } } }
        }.flatMap { $0 }
        // (Later places first: removing one does not move the others.)
        for (term, index) in found.sorted(by: { ($0.term, $1.index) < ($1.term, $0.index) }) { state.postings[term].remove(at: index) }
        // The terms (by place in `previousTerms`) whose postings change; new terms are not there.
        var changedTerms = Set(found.map(\.term))
        let pages = state.pages
        let analysed = Parallel.map(edited, jobs: jobs) { edit in
            SearchNoteAnalysis(note: notes[edit.note], page: pages[edit.number])
        }
        var added: [String: [RawPosting]] = [:]
        for (number, analysis) in zip(edited.map(\.number), analysed) {
            state.records[number] = analysis.json
            state.lengths[number] = analysis.lengths
            for (term, entry) in analysis.terms {
                let posting = RawPosting(note: number, section: entry.section, counts: entry.counts)
                if let index = state.index(of: term) {
                    changedTerms.insert(index)
                    state.insert(posting, into: index)
                } else {
                    added[term, default: []].append(posting)
                }
            }
        }
        state.merge(Self.sortedByTerm(added.map { (term: $0.key, postings: $0.value.sorted { $0.note < $1.note }) }))
        return SearchIndexUpdate(state: state, previousTerms: previousTerms, changedTerms: changedTerms, notes: Set(edited.map(\.number)))
    }

    /// Where a list of postings, in note order, has `note`'s (a note has one posting a term).
    static func position(of note: UInt32, in postings: [RawPosting]) -> Int? {
        var low = 0
        var high = postings.count
        while low < high {
            let middle = (low + high) / 2
            if postings[middle].note < note { low = middle + 1 } else { high = middle }
        }
        return low < postings.count && postings[low].note == note ? low : nil
    }

    /// The index files of a state.
    func files(from state: SearchIndexState) -> [(path: String, contents: String)] {
        files(from: state, update: nil, last: nil).written
    }

    /// The index files of a state. After an update (`update`, from the state the files described
    /// by `last` were made from), a term whose postings and scores are unchanged keeps its entry
    /// from `last` instead of being coded again, and only the documents files of the notes
    /// analysed again are made (the others are `kept`). The files are those a build from scratch
    /// makes.
    func files(from state: SearchIndexState, update: SearchIndexUpdate?, last: SearchIndexLayout?) -> SearchIndexFiles {
        let coding = Coding(state, jobs: jobs)
        var documentGroups = Array(stride(from: 0, to: state.records.count, by: notesPerDocumentFile))
        var kept: [String] = []
        var reusable: (layout: SearchIndexLayout, previous: [Int?])?
        if let update, let last, last.notes == coding.notes, last.symbolOrder == coding.table.order,
            last.symbolRice == coding.table.k, last.sectionRice == coding.sectionRice,
            last.termCount == update.previousTerms.count
        {
            reusable = (last, Self.unchangedTerms(state.terms, update))
            let groups = Set(update.notes.map { $0 / notesPerDocumentFile * notesPerDocumentFile })
            kept = documentGroups.filter { !groups.contains($0) }.map {
                SearchFormat.path(of: SearchFormat.documentsKey($0 / notesPerDocumentFile))
            }
            documentGroups = documentGroups.filter(groups.contains)
        }
        let entries = entries(state, coding, reusing: reusable)
        let perFile = notesPerDocumentFile
        let ((shardFiles, shardStarts), documents) = Parallel.both(jobs: jobs) { [self] in
            shards(terms: state.terms, entries: entries)
        } _: { [documentGroups] in
            documentGroups.map { start in
                let key = SearchFormat.documentsKey(start / perFile)
                let payload = JSON.array(Array(state.records[start..<min(state.records.count, start + perFile)]))
                return (path: SearchFormat.path(of: key), contents: SearchFormat.script(key: key, payload: payload))
            }
        }
        let meta = meta(notes: coding.notes, symbols: coding.table, sectionRice: coding.sectionRice, shardStarts: shardStarts)
        let layout = SearchIndexLayout(
            notes: coding.notes, symbolOrder: coding.table.order, symbolRice: coding.table.k,
            sectionRice: coding.sectionRice, symbols: coding.symbols, entries: entries)
        return SearchIndexFiles(
            written: [(SearchFormat.path(of: SearchFormat.metaKey), meta)] + shardFiles + documents, kept: kept,
            layout: layout)
    }

    /// For each term of the updated state, its place among the terms before the update when its
    /// postings did not change. Both lists are sorted; an unchanged term is the same string (a
    /// comparison that costs nothing), so a walk through both pairs them.
    static func unchangedTerms(_ terms: [String], _ update: SearchIndexUpdate) -> [Int?] {
        var result = [Int?](repeating: nil, count: terms.count)
        let before = update.previousTerms
        var old = 0
        for (index, term) in terms.enumerated() {
            while old < before.count, before[old] != term, before[old].utf16.lexicographicallyPrecedes(term.utf16) { old += 1 }
            guard old < before.count, before[old] == term else { continue }  // a new term
            if !update.changedTerms.contains(old) { result[index] = old }
            old += 1
        }
        return result
    }

    /// Every term's entry. With a last layout, a run of unchanged terms (consecutive there and
    /// here) whose symbols are the same bytes keeps its entries, copied as one block; the other
    /// terms are coded.
    private func entries(
        _ state: SearchIndexState, _ coding: Coding, reusing reusable: (layout: SearchIndexLayout, previous: [Int?])?
    ) -> FlatBytes {
        // Each term's entry in the last layout, when it still holds.
        var from = [Int32](repeating: -1, count: state.terms.count)
        if let (last, previous) = reusable {
            var term = 0
            while term < previous.count {
                guard let start = previous[term] else {
                    term += 1
                    continue
                }
                var end = term + 1
                while end < previous.count, previous[end] == start + (end - term) { end += 1 }
                let run = term..<end
                if coding.symbols.same(run, as: last.symbols, start..<start + run.count) {
                    for index in run { from[index] = Int32(start + index - term) }
                } else {
                    for index in run where coding.symbols.same(index..<index + 1, as: last.symbols, start + index - term..<start + index - term + 1) {
                        from[index] = Int32(start + index - term)
                    }
                }
                term = end
            }
        }
        let ranges = state.rangesByPostings()
        let parts = Parallel.map(ranges, jobs: jobs) { [from] range in
            var part = FlatBytes()
            let kept = reusable?.layout.entries
            var index = range.lowerBound
            while index < range.upperBound {
                guard let kept, from[index] >= 0 else {
                    part.append(coding.entry(index, in: state))
                    index += 1
                    continue
                }
                // A block of entries kept in order, copied at once.
                var end = index + 1
                while end < range.upperBound, from[end] == from[end - 1] + 1 { end += 1 }
                part.append(parts: Int(from[index])..<Int(from[end - 1]) + 1, of: kept)
                index = end
            }
            return part
        }
        return FlatBytes(joining: parts)
    }

    /// What every posting's bits depend on: each posting's symbol (impact level and title flag),
    /// the symbols' ranks, and the Rice parameter of section numbers.
    struct Coding: Sendable {
        let notes: Int
        /// Per term, its postings' symbols.
        let symbols: FlatBytes
        let table: SymbolTable
        let sectionRice: Int

        init(_ state: SearchIndexState, jobs: Int?) {
            // Each posting's symbol, scored once, a range of terms per task; then their frequencies.
            let scorer = Scorer(lengths: state.lengths, averages: SearchIndexBuilder.averageLengths(state.lengths))
            let ranges = state.rangesByPostings()
            let scored = Parallel.map(ranges, jobs: jobs) { range in
                var frequency = Frequency()
                var symbols = FlatBytes()
                for term in range {
                    for posting in state.postings[term] {
                        let symbol = scorer.symbol(of: posting)
                        frequency.count(symbol: symbol, section: Int(posting.section))
                        symbols.bytes.append(UInt8(symbol))
                    }
                    symbols.ends.append(UInt32(symbols.bytes.count))
                }
                return (symbols: symbols, frequency: frequency)
            }
            var frequency = Frequency()
            for part in scored { frequency.add(part.frequency) }
            notes = state.notes.count
            symbols = FlatBytes(joining: scored.map(\.symbols))
            table = SymbolTable(frequency: frequency.symbols)
            sectionRice = SearchIndexBuilder.sectionRice(frequency.sections)
        }

        /// A term's entry.
        func entry(_ term: Int, in state: SearchIndexState) -> [UInt8] {
            symbols.bytes.withUnsafeBufferPointer { bytes in
                SearchIndexBuilder.entry(
                    postings: state.postings[term], symbols: UnsafeBufferPointer(rebasing: bytes[symbols.range(of: term)]),
                    notes: notes, table: table, sectionRice: sectionRice)
            }
        }
    }

    /// Shorter first, then by UTF-16 code units.
    static func pathOrder(_ a: [UInt16], _ b: [UInt16]) -> Bool {
        a.count != b.count ? a.count < b.count : a.lexicographicallyPrecedes(b)
    }

    // MARK: Postings

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
                for field in 0..<Scorer.fields { norms.append(SearchScoring.k1 * SearchScoring.norm(length[field], averages[field])) }
            }
            self.norms = norms
        }

        func symbol(of posting: RawPosting) -> Int {
            let counts = posting.fieldCounts
            let base = Int(posting.note) * Scorer.fields
            var impact = 0.0
            for field in 0..<Scorer.fields where counts[field] > 0 {
                let tf = Double(counts[field])
                impact += SearchScoring.boosts[field] * tf * (SearchScoring.k1 + 1) / (tf + norms[base + field])
            }
            return SearchScoring.fastLevel(of: impact) << 1 | (counts[SearchScoring.Field.title.rawValue] > 0 ? 1 : 0)
        }
    }

    /// One worker's share of the terms — those whose first byte falls to it — with their raw
    /// postings in note order. Each gatherer is only ever used by one thread at a time: by its
    /// own worker in `gather` and `take`, which run once per gatherer per call.
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

        /// The gathered terms, sorted, leaving the gatherer empty.
        func take() -> [(term: String, postings: [RawPosting])] {
            defer { raw = [:] }
            return SearchIndexBuilder.sortedByTerm(raw.map { (term: $0.key, postings: $0.value) })
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
    static func sortedByTerm(_ terms: [(term: String, postings: [RawPosting])]) -> [(term: String, postings: [RawPosting])] {
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
    private static func entry(
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

    /// Cuts the sorted terms into shard files; returns each shard's first term. Within a shard each
    /// term is written as the length (UTF-16 units) it shares with the previous term, the rest of
    /// it, a space, then its entry.
    private func shards(terms: [String], entries: FlatBytes) -> (files: [(path: String, contents: String)], starts: [String]) {
        var files: [(path: String, contents: String)] = []
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
        for (index, term) in terms.enumerated() {
            let entry = entries.range(of: index)
            if text.isEmpty || text.count + entry.count > shardSize {
                finish()
                starts.append(term)
                previous.removeAll(keepingCapacity: true)
            }
            var shared = 0
            for unit in term.utf16 {
                guard shared < previous.count, previous[shared] == unit else { break }
                shared += 1
            }
            if shared > 0 && UTF16.isLeadSurrogate(previous[shared - 1]) { shared -= 1 }
            SearchFormat.appendNumber(shared, to: &text)
            if term.utf8.count == term.utf16.count {  // ASCII: a unit is a byte
                text += term.utf8.dropFirst(shared)
            } else {
                text += Array(String(decoding: Array(term.utf16)[shared...], as: UTF16.self).utf8)
            }
            text.append(0x20)
            entries.bytes.withUnsafeBufferPointer { text.append(contentsOf: UnsafeBufferPointer(rebasing: $0[entry])) }
            previous.removeAll(keepingCapacity: true)
            previous += term.utf16
        }
        finish()
        return (files, starts)
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

    var termCount: Int { entries.count }
}

/// Byte strings end to end, with where each ends: a term's symbols or entries, without an array
/// (an allocation and a reference count) for each of a hundred thousand terms.
struct FlatBytes: Sendable, Equatable {
    var bytes: [UInt8] = []
    var ends: [UInt32] = []

    init() {}

    init(bytes: [UInt8], ends: [UInt32]) {
        self.bytes = bytes
        self.ends = ends
    }

    /// Parts one after another.
    init(joining parts: [FlatBytes]) {
        bytes.reserveCapacity(parts.reduce(0) { $0 + $1.bytes.count })
        ends.reserveCapacity(parts.reduce(0) { $0 + $1.ends.count })
        for part in parts {
            let offset = UInt32(bytes.count)
            bytes += part.bytes
            ends += part.ends.map { $0 + offset }
        }
    }

    var count: Int { ends.count }

    func range(of part: Int) -> Range<Int> {
        (part == 0 ? 0 : Int(ends[part - 1]))..<Int(ends[part])
    }

    /// Where the bytes of consecutive parts are.
    func range(of parts: Range<Int>) -> Range<Int> {
        guard !parts.isEmpty else { return 0..<0 }
        return range(of: parts.lowerBound).lowerBound..<range(of: parts.upperBound - 1).upperBound
    }

    /// Whether consecutive parts here have the bytes of consecutive parts of another (the same
    /// number of parts, each of the same length, is the caller's to know).
    func same(_ parts: Range<Int>, as other: FlatBytes, _ otherParts: Range<Int>) -> Bool {
        let (mine, theirs) = (range(of: parts), other.range(of: otherParts))
        guard mine.count == theirs.count else { return false }
        guard !mine.isEmpty else { return true }
        return bytes.withUnsafeBufferPointer { a in
            other.bytes.withUnsafeBufferPointer { b in memcmp(a.baseAddress! + mine.lowerBound, b.baseAddress! + theirs.lowerBound, mine.count) == 0 }
        }
    }

    mutating func append(_ part: [UInt8]) {
        bytes += part
        ends.append(UInt32(bytes.count))
    }

    /// Consecutive parts of another.
    mutating func append(parts: Range<Int>, of other: FlatBytes) {
        let offset = Int64(bytes.count) - Int64(parts.lowerBound == 0 ? 0 : other.ends[parts.lowerBound - 1])
        bytes += other.bytes[other.range(of: parts)]
        for part in parts { ends.append(UInt32(Int64(other.ends[part]) + offset)) }
    }
}

/// The index files of a build: those made, and those left as the last build wrote them.
struct SearchIndexFiles: Sendable {
    var written: [(path: String, contents: String)]
    var kept: [String]
    var layout: SearchIndexLayout
}
