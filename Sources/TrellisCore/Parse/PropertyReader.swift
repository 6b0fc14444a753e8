/// Reads the frontmatter fields that are not Trellis's own (`Property.reservedNames`) into
/// `Property` values, and the `[[links]]` in them into references placed at the file line and
/// column of their `[[`, as body links are.
///
/// Obsidian users quote a link (`related: "[[Caching]]"`); unquoted, YAML reads `[[Caching]]` as a
/// list holding a list holding `Caching`. Trellis reads that shape (one list of one plain text) as
/// the link too, and warns: Obsidian does not.
struct PropertyReader {
    let text: String
    let split: FrontmatterSplit
    let file: String
    private(set) var properties: [Property] = []
    private(set) var links: [Reference] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// Lines of the YAML, made when a place is first asked for: most notes have no link in their
    /// frontmatter and nothing to warn of.
    private lazy var yaml = SourceText(decoding: Array(text.utf8))
    /// The YAML's lines as libyaml counts them, for its marks (`YAMLLines`).
    private lazy var yamlLineStarts = YAMLLines.starts(of: yaml.bytes)
    /// The last mark turned into an offset: the next is often on the same line, further on.
    private var lastMark: (line: Int, column: Int, offset: Int)?
    /// Kept, as a note's body keeps its own: thousands of links on one line read it once.
    private lazy var columns = ColumnFinder(source: yaml)
    /// Bytes of text (and nodes) reading may still produce. A YAML alias (`*a`) repeats what its
    /// anchor names, so a few lines can stand for a tree far larger than the file
    /// (`b: [*a, *a, …]`, each `*a` itself a list of aliases): what is read stays in proportion
    /// to what is written, and the rest is left out with a warning.
    private var budget: Int

    init(yaml: String, split: FrontmatterSplit, file: String) {
        text = yaml
        self.split = split
        self.file = file
        budget = 2 * yaml.utf8.count + 1024  // escapes such as `\L` decode longer than written
    }

    mutating func read(_ mapping: [YAMLPair]) {
        var seen: Set<String> = []
        for index in mapping.indices {
            let (key, value) = (mapping[index].key, mapping[index].value)
            guard let name = key.scalar?.text else {
                warn(at: key.mark, "a frontmatter key that is a list or a mapping is not a property; it is left out")
                continue
            }
            // Trellis's own keys first: most frontmatter holds nothing else, and `seen` stays empty.
            guard !Property.isReserved(name), seen.insert(name).inserted else { continue }
            let next = index + 1 < mapping.count ? mapping[index + 1].key.mark : nil
            if let property = property(name, value, before: next) { properties.append(property) }
            guard budget > 0 else {
                warn(
                    at: key.mark,
                    "frontmatter property `\(name)` stands for far more text than is written (YAML aliases "
                        + "repeating a list or a text): it is cut short, and the properties after it are left out")
                return
            }
        }
    }

    /// `next` is where the next value starts (nil: the end of the YAML); this one's links are
    /// looked for before it.
    private mutating func property(_ name: String, _ node: YAMLNode, before next: YAMLMark?) -> Property? {
        if let link = unquotedLink(node) { return Property(name: name, values: [link], isList: false) }
        switch node {
        case .scalar(let scalar):
            let value = pieces(scalar, before: next)
            return value.isEmpty ? nil : Property(name: name, values: [value], isList: false)
        case .sequence(let items, _):
            var values: [[Property.Piece]] = []
            for (index, item) in items.enumerated() {
                guard budget > 0 else {
                    values.append([.text("…")])
                    break
                }
                if let link = unquotedLink(item) {
                    values.append(link)
                } else if let scalar = item.scalar {
                    values.append(pieces(scalar, before: index + 1 < items.count ? items[index + 1].mark : next))
                } else {
                    values.append([.text(compact(item))])
                }
            }
            return Property(name: name, values: values.filter { !$0.isEmpty }, isList: true)
        case .mapping:
            return Property(name: name, values: [[.text(compact(node))]], isList: false)
        }
    }

    /// A null, an empty text: nothing to show.
    private mutating func pieces(_ scalar: YAMLScalar, before next: YAMLMark?) -> [Property.Piece] {
        let text = scalar.text
        budget -= 1 + text.utf8.count
        if text.isEmpty || (scalar.isPlain && ["~", "null", "Null", "NULL"].contains(text)) { return [] }
        if FrontmatterDate(text) != nil { return [.date(text)] }  // quoted too, as the `date` field is read
        if Self.isWebAddress(text) { return [.url(text)] }
        let bytes = Array(text.utf8)
        let matches = WikiLinkScanner.scan(bytes)
        guard !matches.isEmpty else { return [.text(text)] }
        var result: [Property.Piece] = []
        var cursor = 0
        let start = offset(of: scalar.mark)
        var end = next.map { offset(of: $0) } ?? yaml.bytes.count
        if end <= start { end = yaml.bytes.count }  // an alias: its text is written where its anchor is
        var searchFrom = start
        for match in matches {
            if match.range.lowerBound > cursor {
                result.append(.text(String(decoding: bytes[cursor..<match.range.lowerBound], as: UTF8.self)))
            }
            let written = bytes[match.range]
            let place = rawOffset(of: written, in: searchFrom..<end)
            if let place { searchFrom = min(place + written.count, end) }
            result.append(.link(addLink(match, at: place ?? start)))
            cursor = match.range.upperBound
        }
        if cursor < bytes.count { result.append(.text(String(decoding: bytes[cursor...], as: UTF8.self))) }
        return result
    }

