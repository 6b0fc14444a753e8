/// The character columns of byte offsets in a `SourceText`, for many offsets on the same lines.
///
/// Counting the characters from the line's start for each offset made a note whose one line holds
/// thousands of links cost time quadratic in the line's length. The finder reads a line once, the
/// first time it is asked about it, and keeps where that line's characters start; each column
/// after that is a binary search. It keeps one line: a walk asks about offsets in document order.
struct ColumnFinder {
    let source: SourceText
    private var line = -1
    private var lineStart = 0
    /// The byte offset where each character of the line starts; nil when the line is ASCII, where
    /// a byte is a character.
    private var characterStarts: [Int]?
    /// How many times a line was read: once per line however many offsets are asked about.
    private(set) var linesRead = 0

    init(source: SourceText) {
        self.source = source
    }

    /// The 1-based column in characters (a tab counts one) of a byte offset.
    mutating func column(ofOffset offset: Int) -> Int {
        let index = SourceText.lineIndex(of: offset, in: source.lineStarts)
        if index != line { read(line: index) }
        guard let starts = characterStarts else { return offset - lineStart + 1 }
        return Self.countBelow(offset, in: starts) + 1
    }

    private mutating func read(line index: Int) {
        line = index
        linesRead += 1
        lineStart = source.lineStarts[index]
        let end = index + 1 < source.lineStarts.count ? source.lineStarts[index + 1] : source.bytes.count
        let bytes = source.bytes[lineStart..<end]
        guard bytes.contains(where: { $0 >= 0x80 }) else {
            characterStarts = nil
            return
        }
        var starts: [Int] = []
        var offset = lineStart
        for character in String(decoding: bytes, as: UTF8.self) {
            starts.append(offset)
            offset += character.utf8.count
        }
        characterStarts = starts
    }

    /// How many of the sorted `values` are less than `value`.
    private static func countBelow(_ value: Int, in values: [Int]) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let mid = (low + high) / 2
            if values[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
