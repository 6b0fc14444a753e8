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
    /// `"`, so neither can be forged by a note's words.
    private static func nextAttribute(in html: Substring) -> Range<Substring.Index>? {
        let id = html.range(of: " id=\"")
        let href = html.range(of: " href=\"#")
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

    @discardableResult
    static func place(_ block: String, in out: inout String, before rest: inout Substring) -> Placement {
        guard let (tag, opening) = innermostBlock(in: out), opening.lowerBound < opening.upperBound else {
            out += block  // between blocks
            return .placed
        }
        let inside = out[opening.upperBound...]
        guard closesEveryTag(inside) else {  // inside <strong>, <a>, a title's <span>…
            return closesEveryTag(inside, named: "a") ? .inline : .insideLink
        }
        if tag.count == 2, tag.first == "h", tag.last!.isNumber { return .inline }
        guard tag == "p" else {
            out += block
            return .placed
        }
        if inside.allSatisfy(\.isWhitespace) { out.removeSubrange(opening.lowerBound...) } else { out += "</p>" }
        out += block
        let after = rest.drop(while: \.isWhitespace)
        if after.hasPrefix("</p>") { rest = after.dropFirst(4) } else { out += "<p>" }
        return .placed
    }

    private static let blockElements: Set<Substring> = [
        "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "div", "summary", "details", "blockquote", "dd",
        "dt", "ul", "ol", "table", "section", "figure", "pre",
    ]

    /// The block element the end of `html` is in: its name and its opening tag's range; an empty
    /// range when the nearest block tag before the end closes a block (the end is between blocks).
    private static func innermostBlock(in html: String) -> (Substring, Range<String.Index>)? {
        var end = html.endIndex
        while let open = html[..<end].lastIndex(of: "<") {
            end = open
            let afterBracket = html.index(after: open)
            let closing = html[afterBracket...].first == "/"
            let nameStart = closing ? html.index(after: afterBracket) : afterBracket
            let name = html[nameStart...].prefix { $0.isLetter || $0.isNumber }
            guard blockElements.contains(name) else { continue }
            if closing { return (name, open..<open) }
            guard let close = html[open...].firstIndex(of: ">") else { return nil }
            return (name, open..<html.index(after: close))
        }
        return nil
    }

    private static let voidElements: Set<Substring> = ["br", "img", "input", "wbr", "hr"]

    /// Whether every tag opened in `html` (or every one of that name) is closed in it.
    private static func closesEveryTag(_ html: Substring, named wanted: Substring? = nil) -> Bool {
        var open = 0
        var rest = html
        while let start = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: start)...]
            guard let end = rest.firstIndex(of: ">") else { return false }
            let tag = rest[..<end]
            rest = rest[rest.index(after: end)...]
            let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }
            if let wanted, name != wanted { continue }
            if tag.hasPrefix("/") {
                open -= 1
            } else if !tag.hasSuffix("/"), !voidElements.contains(name) {
                open += 1
            }
        }
        return open == 0
    }
}
