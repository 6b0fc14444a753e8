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
    /// Whether pages show properties, where a note does not say (`Config.properties`): the values
    /// a page shows are searched as its text is.
    var properties = PropertyDisplay.show

    /// `jobs`: at most this many threads (default: all cores).
    public init(jobs: Int? = nil, properties: PropertyDisplay = .show) {
        self.jobs = jobs
        self.properties = properties
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
                let analysis = SearchNoteAnalysis(note: notes[page.note], page: page.page, properties: properties)
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
            for (index, note) in notes.enumerated() where siteMap.pages[note.path] != nil {
                positions[note.path] = index
            }
            guard positions.count == state.notes.count else { return nil }
            for (number, (path, page)) in zip(state.notes, state.pages).enumerated() {
                guard let index = positions[path], siteMap.pages[path] == page else { return nil }
                if changed.contains(path) { edited.append((number, index)) }
            }
        }
        guard !edited.isEmpty else {
            return SearchIndexUpdate(state: state, previousTerms: state.terms, changedTerms: [], notes: [])
        }
        let previousTerms = state.terms
        var state = state
        // Drop the edited notes' postings, each found by halves (a list is in note order; a common
        // word's holds thousands) on every core; a list without them is left alone (it is shared).
        let numbers = edited.map { UInt32($0.number) }
        let postings = state.postings
        let ranges = stride(from: 0, to: postings.count, by: 2048).map { $0..<min(postings.count, $0 + 2048) }
        let found = Parallel.map(ranges, jobs: jobs) { range in
            range.flatMap { term in
                numbers.compactMap { Self.position(of: $0, in: postings[term]).map { (term: term, index: $0) } }
            }
        }.flatMap { $0 }
        // (Later places first: removing one does not move the others.)
        for (term, index) in found.sorted(by: { ($0.term, $1.index) < ($1.term, $0.index) }) {
            state.postings[term].remove(at: index)
        }
        var removed: [Int: [(place: Int, posting: RawPosting)]] = [:]
        for (term, index) in found { removed[term, default: []].append((index, postings[term][index])) }
        // The terms (by place in `previousTerms`) whose postings change; new terms are not there.
        var changedTerms = Set(found.map(\.term))
        let pages = state.pages
        let analysed = Parallel.map(edited, jobs: jobs) { edit in
            SearchNoteAnalysis(note: notes[edit.note], page: pages[edit.number], properties: properties)
        }
        var added: [String: [RawPosting]] = [:]
        for (number, analysis) in zip(edited.map(\.number), analysed) {
            state.records[number] = analysis.json
            state.lengths[number] = analysis.lengths
            for (term, entry) in analysis.terms {
                var posting = entry
                posting.note = UInt32(number)
                if let index = state.index(of: term) {
                    changedTerms.insert(index)
                    state.insert(posting, into: index)
                } else {
                    added[term, default: []].append(posting)
                }
            }
        }
        state.merge(Self.sortedByTerm(added.map { (term: $0.key, postings: $0.value.sorted { $0.note < $1.note }) }))
        return SearchIndexUpdate(
            state: state, previousTerms: previousTerms, changedTerms: changedTerms, notes: Set(edited.map(\.number)),
            removed: removed.mapValues { $0.sorted { $0.place < $1.place } })
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
}
