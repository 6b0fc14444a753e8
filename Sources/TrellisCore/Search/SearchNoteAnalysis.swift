/// One note made ready for the index: its terms per field, and the record a result shows.
struct SearchNoteAnalysis: Sendable {
    /// A heading a result can link to: every heading but a leading level-1 one (the page's top).
    struct Heading: Sendable, Equatable {
        var text: String
        /// The heading's `id`, percent-encoded for a URL fragment.
        var fragment: String
    }

    var path: String
    var title: String
    var url: String
    var excerpt: String
    var headings: [Heading] = []
    /// Term counts per field, and the note's length per field.
    var counts: [String: SearchCounts] = [:]
    var lengths = SearchCounts()

    static let excerptLength = 160

    init(note: Note, page: SitePath) {
        path = note.path.string
        title = note.title
        url = SitePath("index.html").url(to: page)
        excerpt =
            note.markdown.sections.first { !$0.text.isEmpty }.map { Self.excerpt($0.text, Self.excerptLength) } ?? ""

        // About one distinct term per ten bytes of text: growing the table costs more than this.
        counts.reserveCapacity(note.markdown.sections.reduce(16) { $0 + $1.text.utf8.count / 10 })
        add(title, to: .title)
        for alias in note.frontmatter.aliases { add(alias, to: .alias) }
        for tag in note.tags {
            add(tag, to: .tag)
            if let term = SearchTokenizer.tagTerm(tag) { add(term: term, to: .tag) }
        }
        for section in note.markdown.sections {
            add(section.heading ?? "", to: .heading)
            add(section.text, to: .body)
            add(section.code, to: .code)
        }
        let levels = Dictionary(
            note.markdown.headings.map { ($0.id, $0.level) }, uniquingKeysWith: { first, _ in first })
        for (index, section) in note.markdown.sections.enumerated() {
            guard let id = section.headingID, let text = section.heading, !text.isEmpty, !id.isEmpty else { continue }
            if index == 0 && levels[id] == 1 { continue }  // the note opens with it: the top of the page
            headings.append(Heading(text: text, fragment: URLEncoding.fragment(id)))
        }
    }

    private mutating func add(_ text: String, to field: SearchScoring.Field) {
        guard !text.isEmpty else { return }
        SearchTokenizer.forEachToken(text, mode: .index, stopWords: .standard) { add(term: $0, to: field) }
    }

    private mutating func add(term: String, to field: SearchScoring.Field) {
        let lane = field.rawValue
        counts[term, default: SearchCounts()][lane].saturatingIncrement()
        lengths[lane].saturatingIncrement()
    }

    /// `text` with white space collapsed, cut at a word boundary to at most `limit` characters.
    static func excerpt(_ text: String, _ limit: Int) -> String {
        // Collapse only the start of the text: a character is at least one scalar.
        var scalars = String.UnicodeScalarView()
        var count = 0
        var pendingSpace = false
        var more = false
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80
                ? (scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value)) : scalar.properties.isWhitespace
            {
                pendingSpace = count > 0
                continue
            }
            if count > limit * 2 {
                more = true
                break
            }
            if pendingSpace { scalars.append(" ") }
            pendingSpace = false
            scalars.append(scalar)
            count += 1
        }
        let collapsed = String(scalars)
        guard more || collapsed.count > limit else { return collapsed }
        var cut = collapsed.prefix(limit - 1)
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit / 2 {
            cut = cut[..<space]
        }
        while let last = cut.last, last.isPunctuation || last.isWhitespace { cut = cut.dropLast() }
        return cut + "…"
    }

    /// The record in a documents file: `[path, title, url, excerpt, heading…]`. The title is null
    /// when it is the file name, the URL when `SearchFormat.derivedURL` gives it; a heading is its
    /// text when `SearchFormat.derivedSlug` of it is its fragment, else `[text, fragment]`.
    var json: String {
        let name = SearchFormat.stem(String(path.split(separator: "/").last ?? ""))
        var items = [
            SearchFormat.json(path), title == name ? "null" : SearchFormat.json(title),
            SearchFormat.derivedURL(path: path) == url ? "null" : SearchFormat.json(url), SearchFormat.json(excerpt),
        ]
        for heading in headings {
            items.append(
                SearchFormat.derivedSlug(heading.text) == heading.fragment
                    ? SearchFormat.json(heading.text)
                    : JSON.array([SearchFormat.json(heading.text), SearchFormat.json(heading.fragment)]))
        }
        return JSON.array(items)
    }
}

extension UInt16 {
    fileprivate mutating func saturatingIncrement() {
        if self < .max { self += 1 }
    }
}
