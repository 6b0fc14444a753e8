/// A heading as its note writes it, Markdown and all: Obsidian names a heading in a link by this
/// text, not by how the heading reads. Its link suggestions write `[[Note#**Bold** idea]]` for
/// `## **Bold** idea`, and it matches a link with the written text (`LinkKey.strippedHeading`).
enum HeadingSource {
    /// The text of an ATX heading's line (from its first `#`) or of a setext heading's lines up to
    /// its underline, from the lines cmark's positions give the heading.
    static func text(lines: [ArraySlice<UInt8>]) -> String {
        guard let line = lines.first else { return "" }
        if isATX(line) { return String(decoding: atxContent(line), as: UTF8.self) }
        return lines.prefix { !isUnderline($0) }.map { String(decoding: trimmed($0), as: UTF8.self) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// `#` to `######`, then white space or the end of the line.
    static func isATX(_ line: ArraySlice<UInt8>) -> Bool {
        let marks = line.drop(while: isBlank).prefix { $0 == hash }
        let after = line.drop(while: isBlank).dropFirst(marks.count).first
        return (1...6).contains(marks.count) && (after == nil || isBlank(after!))
    }

    /// A setext underline: a run of `=` or of `-`, white space around it.
    static func isUnderline(_ line: ArraySlice<UInt8>) -> Bool {
        let bar = trimmed(line)
        guard let mark = bar.first, mark == UInt8(ascii: "=") || mark == UInt8(ascii: "-") else { return false }
        return bar.allSatisfy { $0 == mark }
    }

    /// What is between the opening `#`s and the closing sequence, as CommonMark reads them.
    static func atxContent(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var content = line.drop { isBlank($0) }.drop { $0 == hash }
        content = trimmed(content)
        // A closing run of `#`s counts when white space or nothing comes before it.
        let run = content.reversed().prefix { $0 == hash }.count
        guard run > 0 else { return content }
        let rest = content.dropLast(run)
        guard let before = rest.last else { return rest }
        return isBlank(before) ? trimmed(rest) : content
    }

    private static let hash = UInt8(ascii: "#")

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let start = bytes.drop(while: isBlank)
        return start.dropLast(start.reversed().prefix(while: isBlank).count)
    }
}

extension TreeWalker {
    /// The heading `node` as the body writes it (`HeadingSource`), without comments.
    func writtenHeading(_ node: CmarkNode) -> String {
        let first = node.startLine
        // cmark may end a setext heading on the line after its underline: the underline is found.
        let last = min(node.endLine, source.lineStarts.count)
        guard first >= 1, last >= first else { return "" }
        let lines = (first...last).map { line -> ArraySlice<UInt8> in
            let start = source.lineStarts[line - 1]
            var end = line < source.lineStarts.count ? source.lineStarts[line] : body.count
            while end > start && (body[end - 1] == 0x0A || body[end - 1] == 0x0D) { end -= 1 }
            // Inside a quote or a list item, the heading starts at its column, after `> ` or `- `;
            // a setext heading's later lines are indented or quoted as much, or lazy (no prefix).
            let bytes = body[start..<end]
            let cut = min(bytes.count, max(0, node.startColumn - 1))
            let isPrefix =
                line == first || bytes.prefix(cut).allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: ">") }
            return isPrefix ? bytes.dropFirst(cut) : bytes
        }
        let text = HeadingSource.text(lines: lines)
        return hasCommentFiller ? Preprocessor.withoutFiller(text) : text
    }
}
