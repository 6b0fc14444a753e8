import Foundation

extension SearchIndexBuilder {
    /// What every posting's bits depend on: each posting's symbol (impact level and title flag),
    /// the symbols' ranks, and the Rice parameter of section numbers.
    ///
    /// A posting's symbol depends on the field averages, which every edit moves a little, so an
    /// edit would score every posting again. It need not: a term's symbols stay right for as long
    /// as no field's average has moved, as a fraction of the `reference` averages, by as much as
    /// the term's margin (`Scorer.scored`). After an update, each term whose margin covers how far
    /// the averages moved keeps the last symbols of the postings the update left, and only the
    /// edited notes' postings are scored; their margins are told against the same reference. Once
    /// the averages have moved by `resetDrift` every term is scored again against those of the day.
    struct Coding: Sendable {
        let notes: Int
        /// Per term, its postings' symbols.
        let symbols: FlatBytes
        let table: SymbolTable
        let sectionRice: Int
        /// The field averages the margins are told against.
        let reference: [Double]
        /// Per term, by how much (a fraction) the averages may move from `reference` and leave
        /// its symbols as they are.
        let margins: [Double]
        /// Per term, its place in the last layout when its entry there is what it would be coded
        /// as now, given the same symbol table: the same notes, sections and symbols.
        let sameEntry: [Int?]
        /// How many terms kept symbols from the last layout (for tests).
        let kept: Int

        /// How far the averages may move from the reference before every term is scored again:
        /// margins told against an old reference lose what the averages moved.
        static let resetDrift = 1e-3

        /// What an update leaves of the last coding: its layout, each term's place there
        /// (`previousPlaces`), and the update, which tells what changed in each term's postings.
        struct Reuse: Sendable {
            let layout: SearchIndexLayout
            let places: [Int?]
            let update: SearchIndexUpdate
            /// `update.notes` in order, for reading along a term's postings (in note order).
            let edited: [Int]

            init(layout: SearchIndexLayout, places: [Int?], update: SearchIndexUpdate) {
                self.layout = layout
                self.places = places
                self.update = update
                edited = update.notes.sorted()
            }
        }

        init(_ state: SearchIndexState, jobs: Int?, reusing last: Reuse? = nil) {
            let averages = SearchIndexBuilder.averageLengths(state.lengths)
            let scorer = Scorer(lengths: state.lengths, averages: averages)
            // How far the averages moved from the last layout's reference: its symbols are kept
            // only while that is less than `resetDrift`; past it, the reference is these averages.
            var moved = Double.infinity
            if let layout = last?.layout, layout.margins.count == layout.termCount {
                moved = Self.drift(from: layout.reference, to: averages)
            }
            let reuse = moved < Self.resetDrift ? last : nil
            let drift = reuse == nil ? 0 : moved
            let ranges = state.rangesByPostings()
            let coded = Parallel.map(ranges, jobs: jobs) { range in
                var part = Part(scorer: scorer, drift: drift)
                for term in range {
                    let postings = state.postings[term]
                    guard let reuse, let before = reuse.places[term], reuse.layout.margins[before] > drift,
                        part.keep(postings, from: before, reuse)
                    else {
                        part.score(postings)
                        // Scored again, the same postings may still come out with the same symbols.
                        if let last, let before = last.places[term], !last.update.changedTerms.contains(before) {
                            part.sameEntryIfSame(as: before, of: last.layout)
                        }
                        continue
                    }
                }
                return part
            }
            var frequency = Frequency()
            for part in coded { frequency.add(part.frequency) }
            notes = state.notes.count
            symbols = FlatBytes(joining: coded.map(\.symbols))
            table = SymbolTable(frequency: frequency.symbols)
            sectionRice = SearchIndexBuilder.sectionRice(frequency.sections)
            reference = reuse?.layout.reference ?? averages
            margins = coded.flatMap(\.margins)
            sameEntry = coded.flatMap(\.sameEntry)
            kept = coded.reduce(0) { $0 + $1.kept }
        }

        /// The largest fraction by which a field's average moved from `reference`; infinite when
        /// there is no reference to compare with.
        static func drift(from reference: [Double], to averages: [Double]) -> Double {
            guard reference.count == averages.count else { return .infinity }
            return zip(reference, averages).reduce(0.0) { max($0, abs($1.1 / $1.0 - 1)) }
        }

        /// A margin from averages `drift` away from the reference, told against the reference:
        /// averages within `x` of the reference are within `(x + drift) / (1 − drift)` of these,
        /// which `margin` must cover. (Less a hair: in floating point the bound is met to the last bit.)
        static func margin(_ margin: Double, drift: Double) -> Double {
            max(0, margin * (1 - drift) - drift - 1e-12)
        }

        /// One task's range of terms.
        private struct Part {
            let scorer: Scorer
            let drift: Double
            var symbols = FlatBytes()
            var frequency = Frequency()
            var margins: [Double] = []
            var sameEntry: [Int?] = []
            var kept = 0

            init(scorer: Scorer, drift: Double) {
                self.scorer = scorer
                self.drift = drift
            }

