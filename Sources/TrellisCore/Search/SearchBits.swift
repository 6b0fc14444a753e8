import Foundation

/// Writes postings as bits, six to a character of the alphabet, most significant first.
struct SearchBitWriter {
    private(set) var characters: [UInt8] = []
    private var current = 0
    private var filled = 0

    mutating func write(_ bit: Bool) {
        current = current << 1 | (bit ? 1 : 0)
        filled += 1
        if filled == 6 { flush() }
    }

    /// Rice code: `value >> k` one-bits, a zero-bit, then the `k` low bits of `value`.
    mutating func writeRice(_ value: Int, _ k: Int) {
        for _ in 0..<(value >> k) { write(true) }
        write(false)
        writeLowBits(value, k)
    }

    /// Rice code with an escape for long quotients, so that a rare large value costs bits in
    /// proportion to its logarithm, not to itself: a quotient `q = value >> k` below
    /// `longQuotient` is written as by `writeRice`; a longer one as `longQuotient` one-bits,
    /// Elias-gamma of `q − longQuotient + 1`, then the `k` low bits of `value`.
    mutating func writeEscapedRice(_ value: Int, _ k: Int) {
        let quotient = value >> k
        if quotient < Self.longQuotient {
            writeRice(value, k)
            return
        }
        for _ in 0..<Self.longQuotient { write(true) }
        writeGamma(quotient - Self.longQuotient + 1)
        writeLowBits(value, k)
    }

    static let longQuotient = 16

    /// Elias-gamma code of `value` ≥ 1, with n = the bit length of `value` − 1: n one-bits, a
    /// zero-bit, then the n low bits of `value`.
    private mutating func writeGamma(_ value: Int) {
        let length = Int.bitWidth - value.leadingZeroBitCount - 1
        for _ in 0..<length { write(true) }
        write(false)
        writeLowBits(value, length)
    }

    /// The `count` low bits of `value`, most significant first.
    private mutating func writeLowBits(_ value: Int, _ count: Int) {
        for bit in stride(from: count - 1, through: 0, by: -1) { write((value >> bit) & 1 == 1) }
    }

    /// Pads the last character with zero-bits.
    mutating func finish() -> [UInt8] {
        if filled > 0 {
            current <<= 6 - filled
            flush()
        }
        return characters
    }

    private mutating func flush() {
        characters.append(SearchFormat.alphabet[current])
        current = 0
        filled = 0
    }

    /// The bits `writeRice` uses for these values with parameter `k`.
    static func riceCost<S: Sequence>(_ values: S, _ k: Int) -> Int where S.Element == Int {
        values.reduce(0) { $0 + ($1 >> k) + 1 + k }
    }

    /// The bits `writeEscapedRice` uses for `value` with parameter `k`.
    static func escapedRiceCost(_ value: Int, _ k: Int) -> Int {
        let quotient = value >> k
        guard quotient >= longQuotient else { return quotient + 1 + k }
        let rest = quotient - longQuotient + 1
        return longQuotient + 2 * (Int.bitWidth - rest.leadingZeroBitCount) - 1 + k
    }

    /// The parameter that codes these values in the fewest bits, among those near the one a
    /// geometric distribution with their mean would want.
    static func bestRice(_ values: [Int]) -> Int {
        let mean = Double(values.reduce(0, +)) / Double(max(1, values.count))
        let guess = mean < 2 ? 0 : Int(log2(mean * 0.69))
        return (max(0, guess - 1)...(guess + 2)).min { riceCost(values, $0) < riceCost(values, $1) } ?? 0
    }
}

/// Reads what `SearchBitWriter` wrote, within a range of a shard's text.
struct SearchBitReader {
    let units: [UInt16]
    var position: Int
    let end: Int
    private var bit = 0

    init(_ units: [UInt16], _ range: Range<Int>) {
        self.units = units
        position = range.lowerBound
        end = range.upperBound
    }

    mutating func read() -> Int? {
        guard position < end else { return nil }
        let value = SearchFormat.bitValue(units[position])
        guard value >= 0 else { return nil }
        let result = (value >> (5 - bit)) & 1
        bit += 1
        if bit == 6 {
            bit = 0
            position += 1
        }
        return result
    }

    mutating func readRice(_ k: Int) -> Int? {
        guard let quotient = readOnes(upTo: .max) else { return nil }
        return readLowBits(k, after: quotient)
    }

    /// Reads what `SearchBitWriter.writeEscapedRice` wrote.
    mutating func readEscapedRice(_ k: Int) -> Int? {
        guard var quotient = readOnes(upTo: SearchBitWriter.longQuotient) else { return nil }
        if quotient == SearchBitWriter.longQuotient {
            // Elias-gamma: n one-bits, a zero-bit, n low bits under a leading one.
            guard let length = readOnes(upTo: 32), length < 32, let rest = readLowBits(length, after: 1) else {
                return nil
            }
            quotient += rest - 1
        }
        return readLowBits(k, after: quotient)
    }

    /// Counts one-bits up to and through the next zero-bit; stops without reading a zero-bit
    /// after `limit` of them.
    private mutating func readOnes(upTo limit: Int) -> Int? {
        var count = 0
        while count < limit {
            guard let next = read() else { return nil }
            if next == 0 { break }
            count += 1
        }
        return count
    }

    /// `high` followed by the next `count` bits.
    private mutating func readLowBits(_ count: Int, after high: Int) -> Int? {
        var value = high
        for _ in 0..<count {
            guard let next = read() else { return nil }
            value = value << 1 | next
        }
        return value
    }
}
