/// A query cut into terms, and the rule for which index terms each one meets. `search.js` has the
/// same rules (`parseQuery`, `matchWeight`).
///
/// `#word` (after the start or a non-word character) is a tag term: it meets only tag terms, by
/// exact match or prefix. The rest of the query goes through `SearchTokenizer` in query mode.
/// Repeated terms count once.
struct SearchQuery {
    struct Term: Equatable {
        /// The folded term, in UTF-16 units.
        var text: [UInt16]
        /// Its stem (`SearchTokenizer.stem`); the text itself when it has none.
        var stem: [UInt16]
        /// Whether index terms that start with it match.
        var prefix: Bool
        /// A `#tag` term, which meets only tags.
        var tag: Bool

        init(_ text: String, tag: Bool) {
            let units = Array(text.utf16)
            self.text = units
            self.tag = tag
            stem = SearchTokenizer.stemLength(units).map { Array(units[..<$0]) } ?? units
            let first = text.unicodeScalars.first.map(\.value) ?? 0
            prefix = tag || units.count >= SearchScoring.minimumPrefix || SearchTokenizer.isCJK(first)
        }

        /// Every index term the term can meet starts with this; when `prefix` is false only the
        /// term itself can.
        var range: [UInt16] { prefix ? stem : text }
    }

    var terms: [Term] = []

    init(_ query: String, stopWords: Set<String>) {
        var rest = String.UnicodeScalarView()
        var tags: [String] = []
        let scalars = Array(query.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let afterWord = index > 0 && SearchTokenizer.isWordScalar(scalars[index - 1])
            if scalar == "#" && !afterWord {
                var end = index + 1
                while end < scalars.count
                    && (SearchTokenizer.isWordScalar(scalars[end]) || SearchTokenizer.isTagPunctuation(scalars[end]))
                {
                    end += 1
                }
                if end > index + 1,
                    let tag = SearchTokenizer.tagTerm(String(String.UnicodeScalarView(scalars[index..<end])))
                {
                    tags.append(tag)
                }
                rest.append(" ")
                index = end
                continue
            }
            rest.append(scalar)
            index += 1
        }
        let words = SearchTokenizer.tokens(String(rest), mode: .query, stopWords: stopWords)
        for term in tags.map({ Term($0, tag: true) }) + words.map({ Term($0, tag: false) }) where !terms.contains(term)
        {
            terms.append(term)
        }
    }

    /// How `term` meets the index term `candidate`, if it does.
    static func match(_ term: Term, _ candidate: [UInt16]) -> SearchScoring.Match? {
        if candidate == term.text { return .exact }
        if candidate == term.stem { return .stem }
        if let length = SearchTokenizer.stemLength(candidate), length == term.stem.count,
            candidate.starts(with: term.stem)
        {
            return .stem
        }
        if term.prefix && candidate.starts(with: term.text) { return .prefix }
        return nil
    }
}
