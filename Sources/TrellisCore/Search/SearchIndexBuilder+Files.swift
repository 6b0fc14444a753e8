import Foundation

/// Writing the index: a state into its files (shards of terms, documents, metadata), reusing
/// the coded entries and files of the last build where an update left them the same.
extension SearchIndexBuilder {
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
        // After an update, the symbols and entries of the last layout can be kept (`Coding`).
        var reuse: Coding.Reuse?
        if let update, let last, last.notes == state.notes.count, last.termCount == update.previousTerms.count {
            reuse = Coding.Reuse(layout: last, places: Self.previousPlaces(state.terms, update), update: update)
        }
        let coding = Coding(state, jobs: jobs, reusing: reuse)
        var documentGroups = Array(stride(from: 0, to: state.records.count, by: notesPerDocumentFile))
        var kept: [String] = []
        var reusable: SearchIndexLayout?
        if let update, let last, reuse != nil, last.symbolOrder == coding.table.order,
            last.symbolRice == coding.table.k, last.sectionRice == coding.sectionRice
        {
            reusable = last
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
        let meta = meta(
            notes: coding.notes, symbols: coding.table, sectionRice: coding.sectionRice, shardStarts: shardStarts)
        let layout = SearchIndexLayout(
            notes: coding.notes, symbolOrder: coding.table.order, symbolRice: coding.table.k,
            sectionRice: coding.sectionRice, symbols: coding.symbols, entries: entries, reference: coding.reference,
            margins: coding.margins)
        return SearchIndexFiles(
            written: [(SearchFormat.path(of: SearchFormat.metaKey), meta)] + shardFiles + documents, kept: kept,
            layout: layout)
    }

    /// For each term of the updated state, its place among the terms before the update, when it
    /// was there. Both lists are sorted; a term kept is the same string (a comparison that costs
    /// nothing), so a walk through both pairs them.
    static func previousPlaces(_ terms: [String], _ update: SearchIndexUpdate) -> [Int?] {
        var result = [Int?](repeating: nil, count: terms.count)
        let before = update.previousTerms
        var old = 0
        for (index, term) in terms.enumerated() {
            while old < before.count, before[old] != term, before[old].utf16.lexicographicallyPrecedes(term.utf16) {
                old += 1
            }
            guard old < before.count, before[old] == term else { continue }  // a new term
            result[index] = old
            old += 1
        }
        return result
    }

    /// Every term's entry. With a last layout coded with the same table, each run of terms whose
    /// entries come out as they were there (`Coding.sameEntry`, consecutive there and here) is
    /// copied as one block; the other terms are coded.
    func entries(_ state: SearchIndexState, _ coding: Coding, reusing last: SearchIndexLayout?) -> FlatBytes {
        let ranges = state.rangesByPostings()
        let parts = Parallel.map(ranges, jobs: jobs) { range in
            var part = FlatBytes()
            var index = range.lowerBound
            while index < range.upperBound {
                guard let kept = last?.entries, let start = coding.sameEntry[index] else {
                    part.append(coding.entry(index, in: state))
                    index += 1
                    continue
                }
                var end = index + 1
                while end < range.upperBound, coding.sameEntry[end] == start + (end - index) { end += 1 }
                part.append(parts: start..<start + (end - index), of: kept)
                index = end
            }
            return part
        }
        return FlatBytes(joining: parts)
    }

    /// Shorter first, then by UTF-16 code units.
    static func pathOrder(_ a: [UInt16], _ b: [UInt16]) -> Bool {
        a.count != b.count ? a.count < b.count : a.lexicographicallyPrecedes(b)
    }

    /// Cuts the sorted terms into shard files; returns each shard's first term. Within a shard each
    /// term is written as the length (UTF-16 units) it shares with the previous term, the rest of
    /// it, a space, then its entry.
    func shards(terms: [String], entries: FlatBytes) -> (files: [(path: String, contents: String)], starts: [String]) {
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

    func meta(notes: Int, symbols: SymbolTable, sectionRice: Int, shardStarts: [String]) -> String {
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

/// The index files of a build: those made, and those left as the last build wrote them.
struct SearchIndexFiles: Sendable {
    var written: [(path: String, contents: String)]
    var kept: [String]
    var layout: SearchIndexLayout
}