    /// `[[Caching]]` unquoted: a list of one list of one plain text, read as the link it was meant
    /// to be, with a warning.
    private mutating func unquotedLink(_ node: YAMLNode) -> [Property.Piece]? {
        guard let outer = node.sequence, outer.count == 1, let inner = outer.first?.sequence, inner.count == 1,
            let scalar = inner.first?.scalar, scalar.isPlain,
            let match = WikiLinkScanner.scan(Array("[[\(scalar.text)]]".utf8)).first
        else { return nil }
        let start = offset(of: node.mark)
        let index = addLink(match, at: start)
        let reference = links[index]
        warn(
            line: reference.line, column: reference.column,
            "unquoted [[\(scalar.text)]] is a list in a list to YAML and to Obsidian; Trellis reads it as a link. "
                + "Quote it: \"[[\(scalar.text)]]\"")
        return [.link(index)]
    }

    private mutating func addLink(_ match: WikiLinkScanner.Match, at offset: Int) -> Int {
        let (line, column) = place(offset)
        links.append(
            Reference(
                kind: .wikiLink, target: LinkTarget(parsing: match.target), written: match.target, label: match.label,
                line: line, column: column))
        return links.count - 1
    }

    // MARK: Places

    /// The byte offset in the YAML of a libyaml mark (1-based line, column in Unicode scalars).
    private mutating func offset(of mark: YAMLMark?) -> Int {
        guard let mark else { return 0 }
        var known: (column: Int, offset: Int)?
        if let last = lastMark, last.line == mark.line, last.column <= mark.column {
            known = (last.column, last.offset)
        }
        let offset = YAMLLines.offset(
            line: mark.line, column: mark.column, in: yaml.bytes, starts: yamlLineStarts, from: known)
        lastMark = (mark.line, mark.column, offset)
        return offset
    }

    /// Where a link's text is written in the YAML, within its value's `range`. When YAML changed
    /// the text (an escape inside the link, a line break folded into a space), its first `[[` is
    /// the place; failing that, nil, and the value's own start stands for it.
    private mutating func rawOffset(of written: ArraySlice<UInt8>, in range: Range<Int>) -> Int? {
        guard range.lowerBound < range.upperBound, range.upperBound <= yaml.bytes.count else { return nil }
        let value = yaml.bytes[range]
        return (value.firstRange(of: written) ?? value.firstRange(of: [0x5B, 0x5B]))?.lowerBound
    }

    /// A YAML byte offset as a file line and character column.
    private mutating func place(_ offset: Int) -> (line: Int, column: Int) {
        let offset = min(max(0, offset), yaml.bytes.count)
        return (split.yamlFirstLine + yaml.line(ofOffset: offset) - 1, columns.column(ofOffset: offset))
    }

    private mutating func warn(at mark: YAMLMark?, _ message: String) {
        let (line, column) = place(offset(of: mark))
        warn(line: line, column: column, message)
    }

    private mutating func warn(line: Int, column: Int, _ message: String) {
        diagnostics.append(
            Diagnostic(file: file, line: line, column: column, severity: .warning, code: .frontmatter, message: message)
        )
    }

    // MARK: Values

    /// `http:`, `https:` or `mailto:` and no space: a link. (`javascript:` and the rest stay text.)
    static func isWebAddress(_ text: String) -> Bool {
        let lowered = text.lowercased()
        guard let scheme = ["http://", "https://", "mailto:"].first(where: { lowered.hasPrefix($0) }),
            !text.contains(where: { $0.isWhitespace || $0.isNewline })
        else { return false }
        return lowered.count > scheme.count  // something after the scheme
    }

    /// A nested list or mapping as short flow-style text (`{a: 1, b: [x, y]}`); deeper than a few
    /// levels, or past the budget, `…`.
    mutating func compact(_ node: YAMLNode, depth: Int = 0) -> String {
        guard depth < 4, budget > 0 else { return "…" }
        budget -= 1
        switch node {
        case .scalar(let scalar):
            budget -= scalar.text.utf8.count
            return scalar.text
        case .sequence(let items, _):
            return "[" + compactEach(items) { $0.compact($1, depth: depth + 1) } + "]"
        case .mapping(let pairs, _):
            let pairs = compactEach(pairs) {
                $0.compact($1.key, depth: depth + 1) + ": " + $0.compact($1.value, depth: depth + 1)
            }
            return "{" + pairs + "}"
        }
    }

    /// The items of a list or mapping as `a, b, c`, stopping with `…` once the budget is spent.
    private mutating func compactEach<Items: Sequence>(
        _ items: Items, _ compactOne: (inout PropertyReader, Items.Element) -> String
    ) -> String {
        var parts: [String] = []
        for item in items {
            guard budget > 0 else {
                parts.append("…")
                break
            }
            parts.append(compactOne(&self, item))
        }
        return parts.joined(separator: ", ")
    }
}
