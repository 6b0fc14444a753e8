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
        for bit in stride(from: k - 1, through: 0, by: -1) { write((value >> bit) & 1 == 1) }
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
        var quotient = 0
        while true {
            guard let next = read() else { return nil }
            if next == 0 { break }
            quotient += 1
        }
        var value = quotient
        for _ in 0..<k {
            guard let next = read() else { return nil }
            value = value << 1 | next
        }
        return value
    }
}
