import Foundation

extension SearchIndexBuilder {
    /// What every posting's bits depend on: each posting's symbol (impact level and title flag),
    /// the symbols' ranks, and the Rice parameter of section numbers.
    ///
    /// A posting's symbol depends on the field averages, which every edit moves a little, so an
    /// edit would score every posting again. It need not: a term's symbols stay right for as long
    /// as no field's average has moved, as a fraction of the `reference` averages, by as much as
    /// the term's margin (`Scorer.scored`). After an update, a term whose postings are unchanged
    /// and whose margin covers how far the averages moved keeps the last symbols; the others are
    /// scored, and their margins are told against the same reference. Once the averages have
    /// moved by `resetDrift` every term is scored again against the averages of the day.
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
        /// How many terms kept their symbols from the last layout (for tests).
        let kept: Int

        /// How far the averages may move from the reference before every term is scored again:
        /// margins told against an old reference lose what the averages moved.
        static let resetDrift = 1e-3

        /// `reusing`: the last layout, and for each term the place it had there when its
        /// postings are unchanged (`unchangedTerms`).
        init(_ state: SearchIndexState, jobs: Int?, reusing last: (layout: SearchIndexLayout, previous: [Int?])? = nil)
        {
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
                var part = Part()
                for term in range {
                    if let (layout, previous) = reuse, let before = previous[term], layout.margins[before] > drift {
                        part.keep(term, before, of: layout, postings: state.postings[term])
                    } else {
                        part.score(state.postings[term], scorer, drift: drift)
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
            var symbols = FlatBytes()
            var frequency = Frequency()
            var margins: [Double] = []
            var kept = 0

            /// The term's symbols as the last layout has them (at `before`), and its margin.
            mutating func keep(_ term: Int, _ before: Int, of layout: SearchIndexLayout, postings: [RawPosting]) {
                let range = layout.symbols.range(of: before)
                layout.symbols.bytes.withUnsafeBufferPointer { bytes in
                    for (symbol, posting) in zip(bytes[range], postings) {
                        frequency.count(symbol: Int(symbol), section: Int(posting.section))
                    }
                    symbols.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
                }
                symbols.ends.append(UInt32(symbols.bytes.count))
                margins.append(layout.margins[before])
                kept += 1
            }

            /// The term scored now, its margin told against the reference.
            mutating func score(_ postings: [RawPosting], _ scorer: Scorer, drift: Double) {
                var margin = Double.infinity
                for posting in postings {
                    let (symbol, postingMargin) = scorer.scored(posting)
                    frequency.count(symbol: symbol, section: Int(posting.section))
                    symbols.bytes.append(UInt8(symbol))
                    margin = min(margin, postingMargin)
                }
                symbols.ends.append(UInt32(symbols.bytes.count))
                margins.append(Coding.margin(margin, drift: drift))
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
