/// What `LinkPrecedence` changed before cmark parsed a note: the bytes cmark read, in which the
/// Markdown bytes inside some wiki links are spaces, and the lines holding those links.
///
/// cmark's text nodes come from those bytes; a node that is not a wiki link after all (inside a
/// Markdown link's text, say) gets its text back as written, so no protected byte ever shows.
struct ProtectedLinks {
    let parsed: [UInt8]
    /// 1-based lines with a protected link.
    let lines: Set<Int>

    /// A text node's literal with protected bytes put back from `written` (the note's bytes, of
    /// the same length); nil when nothing in it was protected. `found`: where the literal is in
    /// `parsed` (`TextLocator`).
    func writtenLiteral(_ literal: String, at found: TextLocator.Found, source: SourceText, written: [UInt8])
        -> String?
    {
        guard lines.contains(source.line(ofOffset: found.start)) else { return nil }
        var bytes = Array(literal.utf8)
        var changed = false
        for index in bytes.indices where bytes[index] == 0x20 {
            let offset = found.alignment.rawOffset(ofLiteral: index)
            guard offset < written.count, parsed[offset] == 0x20, written[offset] != 0x20 else { continue }
            bytes[index] = written[offset]
            changed = true
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : nil
    }
}
