import Foundation
import Testing

@testable import TrellisCore

/// A posting's symbol depends on the field averages; the coding keeps a term's symbols while the
/// averages stay within its margin. These pin down that the margin is one, and that an index
/// updated edit after edit is coded as a fresh one.
@Suite("Search symbols kept across edits")
struct SearchCodingTests {
    @Test("a posting keeps its symbol while no field's average moves by more than its margin")
    func margins() {
        var random = SeededRandom(seed: 11)
        let lengths = (0..<300).map { _ in
            SearchCounts((0..<8).map { $0 < 6 ? UInt16.random(in: 0...400, using: &random) : 0 })
        }
        let averages = SearchIndexBuilder.averageLengths(lengths)
        let scorer = SearchIndexBuilder.Scorer(lengths: lengths, averages: averages)
        var (checked, wide) = (0, 0)
        for _ in 0..<20_000 {
            let note = Int.random(in: 0..<lengths.count, using: &random)
            var counts = SearchCounts(
                (0..<8).map { $0 < 6 && Bool.random(using: &random) ? UInt16.random(in: 1...40, using: &random) : 0 })
            if counts == SearchCounts() { counts[4] = 1 }
            let posting = SearchIndexBuilder.RawPosting(note: note, section: 0, counts: counts)
            let (symbol, margin) = scorer.scored(posting)
            #expect(symbol == scorer.symbol(of: posting))
            if margin > 0.01 { wide += 1 }
            // Every field's average moved by almost the whole margin, each its own way, and all up
            // and all down (the impact moves most when they all move together).
            for pattern in 0..<3 {
                let moved = averages.indices.map { field -> Double in
                    let sign: Double = pattern == 0 ? 1 : pattern == 1 ? -1 : (Bool.random(using: &random) ? 1 : -1)
                    return averages[field] * (1 + sign * margin * 0.999)
                }
                let rescored = SearchIndexBuilder.Scorer(lengths: lengths, averages: moved)
                #expect(rescored.symbol(of: posting) == symbol, "margin \(margin) of \(counts) in note \(note)")
                checked += 1
            }
        }
        #expect(checked == 60_000)
        // Levels are about 21 % apart: most postings are well inside theirs.
        #expect(wide > 10_000, "only \(wide) of 20,000 postings have a margin over 1 %")
    }

    @Test("a margin told against an older reference is one there: averages within it are within the margin of the new")
    func referenceMargins() {
        var random = SeededRandom(seed: 5)
        var told = 0
        for _ in 0..<10_000 {
            let margin = Double.random(in: 0...0.2, using: &random)
            let drift = [0, 1e-9, 1e-4, 1e-3, 0.05, 0.3][Int.random(in: 0..<6, using: &random)]
            let x = SearchIndexBuilder.Coding.margin(margin, drift: drift)
            #expect(x >= 0 && x <= margin)
            guard x > 0 else { continue }
            told += 1
            // The reference 1; the averages scored against, `drift` away; others, just within `x`.
            for scored in [1 - drift, 1 + drift] {
                for other in [1 - x * (1 - 1e-12), 1 + x * (1 - 1e-12)] {
                    #expect(abs(other / scored - 1) <= margin, "margin \(margin), drift \(drift): \(other / scored)")
                }
            }
        }
        #expect(told > 5_000)
    }

    @Test("after edit upon edit, the symbols kept and those scored again are a fresh index's, as are the files")
    func editUponEdit() throws {
        var vault = SyntheticVault(seed: 9)
        let sources = vault.notes(300)
        var notes = sources.map { parse($0.text, path: $0.path) }
        let siteMap = SiteMap(notes: notes.map(\.path), attachments: [], home: nil)
        let builder = SearchIndexBuilder(jobs: 2)
        var state = builder.state(notes: notes, siteMap: siteMap)
        var files = builder.files(from: state, update: nil, last: nil)
        var site = Dictionary(uniqueKeysWithValues: files.written.map { ($0.path, $0.contents) })
        var (fewestKept, resets, changedKept, sameEntries) = (100, 0, 0, 0)
        for step in 0..<30 {
            // A few words added to (or, every fifth edit, a paragraph taken from) a note, two notes
            // every third edit: the body's average creeps, as it does over a day of edits.
            var changed: Set<VaultPath> = []
            for number in step % 3 == 2
                ? [(step * 37) % notes.count, (step * 11 + 5) % notes.count] : [(step * 37) % notes.count]
            {
                var text =
                    sources[number].text + String(repeating: "\n\nA few more words \(step).", count: 1 + step % 3)
                if step % 5 == 4 { text = String(text.prefix(text.utf8.count * 3 / 4)) }
                notes[number] = parse(text, path: notes[number].path.string)
                changed.insert(notes[number].path)
            }
            let update = try #require(builder.updating(state, notes: notes, changed: changed, siteMap: siteMap))
            let fresh = builder.state(notes: notes, siteMap: siteMap)
            let places = SearchIndexBuilder.previousPlaces(update.state.terms, update)
            let coding = SearchIndexBuilder.Coding(
                update.state, jobs: 2, reusing: .init(layout: files.layout, places: places, update: update))
            let freshCoding = SearchIndexBuilder.Coding(fresh, jobs: 2)
            #expect(coding.symbols == freshCoding.symbols, "step \(step): the symbols differ from a fresh index's")
            #expect(coding.table.order == freshCoding.table.order && coding.sectionRice == freshCoding.sectionRice)
            let terms = update.state.terms.count
            if coding.kept == 0 {
                resets += 1
            } else {
                fewestKept = min(fewestKept, coding.kept * 100 / terms)
                // Terms the edit changed kept the symbols of the postings it left, too.
                changedKept +=
                    coding.kept - SearchIndexBuilder.unchangedTerms(update.state.terms, update).compactMap { $0 }.count
                sameEntries += coding.sameEntry.compactMap { $0 }.count
            }
            // The files written over the last ones, with those kept, are a fresh build's.
            files = builder.files(from: update.state, update: update, last: files.layout)
            for file in files.written { site[file.path] = file.contents }
            #expect(files.kept.allSatisfy { site[$0] != nil })
            let freshFiles = builder.files(from: fresh, update: nil, last: nil).written
            #expect(Set(files.written.map(\.path) + files.kept) == Set(freshFiles.map(\.path)))
            #expect(freshFiles.allSatisfy { site[$0.path] == $0.contents }, "step \(step): the files differ")
            state = update.state
        }
        // An edit of a few words keeps nearly every term's symbols, those of the terms it changed
        // included, and most entries. Taking out a quarter of a note (with what the edits before
        // it moved) takes the body's average past `resetDrift`, and every term is scored again
        // against the new averages.
        #expect(fewestKept >= 97, "an edit kept only \(fewestKept) % of the terms' symbols")
        #expect(changedKept > 1_000, "the terms edits changed kept \(changedKept) symbol lists")
        #expect(sameEntries > 20 * 14_000, "\(sameEntries) entries kept")
        #expect(resets > 0 && resets <= 6)
    }
}

extension SearchIndexBuilder {
    /// `previousPlaces` of the terms whose postings did not change: what the tests expect kept.
    static func unchangedTerms(_ terms: [String], _ update: SearchIndexUpdate) -> [Int?] {
        previousPlaces(terms, update).map { $0.flatMap { update.changedTerms.contains($0) ? nil : $0 } }
    }
}
