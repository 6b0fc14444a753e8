/// Finds where a text node's literal lies in the note's source.
///
/// cmark's inline positions are right on the first line of a paragraph or heading, but not always
/// on the lines after it (cmark issue #296): a continuation line that is indented or lazy (under a
/// quote or list item without its `>` or indent), a line after a hard break, or a paragraph that
/// followed link reference definitions gets a column, or a line, that points elsewhere. Trusting it
/// left the wiki links on such lines as plain text, unresolved and unreported.
///
/// So a text node is looked for first where cmark puts it and then, when its text is not there, in
/// its block's source after the text found before it: text nodes come in document order, and each
/// is the source byte for byte but for escapes and entities (`RawAlignment`).
struct TextLocator {
    /// Where a literal was found: its first source offset and how its bytes line up.
    struct Found {
        let start: Int
        let alignment: RawAlignment
    }

    /// A text that is in its block at most once is found at the first place it aligns; this many
    /// failed places end the search (a text cmark changed in a way `RawAlignment` does not know).
    static let maximumTries = 256

    private var block: CmarkNode?
    /// Where the text found last in `block` ends: the next one starts at or after it.
    private var cursor = 0

    /// The literal of `node` in `raw` (the bytes cmark parsed), or nil when it is not found.
    mutating func locate(_ node: CmarkNode, literal: [UInt8], in raw: [UInt8], source: SourceText) -> Found? {
        let enclosing = TextLocator.block(of: node)
        if enclosing != block {
            block = enclosing
            cursor = enclosing.flatMap { source.offset(line: $0.startLine, byteColumn: 1) } ?? 0
        }
        if let start = source.offset(line: node.startLine, byteColumn: node.startColumn), start >= cursor,
            let alignment = RawAlignment(literal: literal, raw: raw, rawStart: start)
        {
            cursor = alignment.rawEnd
            return Found(start: start, alignment: alignment)
        }
        guard let enclosing, let first = literal.first else { return nil }
        let end = min(raw.count, TextLocator.end(ofLine: enclosing.endLine, in: source, count: raw.count))
        var offset = cursor
        var tries = 0
        while offset < end, tries < TextLocator.maximumTries {
            let byte = raw[offset]
            // A literal byte comes from the same source byte, a `\` escape or an `&` reference.
            if byte == first || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "&") {
                tries += 1
                if let alignment = RawAlignment(literal: literal, raw: raw, rawStart: offset) {
                    cursor = alignment.rawEnd
                    return Found(start: offset, alignment: alignment)
                }
            }
            offset += 1
        }
        return nil
    }

    /// Where an inline node that is not text starts: a link (`[`, or `<` for an autolink), an
    /// image (`![`) or raw HTML (no opener: its literal is its source). cmark's position when one
    /// of `openers` is there (raw HTML: when its literal is); else the first place at or after the
    /// start of cmark's line (never after the node's) where an opener is followed by `literal` —
    /// a link's first text, or the HTML — as written; else cmark's position.
    static func start(
        of node: CmarkNode, openers: [[UInt8]], literal: () -> [UInt8], in raw: [UInt8], source: SourceText
    ) -> Int? {
        guard let reported = source.offset(line: node.startLine, byteColumn: node.startColumn) else { return nil }
        if openers.contains(where: { !$0.isEmpty && raw[reported...].starts(with: $0) }) { return reported }
        let text = Array(literal().prefix(64))
        if openers.contains([]), raw[reported...].starts(with: text) { return reported }
        guard !text.isEmpty, let block = block(of: node) ?? node.parent else { return reported }
        let end = min(raw.count, TextLocator.end(ofLine: block.endLine, in: source, count: raw.count))
        var offset = source.lineStarts[node.startLine - 1]
        var tries = 0
        while offset < end, tries < maximumTries {
            for opener in openers where raw[offset...].starts(with: opener) {
                tries += 1
                if RawAlignment(literal: text, raw: raw, rawStart: offset + opener.count) != nil {
                    return offset
                }
            }
            offset += 1
        }
        return reported
    }

    /// The paragraph or heading a text node is in.
    private static func block(of node: CmarkNode) -> CmarkNode? {
        var current = node.parent
        while let candidate = current {
            let kind = candidate.kind
            if kind == .paragraph || kind == .heading { return candidate }
            current = candidate.parent
        }
        return nil
    }

    /// The offset just past a 1-based line, its line break included.
    private static func end(ofLine line: Int, in source: SourceText, count: Int) -> Int {
        line >= 1 && line < source.lineStarts.count ? source.lineStarts[line] : count
    }
}

extension TreeWalker {
    /// Where a link, an image or raw HTML starts, in characters (`TextLocator.start`).
    mutating func position(of node: CmarkNode) -> SourcePlace {
        let kind = node.kind
        let openers: [[UInt8]] =
            kind == .image ? [Array("![".utf8)] : kind == .link ? [Array("[".utf8), Array("<".utf8)] : [[]]
        let literal = {
            guard kind == .link || kind == .image else { return Array(node.literal.utf8) }
            guard let first = node.firstChild, first.kind == .text else { return [UInt8]() }
            return Array(first.literal.utf8)
        }
        let raw = protectedLinks?.parsed ?? body
        guard let offset = TextLocator.start(of: node, openers: openers, literal: literal, in: raw, source: source)
        else {
            return SourcePlace(line: node.startLine, column: node.startColumn)
        }
        return SourcePlace(line: source.line(ofOffset: offset), column: columns.column(ofOffset: offset))
    }
}
