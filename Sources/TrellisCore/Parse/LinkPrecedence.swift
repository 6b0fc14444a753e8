/// Obsidian reads `[[…]]` before the inline Markdown that starts inside it: `[[<id>]]`,
/// `![[*.png|L]] and ![[*.gif|R]]`, `[[Note|Example **bold**]]` and ``![[a`b`c.png]]`` are wiki
/// links, not raw HTML, emphasis or code. A code span, raw HTML or a Markdown link that opens
/// *before* the `[[` still wins (`` `[[x]]` `` is code).
///
/// cmark knows nothing of wiki links, so it may cut one apart. This finds each such link in
/// cmark's own tree — a `[[` in a text node (so not in code, HTML or a link) whose `]]`, on the same
/// line, lies beyond that node — and protects it: every unescaped `*`, `_`, `` ` `` and `<` inside
/// becomes a space in the bytes cmark parses, and cmark parses again. Nothing moves, so every
/// position stays exact; the walker reads links and text from the note as written
/// (`ProtectedLinks`).
enum LinkPrecedence {
    /// Each pass after the first protects at least one link. A link that a code span or raw HTML
    /// reached out of changes how cmark reads the rest of its paragraph, so the pass leaves the
    /// rest of that paragraph to the next parse. Past this many passes the rest stays as cmark
    /// read it.
    static let maxPasses = 8

    /// cmark's tree of `body` with its wiki links protected, and what was protected (nil when
    /// nothing was).
    static func parse(_ body: [UInt8], source: SourceText, unsafe: Bool) -> (CmarkDocument, ProtectedLinks?)? {
        guard var document = CmarkDocument(body, unsafe: unsafe) else { return nil }
        guard mayApply(to: body) else { return (document, nil) }
        var parsed = body
        var lines: Set<Int> = []
        for _ in 0..<maxPasses {
            var changed = false
            for range in splitLinks(in: document, parsed: parsed, source: source) {
                guard protect(&parsed, range) else { continue }  // split by a Markdown link, say: nothing to blank
                changed = true
                lines.insert(source.line(ofOffset: range.lowerBound))
            }
            guard changed, let next = CmarkDocument(parsed, unsafe: unsafe) else { break }
            document = next
        }
        return (document, lines.isEmpty ? nil : ProtectedLinks(parsed: parsed, lines: lines))
    }

    /// Whether a line holds `[[`, then a byte cmark may read as inline Markdown, then `]]` (with
    /// no `]]` before it): if none does, no link can be cut apart by Markdown.
    static func mayApply(to bytes: [UInt8]) -> Bool {
        // Most lines hold no `[[`: jump from `[` to `[` (memchr), and read byte by byte only the
        // rest of a line after a `[[`.
        bytes.withUnsafeBufferPointer { bytes in
            var index = 0
            while index + 1 < bytes.count {
                guard let open = bytes.firstIndex(of: 0x5B, from: index) else { return false }
                guard open + 1 < bytes.count, bytes[open + 1] == 0x5B else {
                    index = open + 1
                    continue
                }
                switch afterDoubleBracket(bytes, from: open + 2) {
                case .cutApart: return true
                case .closedAt(let end): index = end
                }
            }
            return false
        }
    }

    private enum LineRest {
        /// `]]` after an active byte.
        case cutApart
        /// The line ended, or `]]` came with no active byte before it: look on from here.
        case closedAt(Int)
    }

    /// Reads on after a `[[` to the end of its line or its `]]`.
    private static func afterDoubleBracket(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> LineRest {
        var active = false
        var previous: UInt8 = 0x5B
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D { return .closedAt(index + 1) }
            if !active && isActive(byte) {
                active = true
            } else if byte == 0x5D && previous == 0x5D {
                if active { return .cutApart }
                return .closedAt(index + 1)
            }
            previous = byte
            index += 1
        }
        return .closedAt(index)
    }

    /// `mayApply` byte by byte, as a state machine: what the fast one must agree with.
    static func mayApplyByteByByte(to bytes: [UInt8]) -> Bool {
        var state = 0  // 1: after `[[`; 2: and after an active byte
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == 0x0A || byte == 0x0D {
                state = 0
            } else if byte == 0x5B && previous == 0x5B {
                state = max(state, 1)
            } else if state == 1 && isActive(byte) {
                state = 2
            } else if byte == 0x5D && previous == 0x5D {
                if state == 2 { return true }
                state = 0
            }
            previous = byte
        }
        return false
    }

    /// `*` and `_` (emphasis), `` ` `` (code spans) and `<` (raw HTML, autolinks).
    static func isActive(_ byte: UInt8) -> Bool {
        byte == 0x2A || byte == 0x5F || byte == 0x60 || byte == 0x3C
    }

    /// The wiki links cmark cut apart, in document order; in each paragraph or heading, up to and
    /// including the first one that a code span or raw HTML reaches out of.
    static func splitLinks(in document: CmarkDocument, parsed: [UInt8], source: SourceText) -> [Range<Int>] {
        var links: [(range: Range<Int>, block: CmarkNode)] = []
        var textRanges: [Range<Int>] = []
        var linkDepth = 0
        var block: CmarkNode?
        var locator = TextLocator()
        document.walk { node, entering in
            let kind = node.kind
            if kind == .link || kind == .image { linkDepth += entering ? 1 : -1 }
            if kind == .paragraph || kind == .heading { block = node }
            guard kind == .text, linkDepth == 0, let block else { return }
            let literal = node.literal.utf8
            let mayOpen = literal.containsPair(0x5B, 0x5B)
            guard mayOpen || literal.contains(0x5D),
                let found = locator.locate(node, literal: Array(literal), in: parsed, source: source)
            else { return }
            let (rawStart, alignment) = (found.start, found.alignment)
            textRanges.append(rawStart..<alignment.rawEnd)
            guard mayOpen else { return }
            let line = min(parsed.count, max(rawStart, source.lineEnd(ofOffset: rawStart)))
            for match in WikiLinkScanner.scan(parsed[rawStart..<line], startingBefore: alignment.rawEnd)
            where match.range.upperBound > alignment.rawEnd {
                links.append((match.range, block))
            }
        }
        // Text nodes come in document order; a link's last `]` outside every text node is inside
        // code or HTML that began within the link, and what follows it in its block is unsure.
        var unsure: Set<CmarkNode> = []
        var protect: [Range<Int>] = []
        for link in links where !unsure.contains(link.block) {
            protect.append(link.range)
            if !isText(link.range.upperBound - 1, textRanges) { unsure.insert(link.block) }
        }
        return protect
    }

    /// Whether an offset lies in one of the ranges, sorted by where they start.
    private static func isText(_ offset: Int, _ ranges: [Range<Int>]) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].lowerBound <= offset { low = mid + 1 } else { high = mid }
        }
        return low > 0 && ranges[low - 1].contains(offset)
    }

    /// Blanks the active bytes of one link that no backslash escapes; whether any changed.
    static func protect(_ bytes: inout [UInt8], _ range: Range<Int>) -> Bool {
        var changed = false
        var escaped = false
        for index in range {
            let byte = bytes[index]
            if !escaped && isActive(byte) {
                bytes[index] = 0x20
                changed = true
            }
            escaped = !escaped && byte == 0x5C
        }
        return changed
    }
}

extension SourceText {
    /// The offset where the line holding `offset` ends, before its line ending.
    func lineEnd(ofOffset offset: Int) -> Int {
        let index = SourceText.lineIndex(of: offset, in: lineStarts)
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] : bytes.count
        while end > lineStarts[index] && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
        return end
    }
}
