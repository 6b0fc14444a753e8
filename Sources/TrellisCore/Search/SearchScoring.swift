import Foundation

/// How search scores are made. The build does the floating-point part once — BM25 per field of a
/// note, with field boosts — and stores each (term, note) impact as one of `levels`, and each
/// term's idf as a whole number. A query then only multiplies and adds whole numbers, so the Swift
/// reader and `search.js` rank identically, to the last digit.
enum SearchScoring {
    /// The fields of a note. Headings are all the note's headings; body is its text outside them
    /// and outside code blocks.
    enum Field: Int, CaseIterable {
        case title, alias, tag, heading, body, code
    }

    /// Title highest, code lowest.
    static let boosts: [Double] = [8, 5, 3, 3, 1, 0.3]
    static let k1 = 1.2
    static let b = 0.75

    /// The impact of each level ×100: 32 steps of about 21 % from 0.1 to 40.
    static let levels: [Int] = (0..<32).map { Int((10 * pow(400, Double($0) / 31)).rounded()) }

    /// BM25 per field, boosted and summed: `Σ boost · tf·(k1+1) / (tf + k1·(1 − b + b·len/avglen))`.
    static func impact(counts: SearchCounts, lengths: SearchCounts, averages: [Double]) -> Double {
        var total = 0.0
        for field in 0..<Field.allCases.count where counts[field] > 0 {
            let tf = Double(counts[field])
            total += boosts[field] * tf * (k1 + 1) / (tf + k1 * norm(lengths[field], averages[field]))
        }
        return total
    }

    /// BM25's length norm of a field: `1 − b + b·len/avglen`.
    static func norm(_ length: UInt16, _ average: Double) -> Double {
        1 - b + b * Double(length) / max(average, 1)
    }

    /// The level nearest to `impact` on a log scale.
    static func level(of impact: Double) -> Int {
        let position = log(impact * 100 / Double(levels[0])) * levelsPerLog
        return min(levels.count - 1, max(0, Int(position.rounded())))
    }

    /// `level(of:)` by comparisons with the impacts where the level changes, for the millions of
    /// postings of a large vault; an impact too near one of them to tell is left to `level(of:)`,
    /// so the two always agree.
    static func fastLevel(of impact: Double) -> Int { levelAndMargin(of: impact).level }

    /// `fastLevel(of:)`, and by how much of itself the impact may move either way and keep that
    /// level: its distance to the nearer boundary, over the impact, less a hair for rounding
    /// (0 when it is too near a boundary to tell).
    static func levelAndMargin(of impact: Double) -> (level: Int, margin: Double) {
        var low = 0
        var high = boundaries.count
        while low < high {
            let middle = (low + high) / 2
            if boundaries[middle] <= impact { low = middle + 1 } else { high = middle }
        }
        let below = low > 0 ? impact - boundaries[low - 1] : .infinity
        let above = low < boundaries.count ? boundaries[low] - impact : .infinity
        if low > 0 && below < boundaries[low - 1] * 1e-9 { return (level(of: impact), 0) }
        if low < boundaries.count && above < boundaries[low] * 1e-9 { return (level(of: impact), 0) }
        guard impact > 0 else { return (low, 0) }
        return (low, max(0, min(below, above) / impact - 1e-9))
    }

    /// `boundaries[n]`: the impact where level n + 1 begins (`level(of:)` rounds half a level up).
    private static let boundaries: [Double] = (1..<levels.count).map {
        Double(levels[0]) / 100 * exp((Double($0) - 0.5) / levelsPerLog)
    }

    private static let levelsPerLog = 31 / log(Double(levels[31]) / Double(levels[0]))

    /// BM25's idf ×10, rounded, at least 1: `ln(1 + (N − df + 0.5) / (df + 0.5))`.
    static func idf(documents: Int, containing: Int) -> Int {
        let value = log(1 + (Double(documents - containing) + 0.5) / (Double(containing) + 0.5))
        return max(1, Int((value * 10).rounded()))
    }

    /// How a query word met an index term: the weight its score is multiplied by.
    enum Match: Int {
        /// The same word.
        case exact = 4
        /// The same stem (`caching` for `cache`), or the index term is the query's stem.
        case stem = 3
        /// The index term starts with the query word (`invalid` → `invalidation`).
        case prefix = 2
    }

    /// A query word must be this long (UTF-16 units) to match by prefix; CJK always does.
    static let minimumPrefix = 3
}

/// Token counts per field, one lane per `SearchScoring.Field`.
typealias SearchCounts = SIMD8<UInt16>
