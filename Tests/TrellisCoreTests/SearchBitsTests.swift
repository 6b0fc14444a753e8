import Foundation
import Testing

@testable import TrellisCore

@Suite("Search index bit codes")
struct SearchBitsTests {
    static let values = [0, 1, 2, 5, 15, 16, 17, 31, 32, 33, 63, 64, 100, 1000, 5000, 65_535, 1 << 24]

    @Test("Rice codes with an escape read back and cost what they claim", arguments: 0..<4)
    func escapedRice(_ k: Int) {
        var writer = SearchBitWriter()
        var bits = 0
        for value in Self.values {
            writer.writeEscapedRice(value, k)
            bits += SearchBitWriter.escapedRiceCost(value, k)
        }
        let characters = writer.finish()
        #expect(characters.count == (bits + 5) / 6)
        var reader = SearchBitReader(characters.map(UInt16.init), 0..<characters.count)
        #expect(Self.values.map { _ in reader.readEscapedRice(k) } == Self.values.map(Optional.init))
    }

    @Test("below the escape it is the Rice code; above, a large value costs bits by its logarithm")
    func escapeCost() {
        for value in 0..<(SearchBitWriter.longQuotient * 2) {
            #expect(SearchBitWriter.escapedRiceCost(value, 1) == SearchBitWriter.riceCost([value], 1))
        }
        // 16 one-bits, gamma(5000 >> 1 − 16 + 1 = 2485, 12 bits long) in 23 bits, then one bit.
        #expect(SearchBitWriter.escapedRiceCost(5000, 1) == 16 + 23 + 1)
        #expect(SearchBitWriter.escapedRiceCost(5000, 1) < 50)
    }

    @Test("a damaged code reads as nothing")
    func damaged() {
        let ones = [UInt16](repeating: UInt16(SearchFormat.alphabet[63]), count: 20)  // 120 one-bits
        var reader = SearchBitReader(ones, 0..<ones.count)
        #expect(reader.readEscapedRice(1) == nil)
    }
}

/// The build scores millions of postings with shortcuts; they must give the levels of the
/// definitions (`SearchScoring.impact` and `level(of:)`) exactly, or the reader and the build
/// would disagree.
@Suite("Search scoring shortcuts")
struct SearchScoringTests {
    @Test("levels by comparison equal levels by logarithm, at and around every boundary")
    func fastLevel() {
        var impacts: [Double] = [1e-9, 0.0005, 0.001, 1, 39.9, 40, 41, 1e6]
        for level in 0..<SearchScoring.levels.count {
            let centre = Double(SearchScoring.levels[level]) / 100
            for factor in [0.88, 0.9, 0.95, 0.999, 1, 1.001, 1.05, 1.1, 1.12] { impacts.append(centre * factor) }
        }
        // The boundaries themselves, and the floating-point numbers beside them.
        for level in 1..<SearchScoring.levels.count {
            var boundary =
                Double(SearchScoring.levels[0]) / 100
                * exp(
                    (Double(level) - 0.5) * log(Double(SearchScoring.levels[31]) / Double(SearchScoring.levels[0])) / 31
                )
            for _ in 0..<3 { boundary = boundary.nextDown }
            for _ in 0..<7 {
                impacts.append(boundary)
                boundary = boundary.nextUp
            }
        }
        let mismatches = impacts.filter { SearchScoring.fastLevel(of: $0) != SearchScoring.level(of: $0) }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test("a posting's symbol is the level of its BM25 impact, and whether the title has the term")
    func symbols() {
        var random = SystemRandomNumberGenerator()
        let lengths = (0..<200).map { _ in
            SearchCounts((0..<8).map { $0 < 6 ? UInt16.random(in: 0...400, using: &random) : 0 })
        }
        let averages = SearchIndexBuilder.averageLengths(lengths)
        let scorer = SearchIndexBuilder.Scorer(lengths: lengths, averages: averages)
        var mismatches = 0
        for _ in 0..<20_000 {
            let note = Int.random(in: 0..<lengths.count, using: &random)
            var counts = SearchCounts(
                (0..<8).map { $0 < 6 && Bool.random(using: &random) ? UInt16.random(in: 1...40, using: &random) : 0 })
            if counts == SearchCounts() { counts[4] = 1 }  // a posting counts the term somewhere
            let posting = SearchIndexBuilder.RawPosting(note: note, section: 0, counts: counts)
            let impact = SearchScoring.impact(counts: posting.fieldCounts, lengths: lengths[note], averages: averages)
            let expected = SearchScoring.level(of: impact) << 1 | (counts[0] > 0 ? 1 : 0)
            if scorer.symbol(of: posting) != expected { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }
}