            /// The term's symbols as the last layout has them (at `before`), but for the edited
            /// notes' postings, which are scored; false when the lists do not line up.
            mutating func keep(_ postings: [RawPosting], from before: Int, _ reuse: Reuse) -> Bool {
                let last = reuse.layout.symbols
                let lastRange = last.range(of: before)
                guard reuse.update.changedTerms.contains(before) else {
                    // The same postings: the same symbols, and the same entry.
                    guard postings.count == lastRange.count else { return false }
                    last.bytes.withUnsafeBufferPointer { bytes in
                        for (symbol, posting) in zip(bytes[lastRange], postings) {
                            frequency.count(symbol: Int(symbol), section: Int(posting.section))
                        }
                        symbols.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lastRange]))
                    }
                    finish(margin: reuse.layout.margins[before], sameEntry: before)
                    return true
                }
                return keepChanged(postings, from: before, reuse)
            }

            /// `keep` for a term whose postings the update changed. The list before is the list now
            /// without the edited notes' postings, with those the update took out put back at
            /// their places; the edited notes' postings now are scored. Nothing is kept of a term
            /// whose lists do not line up so.
            private mutating func keepChanged(_ postings: [RawPosting], from before: Int, _ reuse: Reuse) -> Bool {
                let removed = reuse.update.removed[before] ?? []
                let last = reuse.layout.symbols
                let lastRange = last.range(of: before)
                // The edited notes, met in turn as the postings (in note order) are read.
                let edited = reuse.edited
                var cursor = 0
                func isEdited(_ posting: RawPosting) -> Bool {
                    while cursor < edited.count, edited[cursor] < Int(posting.note) { cursor += 1 }
                    return cursor < edited.count && edited[cursor] == Int(posting.note)
                }
                var termSymbols: [UInt8] = []
                termSymbols.reserveCapacity(postings.count)
                var margin = reuse.layout.margins[before]
                var sameAsBefore = postings.count == lastRange.count
                var (old, next, now) = (0, 0, 0)  // places in the list before, in `removed`, and now
                while now < postings.count || old < lastRange.count {
                    if next < removed.count, removed[next].place == old, old < lastRange.count {
                        // A posting the update took out; the edited note's posting now, if it is
                        // next, takes its place (and its entry's bits, with the same section and symbol).
                        let gone = removed[next].posting
                        if now < postings.count, postings[now].note == gone.note {
                            let (symbol, postingMargin) = scorer.scored(postings[now])
                            margin = min(margin, Coding.margin(postingMargin, drift: drift))
                            sameAsBefore =
                                sameAsBefore && postings[now].section == gone.section
                                && UInt8(symbol) == last.bytes[lastRange.lowerBound + old]
                            termSymbols.append(UInt8(symbol))
                            now += 1
                        } else {
                            sameAsBefore = false
                        }
                        (old, next) = (old + 1, next + 1)
                    } else if now < postings.count, isEdited(postings[now]) {
                        // An edited note's posting the list before did not have.
                        let (symbol, postingMargin) = scorer.scored(postings[now])
                        margin = min(margin, Coding.margin(postingMargin, drift: drift))
                        termSymbols.append(UInt8(symbol))
                        sameAsBefore = false
                        now += 1
                    } else if now < postings.count, old < lastRange.count {
                        // A posting the update left: its symbol as it was.
                        termSymbols.append(last.bytes[lastRange.lowerBound + old])
                        (old, now) = (old + 1, now + 1)
                    } else {
                        return false  // not the lists an update makes
                    }
                }
                guard next == removed.count else { return false }
                for (symbol, posting) in zip(termSymbols, postings) {
                    frequency.count(symbol: Int(symbol), section: Int(posting.section))
                }
                symbols.bytes += termSymbols
                finish(margin: margin, sameEntry: sameAsBefore ? before : nil)
                return true
            }

            private mutating func finish(margin: Double, sameEntry entry: Int?) {
                symbols.ends.append(UInt32(symbols.bytes.count))
                margins.append(margin)
                sameEntry.append(entry)
                kept += 1
            }

            /// Marks the term just scored as having the entry it had at `before` when its postings
            /// are those it had there (the caller knows) and its symbols are the same bytes.
            mutating func sameEntryIfSame(as before: Int, of layout: SearchIndexLayout) {
                let mine = symbols.range(of: symbols.count - 1)
                let theirs = layout.symbols.range(of: before)
                guard mine.count == theirs.count, symbols.bytes[mine].elementsEqual(layout.symbols.bytes[theirs]) else {
                    return
                }
                sameEntry[sameEntry.count - 1] = before
            }

            /// The term scored now, its margin told against the reference.
            mutating func score(_ postings: [RawPosting]) {
                var margin = Double.infinity
                for posting in postings {
                    let (symbol, postingMargin) = scorer.scored(posting)
                    frequency.count(symbol: symbol, section: Int(posting.section))
                    symbols.bytes.append(UInt8(symbol))
                    margin = min(margin, postingMargin)
                }
                symbols.ends.append(UInt32(symbols.bytes.count))
                margins.append(Coding.margin(margin, drift: drift))
                sameEntry.append(nil)
            }
        }

        /// A term's entry.
        func entry(_ term: Int, in state: SearchIndexState) -> [UInt8] {
            symbols.bytes.withUnsafeBufferPointer { bytes in
                SearchIndexBuilder.entry(
                    postings: state.postings[term],
                    symbols: UnsafeBufferPointer(rebasing: bytes[symbols.range(of: term)]),
                    notes: notes, table: table, sectionRice: sectionRice)
            }
        }
    }
}
