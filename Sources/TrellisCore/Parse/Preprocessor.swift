/// Two Obsidian extensions that cmark would otherwise read as something else are taken out of the
/// source before cmark parses it, outside code: `%%comments%%` (not rendered, not indexed) and
/// footnote definitions `[^1]: text` (which cmark would take for link reference definitions).
/// Bytes are replaced, line endings kept, so every position in the note is unchanged: a footnote
/// definition by spaces, a comment by `commentFiller` (see `blankComments`). An inline footnote
/// `^[text]` becomes `inlineFootnoteMarker` and filler, and a definition of its own, so that its
/// text is parsed as a footnote's, links and markup inside it too.
enum Preprocessor {
    /// Where an inline footnote was: the walker numbers it there, as a reference.
    static let inlineFootnoteMarker: UInt8 = 0x07
    /// The label of the inline footnote whose marker is at `offset` in the body: no written label
    /// holds a control character.
    static func inlineFootnoteLabel(at offset: Int) -> String { "\u{1}inline-\(offset)" }

    /// What a comment's bytes become where spaces would change the blocks around it: a C0 control
    /// character, which `SourceText` keeps out of notes, and which the walker drops from the text
    /// (`TreeWalker.visitText`), with any paragraph or table row it alone makes.
    static let commentFiller: UInt8 = 0x04

    struct FootnoteDefinition: Sendable, Equatable {
        var label: String
        var text: String
        /// Where the definition's text starts in the file (1-based line and byte column).
        var line: Int
        var column: Int
        /// How much indent each later line of the text lost (its column is that much further on).
        var indents: [Int] = []
    }

    /// Whether the note may hold a comment, a footnote definition or an inline footnote: if not,
    /// nothing to do.
    static func mayApply(to bytes: [UInt8]) -> Bool {
        // Most notes hold neither `%` nor `^`: jump from one to the next (memchr).
        bytes.withUnsafeBufferPointer { bytes in
            var index = 1
            while let percent = bytes.firstIndex(of: 0x25, from: index) {
                if bytes[percent - 1] == 0x25 { return true }  // %%
                index = percent + 1
            }
            index = 0
            while let caret = bytes.firstIndex(of: 0x5E, from: index) {
                if caret + 1 < bytes.count, bytes[caret + 1] == 0x5B { return true }  // ^[
                let lineStart = caret == 1 || (caret > 1 && (bytes[caret - 2] == 0x0A || bytes[caret - 2] == 0x0D))
                if caret > 0, bytes[caret - 1] == 0x5B, lineStart { return true }  // ⏎[^
                index = caret + 1
            }
            return false
        }
    }

    /// `mayApply` byte by byte: what the fast one must agree with.
    static func mayApplyByteByByte(to bytes: [UInt8]) -> Bool {
        var previous: UInt8 = 0x0A
        var before: UInt8 = 0
        for byte in bytes {
            if byte == 0x25 && previous == 0x25 { return true }  // %%
            if byte == 0x5E && previous == 0x5B && (before == 0x0A || before == 0x0D) { return true }  // ⏎[^
            if byte == 0x5B && previous == 0x5E { return true }  // ^[
            before = previous
            previous = byte
        }
        return false
    }

    /// Blanks comments and footnote definitions outside `code` (sorted byte ranges of code and raw
    /// HTML) and returns the definitions.
    static func apply(_ bytes: inout [UInt8], lineStarts: [Int], code: [Range<Int>], inlineFootnotes: Bool = true)
        -> [FootnoteDefinition]
    {
        blankComments(&bytes, code: code)
        let definitions = extractFootnotes(&bytes, lineStarts: lineStarts, code: code)
        guard inlineFootnotes else { return definitions }
        return definitions + extractInlineFootnotes(&bytes, lineStarts: lineStarts, code: code)
    }

