/// One note made ready for the index: its terms per field and the section each weighs most in,
/// and the record a result shows.
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
    /// The note's terms, as UTF-8 bytes, and each one's counts per field and section, as a
    /// posting (of note 0) in `termPostings` at the same place.
    private(set) var termBytes = FlatBytes()
    private(set) var termPostings: [SearchIndexBuilder.RawPosting] = []
    /// The note's length per field.
    var lengths = SearchCounts()

    /// Each term with its counts.
    var terms: [(String, SearchIndexBuilder.RawPosting)] {
        termPostings.indices.map { place in
            (String(decoding: termBytes.bytes[termBytes.range(of: place)], as: UTF8.self), termPostings[place])
        }
    }

    /// A term of the note: how often it occurs in each field, and the section a result for it
    /// links to — 0 for the page, i for `headings[i − 1]`.
    ///
    /// The section is where the term weighs most (heading 30, text 10, code 3 per occurrence;
    /// text before the first target heading counts for the page), the earliest of equals; it is
    /// the page when the term is in the title. Sections are read in order, so a term keeps only
    /// the best section so far and the one it is being counted in.
    struct Term: Sendable {
        var counts = SearchCounts()
        private(set) var section: UInt16 = 0
        private var weight: UInt32 = 0
        private var current: UInt16 = 0
        private var currentWeight: UInt32 = 0

        /// One occurrence in `field`; in section `section` with weight `weight` when it is in one.
        mutating func add(_ field: Int, weight: UInt32, section: UInt16?) {
            counts[field].saturatingIncrement()
            guard let section else { return }
            if section != current {
                settle()
                current = section
            }
            currentWeight &+= weight
        }

        /// Ends the counting of the current section.
        private mutating func settle() {
            if currentWeight > weight {
                (section, weight) = (current, currentWeight)
            }
            currentWeight = 0
        }

        /// Ends the counting; called once the note's last section has been read.
        mutating func finish() {
            settle()
            if counts[SearchScoring.Field.title.rawValue] > 0 { section = 0 }
        }
    }

    /// Per occurrence in a section's heading, text and code: the field boosts ×10, whole numbers
    /// so the choice does not hang on rounding.
    static func sectionWeight(_ field: SearchScoring.Field) -> UInt32 {
        switch field {
        case .heading: 30
        case .body: 10
        case .code: 3
        case .title, .alias, .tag: 0
        }
    }

    static let excerptLength = 160

    /// `properties`: whether pages show properties, where a note does not say (`Config.properties`).
    init(note: Note, page: SitePath, properties: PropertyDisplay) {
        path = note.path.string
        title = note.title
        url = SitePath("index.html").url(to: page)
        // Each section's text once: a note restored from the build cache decodes it when asked.
        let sections = note.markdown.sections
        let texts = sections.map(\.text)
        excerpt = texts.first { !$0.isEmpty }.map { Self.excerpt($0, Self.excerptLength) } ?? ""

        // About one distinct term per ten bytes of text: growing the table costs more than this.
        var counter = Counter(terms: SearchTermTable(capacity: texts.reduce(16) { $0 + $1.utf8.count / 10 }))
        counter.add(title, to: .title)
        for alias in note.frontmatter.aliases { counter.add(alias, to: .alias) }
        for tag in note.tags {
            counter.add(tag, to: .tag)
            if var term = SearchTokenizer.tagTerm(tag) { term.withUTF8 { counter.add(term: $0, to: .tag) } }
        }
        // The properties the page shows under its title are words of the page, as its text is.
        if (note.frontmatter.propertyDisplay ?? properties) == .show {
            for property in note.frontmatter.properties {
                for value in property.values {
                    counter.add(Self.text(of: value, links: note.frontmatter.propertyLinks), to: .body, section: 0)
                }
            }
        }
        let levels = Dictionary(
            note.markdown.headings.map { ($0.id, $0.level) }, uniquingKeysWith: { first, _ in first })
        for (index, section) in sections.enumerated() {
            if let id = section.headingID, let text = section.heading, !text.isEmpty, !id.isEmpty,
                index > 0 || levels[id] != 1  // a level-1 heading the note opens with is the top of the page
            {
                headings.append(Heading(text: text, fragment: URLEncoding.fragment(id)))
            }
            // A section under a heading that is not a target counts for the target before it.
            let number = UInt16(clamping: headings.count)
            counter.add(section.heading ?? "", to: .heading, section: number)
            counter.add(texts[index], to: .body, section: number)
            counter.add(section.code, to: .code, section: number)
        }
        // Only the terms and what a posting holds are kept, in arrays of the exact size: the
        // table has room to spare, a `Term` is counting state too, and a build holds a few
        // thousand notes' terms at once.
        lengths = counter.lengths
        termBytes = counter.terms.compactedKeys()
        termPostings = counter.terms.values.map { term in
            var term = term
            term.finish()
            return SearchIndexBuilder.RawPosting(note: 0, section: term.section, counts: term.counts)
        }
    }

    /// The terms of a note while they are counted, and its length per field.
    private struct Counter {
        var terms: SearchTermTable<Term>
        var lengths = SearchCounts()

        mutating func add(_ text: String, to field: SearchScoring.Field, section: UInt16? = nil) {
            guard !text.isEmpty else { return }
            SearchTokenizer.forEachToken(text, mode: .index, stopWords: .standard) {
                add(term: $0, to: field, section: section)
            }
        }

        mutating func add(term: UnsafeBufferPointer<UInt8>, to field: SearchScoring.Field, section: UInt16? = nil) {
            let place = terms.place(of: term) { Term() }
            terms.values[place].add(field.rawValue, weight: sectionWeight(field), section: section)
            lengths[field.rawValue].saturatingIncrement()
        }
    }

    /// A property value's words: its text, dates and URLs, and each link's label, else its target.
    static func text(of value: [Property.Piece], links: [Reference]) -> String {
        value.map { piece in
            switch piece {
            case .text(let text), .url(let text), .date(let text): text
            case .link(let index): links.indices.contains(index) ? links[index].label ?? links[index].written : ""
            }
        }.joined(separator: " ")
    }

    /// `text` with white space collapsed, cut at a word boundary to at most `limit` characters.
    static func excerpt(_ text: String, _ limit: Int) -> String {
        let (collapsed, more) = collapseStart(text, limit * 2)
        if collapsed.utf8.allSatisfy({ $0 < 0x80 }) { return asciiExcerpt(collapsed, more, limit) }
        return characterExcerpt(collapsed, more, limit)
    }

    /// `excerpt` of collapsed text, by characters.
    static func characterExcerpt(_ collapsed: String, _ more: Bool, _ limit: Int) -> String {
        guard more || collapsed.count > limit else { return collapsed }
        var cut = collapsed.prefix(limit - 1)
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit / 2 {
            cut = cut[..<space]
        }
        while let last = cut.last, last.isPunctuation || last.isWhitespace { cut = cut.dropLast() }
        return cut + "…"
    }

    /// `excerpt` of collapsed ASCII text, on bytes: a character is a byte (white space is
    /// collapsed to single spaces, so no CR LF is left).
    static func asciiExcerpt(_ collapsed: String, _ more: Bool, _ limit: Int) -> String {
        guard more || collapsed.utf8.count > limit else { return collapsed }
        var cut = Array(collapsed.utf8.prefix(limit - 1))
        if let space = cut.lastIndex(of: 0x20), space > limit / 2 { cut.removeSubrange(space...) }
        while let last = cut.last, asciiTrimmed[Int(last)] { cut.removeLast() }
        return String(decoding: cut, as: UTF8.self) + "…"
    }

    /// The ASCII characters `excerpt` trims from the end of a cut: what `Character` calls
    /// punctuation or white space.
    private static let asciiTrimmed: [Bool] = (0..<128).map {
        let character = Character(Unicode.Scalar(UInt8($0)))
        return character.isPunctuation || character.isWhitespace
    }

    /// The first `scalars` + 1 scalars of the text with its white space collapsed, and whether
    /// the text went on. Bytes while the text is ASCII (most of it is), scalars after that.
    static func collapseStart(_ text: String, _ scalars: Int) -> (String, Bool) {
        var ascii: [UInt8] = []
        ascii.reserveCapacity(min(text.utf8.count, scalars + 64))
        var pendingSpace = false
        var count = 0
        for byte in text.utf8 {
            if byte >= 0x80 { return collapseScalars(text, scalars) }
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = count > 0
                continue
            }
            if count > scalars { return (String(decoding: ascii, as: UTF8.self), true) }
            if pendingSpace { ascii.append(0x20) }
            pendingSpace = false
            ascii.append(byte)
            count += 1
        }
        return (String(decoding: ascii, as: UTF8.self), false)
    }

    static func collapseScalars(_ text: String, _ limit: Int) -> (String, Bool) {
        // Collapse only the start of the text: a character is at least one scalar.
        var scalars = String.UnicodeScalarView()
        var count = 0
        var pendingSpace = false
        var more = false
        for scalar in text.unicodeScalars {
            if scalar.isUnicodeWhitespace {
                pendingSpace = count > 0
                continue
            }
            if count > limit {
                more = true
                break
            }
            if pendingSpace { scalars.append(" ") }
            pendingSpace = false
            scalars.append(scalar)
            count += 1
        }
        return (String(scalars), more)
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
