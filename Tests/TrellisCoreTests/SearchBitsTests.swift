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
