/// Fits an embedded note's HTML into the page that shows it: its `id`s made the page's own, and
/// its block placed where cmark left an inline marker.
enum EmbedHTML {
    /// `html` with every `id="x"` renamed `prefix + x`, and every in-page link `href="#x"` with
    /// it: a page that embeds a note twice, or embeds a note with a heading named like one of its
    /// own, would otherwise hold one id twice, and its table of contents and footnotes would jump
    /// to the wrong one. Runs on cmark's HTML before the references are filled in, so the links
    /// made from wiki links (to the page's own headings, or to the embedded note's page) keep
    /// their targets.
    static func prefixingIDs(_ html: String, with prefix: String) -> String {
        guard html.utf8.contains(0x3D) else { return html }  // no `=`, no attribute
        var out = ""
        out.reserveCapacity(html.utf8.count + 64)
        var rest = html[...]
        while let found = nextAttribute(in: rest) {
            out += rest[..<found.upperBound]
            out += prefix
            rest = rest[found.upperBound...]
        }
        out += rest
        return out
    }

    /// The next ` id="` or ` href="#`, whichever comes first. Text and attribute values escape
    /// `"`, so neither can be forged by a note's words. Found as bytes: an id may begin with a
    /// combining mark, which makes one `Character` of it and the quote before it.
    private static func nextAttribute(in html: Substring) -> Range<Substring.Index>? {
        let id = html.firstByteRange(of: " id=\"")
        let href = html.firstByteRange(of: " href=\"#")
        guard let id, let href else { return id ?? href }
        return id.lowerBound < href.lowerBound ? id : href
    }

    /// Appends `block` (a `<div>`) to `out` where an embed's marker stood, where a block may
    /// stand (`.placed`). Between blocks, or in a list item, a table cell or a
    /// callout's body, the block goes in as it is. In a paragraph it may not (browsers close the
    /// paragraph early and leave a stray `</p>`): the paragraph is closed before the block — or
    /// dropped, when nothing came before it — and opened again after it unless nothing follows.
    /// Inside a heading, or inside inline markup (`**bold ![[Note]]**`, a link's text, a callout's
    /// title), a block would break the page, and splitting the markup would be worse: nothing is
    /// appended, and the answer says whether the place is inside a link, where no link may go.
    enum Placement: Equatable {
        case placed
        case inline
        case insideLink
    }

    /// The tags are looked for as bytes, and what surrounds them read as Unicode scalars: a
    /// combining mark after a tag's `>` (a paragraph that opens with one) makes one `Character` of
    /// the two, which a search for the Character `>` passes by.
    @discardableResult
    static func place(_ block: String, in out: inout String, before rest: inout Substring) -> Placement {
        guard let (tag, opening) = innermostBlock(in: out), opening.lowerBound < opening.upperBound else {
            out += block  // between blocks
            return .placed
        }
        let inside = Substring(out.unicodeScalars[opening.upperBound...])
        guard closesEveryTag(inside) else {  // inside <strong>, <a>, a title's <span>…
            return closesEveryTag(inside, named: "a") ? .inline : .insideLink
        }
        if tag.utf8.count == 2, tag.utf8.first == UInt8(ascii: "h"), tag.last!.isNumber { return .inline }
        guard tag == "p" else {
            out += block
            return .placed
        }
        if inside.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            out.unicodeScalars.removeSubrange(opening.lowerBound...)
        } else {
            out += "</p>"
        }
        out += block
        let after = rest.unicodeScalars.drop(while: \.properties.isWhitespace)
        if after.starts(with: "</p>".unicodeScalars) { rest = Substring(after.dropFirst(4)) } else { out += "<p>" }
        return .placed
    }

    private static let blockElements: Set<String> = [
        "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "div", "summary", "details", "blockquote", "dd",
        "dt", "ul", "ol", "table", "section", "figure", "pre",
    ]

    /// The block element the end of `html` is in: its name and its opening tag's range; an empty
    /// range when the nearest block tag before the end closes a block (the end is between blocks).
    private static func innermostBlock(in html: String) -> (String, Range<String.Index>)? {
        let bytes = html.utf8
        var end = bytes.endIndex
        while let open = bytes[..<end].lastIndex(of: UInt8(ascii: "<")) {
            end = open
            var nameStart = bytes.index(after: open)
            let closing = nameStart < bytes.endIndex && bytes[nameStart] == UInt8(ascii: "/")
            if closing { nameStart = bytes.index(after: nameStart) }
            let name = String(decoding: bytes[nameStart...].prefix(while: HTML.isTagNameByte), as: UTF8.self)
            guard blockElements.contains(name) else { continue }
            if closing { return (name, open..<open) }
            guard let close = bytes[open...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
            return (name, open..<bytes.index(after: close))
        }
        return nil
    }

    /// Whether every tag opened in `html` (or every one of that name) is closed in it, its tags
    /// read as `HTMLSlice` reads them.
    private static func closesEveryTag(_ html: Substring, named wanted: String? = nil) -> Bool {
        var open = 0
        var rest = html
        while let tag = HTMLSlice.nextTag(in: rest) {
            rest = rest[tag.range.upperBound...]
            if let wanted, tag.name != wanted { continue }
            if tag.isEnd {
                open -= 1
            } else if !tag.closesItself {
                open += 1
            }
        }
        return open == 0
    }
}
