/// The private markers the parse stage writes into a note's HTML where a link, an embed or a tag
/// goes, for the render stage to replace once every link is resolved (a link's HTML depends on
/// its target and on the page it is shown on).
///
/// A marker is `\u{1}` + body + `\u{2}`, with C0 control characters that `SourceText` removes
/// from every note, so note text can never forge one. Bodies:
/// - `3`: the note's fourth reference; a whole wiki link or embed, or the start of a Markdown
///   link or image;
/// - `/3`: the end of Markdown link or image 3 (between the two is cmark's own `<a …>…</a>` or
///   `<img … />`, which the renderer rewrites or keeps);
/// - `#3`: the note's fourth inline tag mention.
enum ReferenceMarker: Equatable {
    case reference(Int)
    case closing(Int)
    case tag(Int)

    static let start: Character = "\u{1}"
    static let end: Character = "\u{2}"

    /// The marker as it stands in HTML.
    var text: String {
        switch self {
        case .reference(let index): "\u{1}\(index)\u{2}"
        case .closing(let index): "\u{1}/\(index)\u{2}"
        case .tag(let index): "\u{1}#\(index)\u{2}"
        }
    }

    static func open(_ index: Int) -> String { ReferenceMarker.reference(index).text }
    static func close(_ index: Int) -> String { ReferenceMarker.closing(index).text }

    /// The marker whose body (between the two control characters) this is; nil for anything else.
    init?(body: Substring) {
        let kind = body.first
        let digits = kind == "/" || kind == "#" ? body.dropFirst() : body
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let index = Int(digits) else {
            return nil
        }
        switch kind {
        case "/": self = .closing(index)
        case "#": self = .tag(index)
        default: self = .reference(index)
        }
    }

    /// Renumbers the markers of HTML parsed apart (a footnote) so they follow the note's own
    /// `references` references and `tags` tag mentions.
    static func shift(_ html: String, references: Int, tags: Int) -> String {
        guard html.utf8.contains(1), references > 0 || tags > 0 else { return html }
        var out = ""
        var rest = html[...]
        while let start = rest.firstIndex(of: Self.start), let end = rest[start...].firstIndex(of: Self.end) {
            out += rest[..<start]
            let body = rest[rest.index(after: start)..<end]
            switch ReferenceMarker(body: body) {
            case .reference(let index): out += ReferenceMarker.reference(index + references).text
            case .closing(let index): out += ReferenceMarker.closing(index + references).text
            case .tag(let index): out += ReferenceMarker.tag(index + tags).text
            case nil: out += rest[start...end]
            }
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }
}

/// Inline `#tags` become links to their tag page; the page's URL depends on where the note is
/// shown, so the bridge writes a marker and `ReferenceRenderer` writes the link.
enum TagMarker {
    /// `\u{1}#3\u{2}`: the fourth tag mention of the note.
    static func marker(_ index: Int) -> String { ReferenceMarker.tag(index).text }
}