    /// `^[text]` outside code, its brackets closing on its line: each becomes the marker and
    /// filler, and a definition labelled by the marker's place (`inlineFootnoteLabel`).
    static func extractInlineFootnotes(_ bytes: inout [UInt8], lineStarts: [Int], code: [Range<Int>])
        -> [FootnoteDefinition]
    {
        var definitions: [FootnoteDefinition] = []
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == 0x5E, bytes[index + 1] == 0x5B, !isEscaped(bytes, index), !isInCode(index, code),
                !isInMath(bytes, index), let close = closingBracket(bytes, from: index + 1)
            else {
                index += 1
                continue
            }
            let text = String(decoding: bytes[(index + 2)..<close], as: UTF8.self)
            guard !Preprocessor.withoutFiller(text).allSatisfy(\.isWhitespace) else {
                index = close + 1
                continue
            }
            let line = SourceText.lineIndex(of: index + 2, in: lineStarts)
            definitions.append(
                FootnoteDefinition(
                    label: inlineFootnoteLabel(at: index), text: withoutFiller(text), line: line + 1,
                    column: index + 2 - lineStarts[line] + 1))
            bytes[index] = inlineFootnoteMarker
            for filled in (index + 1)...close { bytes[filled] = commentFiller }
            index = close + 1
        }
        return definitions
    }

    /// Whether `index` is inside `$…$` on its line: after an odd number of unescaped `$` (`x^[2]`
    /// in math is TeX, not a footnote).
    private static func isInMath(_ bytes: [UInt8], _ index: Int) -> Bool {
        var dollars = 0
        var at = index - 1
        while at >= 0, bytes[at] != 0x0A, bytes[at] != 0x0D {
            if bytes[at] == 0x24, !isEscaped(bytes, at) { dollars += 1 }
            at -= 1
        }
        return dollars % 2 == 1
    }

    /// Whether an odd number of backslashes comes right before `index`.
    private static func isEscaped(_ bytes: [UInt8], _ index: Int) -> Bool {
        var count = 0
        var before = index - 1
        while before >= 0 && bytes[before] == 0x5C {
            count += 1
            before -= 1
        }
        return count % 2 == 1
    }

    /// The `]` on the same line that closes the `[` at `open`, over nested brackets and
    /// backslash escapes; nil when none does.
    private static func closingBracket(_ bytes: [UInt8], from open: Int) -> Int? {
        var depth = 0
        var index = open
        while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D {
            switch bytes[index] {
            case 0x5C: index += 1
            case 0x5B: depth += 1
            case 0x5D:
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
            index += 1
        }
        return nil
    }

    private static func isInCode(_ offset: Int, _ code: [Range<Int>]) -> Bool {
        code.contains { $0.contains(offset) }
    }

    private static func blank(_ bytes: inout [UInt8], _ range: Range<Int>) {
        for index in range where bytes[index] != 0x0A && bytes[index] != 0x0D { bytes[index] = 0x20 }
    }

    /// Blanks each comment, with spaces where they change nothing and with `commentFiller` where
    /// spaces would change the blocks around it as Obsidian's comments do not: at the start of a
    /// line's text (`%%todo%% Text` would be indented into code), at its end (a hard line break),
    /// and on a line of its own between two lines of text (it would end their paragraph, list,
    /// quote or table). Inside a line, as in a link or math, spaces: filler there would be text.
    static func blankComments(_ bytes: inout [UInt8], code: [Range<Int>]) {
        var index = 0
        var open: Int?
        var found = false
        while index + 1 < bytes.count {
            if bytes[index] == 0x25 && bytes[index + 1] == 0x25 && !isInCode(index, code) {
                if let start = open {
                    fill(&bytes, start..<index + 2)
                    found = true
                    open = nil
                } else {
                    open = index
                }
                index += 2
                continue
            }
            index += 1
        }
        if let start = open {  // unclosed: to the end, as Obsidian does
            fill(&bytes, start..<bytes.count)
            found = true
        }
        if found { settleFiller(&bytes) }
    }

    private static func fill(_ bytes: inout [UInt8], _ range: Range<Int>) {
        for index in range where bytes[index] != 0x0A && bytes[index] != 0x0D { bytes[index] = commentFiller }
    }

    /// Turns to spaces the filler that spaces may stand for (see `blankComments`).
    private static func settleFiller(_ bytes: inout [UInt8]) {
        var lines: [Range<Int>] = []
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
            lines.append(start..<end)
            guard end < bytes.count else { break }
            start = end + (bytes[end] == 0x0D && end + 1 < bytes.count && bytes[end + 1] == 0x0A ? 2 : 1)
        }
        func isBlank(_ line: Range<Int>) -> Bool { bytes[line].allSatisfy { $0 == 0x20 || $0 == 0x09 } }
        var previousBlank = true
        for (number, line) in lines.enumerated() {
            let filled = bytes[line].contains(commentFiller)
            if filled {
                let onlyComment = bytes[line].allSatisfy { $0 == commentFiller || $0 == 0x20 || $0 == 0x09 }
                let nextBlank = number + 1 == lines.count || isBlank(lines[number + 1])
                if onlyComment {
                    if previousBlank || nextBlank { spaces(&bytes, line) }
                } else {
                    settleRuns(&bytes, line)
                }
            }
            previousBlank = isBlank(line)
        }
    }

    /// On a line with text: filler stays where it starts the line's text (after white space and
    /// the marks of quotes and lists) or ends the line; elsewhere it becomes spaces.
    private static func settleRuns(_ bytes: inout [UInt8], _ line: Range<Int>) {
        let lead = bytes[line].firstIndex { !(isSpaceOrMarker($0)) } ?? line.upperBound
        let tail =
            (bytes[line].lastIndex { $0 != 0x20 && $0 != 0x09 && $0 != commentFiller } ?? line.lowerBound - 1) + 1
        var index = line.lowerBound
        while index < line.upperBound {
            guard bytes[index] == commentFiller else {
                index += 1
                continue
            }
            var end = index
            while end < line.upperBound && bytes[end] == commentFiller { end += 1 }
            if index != lead && end <= tail { spaces(&bytes, index..<end) }
            index = end
        }
    }

    private static func isSpaceOrMarker(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, UInt8(ascii: ">"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+"),
            UInt8(ascii: "."), UInt8(ascii: ")"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: false
        }
    }

    private static func spaces(_ bytes: inout [UInt8], _ range: Range<Int>) {
        for index in range where bytes[index] == commentFiller { bytes[index] = 0x20 }
    }

    /// Whether a raw line holds only a comment's filler, white space and quote marks: a line that
    /// only a comment made, which is no row of a table and no line of math.
    static func isOnlyFiller(_ line: Substring) -> Bool {
        line.utf8.contains(commentFiller)
            && line.utf8.allSatisfy { $0 == commentFiller || $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: ">") }
    }

    /// `text` without the filler of comments, nor an inline footnote's marker left where no
    /// reference can be (in a link's text).
    static func withoutFiller(_ text: String) -> String {
        guard text.utf8.contains(commentFiller) else { return text }
        return String(text.unicodeScalars.filter { $0.value != 0x04 && $0.value != 0x07 })
    }

    static func extractFootnotes(_ bytes: inout [UInt8], lineStarts: [Int], code: [Range<Int>]) -> [FootnoteDefinition]
    {
        var definitions: [FootnoteDefinition] = []
        var line = 0
        func text(of line: Int) -> ArraySlice<UInt8> {
            let start = lineStarts[line]
            var end = line + 1 < lineStarts.count ? lineStarts[line + 1] : bytes.count
            while end > start && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
            return bytes[start..<end]
        }
        while line < lineStarts.count {
            let content = text(of: line)
            guard content.starts(with: [0x5B, 0x5E]), !isInCode(content.startIndex, code),
                let close = content.firstIndex(of: 0x5D), close + 1 < content.endIndex, content[close + 1] == 0x3A
            else {
                line += 1
                continue
            }
            let label = String(decoding: content[(content.startIndex + 2)..<close], as: UTF8.self)
            var start = close + 2
            while start < content.endIndex && (content[start] == 0x20 || content[start] == 0x09) { start += 1 }
            var parts = [String(decoding: content[start...], as: UTF8.self)]
            var indents: [Int] = []
            let first = line
            line += 1
            // Continuation: lines indented by four spaces or a tab (blank lines in between), or by
            // two right after a line of the footnote, as Obsidian's help writes one ("Add 2 spaces
            // at the start of each new line").
            var afterBlank = false
            while line < lineStarts.count {
                let next = text(of: line)
                if next.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    let following = line + 1 < lineStarts.count ? text(of: line + 1) : []
                    guard following.starts(with: [0x20, 0x20, 0x20, 0x20]) || following.first == 0x09 else { break }
                    parts.append("")
                    indents.append(0)
                    afterBlank = true
                } else if next.starts(with: [0x20, 0x20, 0x20, 0x20]) || next.first == 0x09 {
                    let indent = next.first == 0x09 ? 1 : 4
                    parts.append(String(decoding: next.dropFirst(indent), as: UTF8.self))
                    indents.append(indent)
                    afterBlank = false
                } else if !afterBlank && next.starts(with: [0x20, 0x20]) {
                    let text = next.drop { $0 == 0x20 }
                    parts.append(String(decoding: text, as: UTF8.self))
                    indents.append(next.count - text.count)
                } else {
                    break
                }
                line += 1
            }
            let end = line < lineStarts.count ? lineStarts[line] : bytes.count
            blank(&bytes, lineStarts[first]..<end)
            if !label.isEmpty && !label.contains(" ") {
                definitions.append(
                    FootnoteDefinition(
                        label: label, text: withoutFiller(parts.joined(separator: "\n")), line: first + 1,
                        column: start - lineStarts[first] + 1, indents: indents))
            }
        }
        return definitions
    }
}
