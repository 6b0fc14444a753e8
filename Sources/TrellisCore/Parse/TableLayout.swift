/// GFM tables on top of cmark: to cmark a table is a paragraph whose second line is a delimiter
/// row (`| --- | :-: |`). This decides, from the paragraph's raw lines, whether it is a table and
/// how its columns align; the bridge then splits the paragraph's own inline nodes into cells.
struct TableLayout: Sendable, Equatable {
    enum Alignment: Sendable, Equatable {
        case none, left, center, right

        var attribute: String {
            switch self {
            case .none: ""
            case .left: " align=\"left\""
            case .center: " align=\"center\""
            case .right: " align=\"right\""
            }
        }
    }

    var alignments: [Alignment]

    /// A table when the second line is a delimiter row with as many cells as the first line.
    init?(lines: [Substring]) {
        guard lines.count >= 2, lines[0].contains("|") || lines[1].contains("|") else { return nil }
        let delimiters = TableLayout.cells(lines[1])
        guard !delimiters.isEmpty else { return nil }
        var alignments: [Alignment] = []
        for cell in delimiters {
            let text = cell.trimmingWhitespace()
            let left = text.hasPrefix(":")
            let right = text.hasSuffix(":")
            let dashes = text.dropFirst(left ? 1 : 0).dropLast(right && text.count > 1 ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            alignments.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        guard TableLayout.cells(lines[0]).count == alignments.count else { return nil }
        self.alignments = alignments
    }

    /// The cells of a row: split at `|` not escaped by a backslash, without the outer pipes.
    static func cells(_ line: Substring) -> [String] {
        var text = line.trimmingWhitespaceSubstring()
        if text.hasPrefix("|") { text = text.dropFirst() }
        if text.hasSuffix("|") && !text.hasSuffix("\\|") { text = text.dropLast() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if character == "|" && !escaped {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
            escaped = character == "\\" && !escaped
        }
        cells.append(current)
        return cells
    }
}

extension Substring {
    func trimmingWhitespaceSubstring() -> Substring {
        var slice = self
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return slice
    }
}
