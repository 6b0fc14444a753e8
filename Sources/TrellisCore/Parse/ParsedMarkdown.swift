/// What the cmark bridge learns from a note's body and the HTML it renders, as plain Swift values.
/// Equatable as a whole (compiler-derived), so a round trip through the build cache is tested
/// field by field without a list of fields that a new one could be missing from.
public struct ParsedMarkdown: Sendable, Equatable {
    public struct Heading: Sendable, Hashable {
        public var level: Int
        public var text: String
        /// The `id` the heading carries in the page, unique within it.
        public var id: String
        public var line: Int
        /// The heading as the note writes it, Markdown and all (`HeadingSource`): what Obsidian
        /// matches a link's `#Heading` with.
        public var written: String
    }

    /// Text of the note for the search index, cut at headings.
    public struct Section: Sendable, Hashable {
        /// The heading the section starts with; nil for the text before the first heading.
        public var headingID: String?
        public var heading: String?
        public var text: String {
            get { storedText.value }
            set { storedText = StoredText(newValue) }
        }
        public var code: String {
            get { storedCode.value }
            set { storedCode = StoredText(newValue) }
        }
        /// Left encoded in the build cache until asked for (see `StoredText`).
        var storedText: StoredText
        var storedCode: StoredText

        public init(headingID: String?, heading: String?, text: String, code: String) {
            self.init(
                headingID: headingID, heading: heading, storedText: StoredText(text), storedCode: StoredText(code))
        }

        init(headingID: String?, heading: String?, storedText: StoredText, storedCode: StoredText) {
            self.headingID = headingID
            self.heading = heading
            self.storedText = storedText
            self.storedCode = storedCode
        }

        public static func == (lhs: Section, rhs: Section) -> Bool {
            (lhs.headingID, lhs.heading, lhs.text, lhs.code) == (rhs.headingID, rhs.heading, rhs.text, rhs.code)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(headingID)
            hasher.combine(heading)
            hasher.combine(text)
            hasher.combine(code)
        }
    }

    public var headings: [Heading] = []
    /// Block ids (`^fifo`) in the note, without the caret.
    public var blockIDs: Set<String> = []
    /// Each block's HTML, for `![[Note#^id]]` embeds.
    public var blockHTML: [String: String] = [:]
    /// Links, embeds and images in document order. The HTML refers to them by index with markers
    /// that `ReferenceRenderer` replaces once every link is resolved.
    public var references: [Reference] = []
    /// The body as HTML with reference markers; empty when rendering was not asked for.
    public var html: String {
        get { storedHTML.value }
        set { storedHTML = StoredText(newValue) }
    }
    /// Left encoded in the build cache until asked for (see `StoredText`).
    var storedHTML = StoredText("")
    /// The text of the first level-1 heading, the title of a note without a frontmatter title.
    public var firstH1: String?
    /// True when the body opens with a level-1 heading, so the page need not repeat its title.
    public var startsWithH1 = false
    public var sections: [Section] = []
    /// The text of the first section that has any: a page's description, a feed entry's summary,
    /// a search result's excerpt.
    public var leadText: String { sections.lazy.map(\.text).first { !$0.isEmpty } ?? "" }

    /// Adds text (a footnote's) to the last section, opening one when the body has none (a note
    /// that is only a footnote reference).
    mutating func appendToLastSection(_ text: String) {
        guard !text.isEmpty else { return }
        if let last = sections.indices.last {
            sections[last].text += sections[last].text.isEmpty ? text : " " + text
        } else {
            sections.append(Section(headingID: nil, heading: nil, text: text, code: ""))
        }
    }
    /// Inline `#tags`, lower-cased, without the `#`, each once.
    public var tags: [String] = []
    /// Every inline tag in order, as the HTML's tag markers count them.
    public var tagMentions: [String] = []
    /// Places where raw HTML was left out (safe mode).
    public var omittedHTML: [SourcePlace] = []
    /// Places where a link's `javascript:` (or similar) URL was emptied.
    public var unsafeURLs: [SourcePlace] = []
    /// Whether the note has math or diagrams, so that only its page loads their scripts.
    public var features: ContentFeatures = []
    /// Formulas whose structure is broken (`MathCheck`).
    public var mathProblems: [MathProblem] = []
}

/// A place in a note's file: 1-based line and character column.
public struct SourcePlace: Sendable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}
