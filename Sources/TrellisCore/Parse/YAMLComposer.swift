internal import CYaml

/// A libyaml mark: 1-based line, and 1-based column in Unicode scalars, as Yams gives them.
struct YAMLMark: Equatable {
    let line: Int
    let column: Int
}

/// A scalar as frontmatter reads it: its text, whether it was written plain (unquoted, so `null`
/// and `true` mean something), and where it starts.
struct YAMLScalar {
    let string: String
    let isPlain: Bool
    let mark: YAMLMark
}

/// A YAML node as frontmatter reads it. Tags and anchors are not kept: Trellis reads every value
/// as text (`FrontmatterParser.resolver`), and an alias is the node its anchor names.
indirect enum YAMLNode {
    case scalar(YAMLScalar)
    case sequence([YAMLNode], mark: YAMLMark)
    case mapping([YAMLPair], mark: YAMLMark)

    var scalar: YAMLScalar? { if case .scalar(let scalar) = self { scalar } else { nil } }
    var sequence: [YAMLNode]? { if case .sequence(let items, _) = self { items } else { nil } }
    var mapping: [YAMLPair]? { if case .mapping(let pairs, _) = self { pairs } else { nil } }

    var mark: YAMLMark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .sequence(_, let mark), .mapping(_, let mark): mark
        }
    }
}

/// A key of a mapping and its value.
struct YAMLPair {
    let key: YAMLNode
    let value: YAMLNode
}

/// Builds the node tree of a frontmatter block from libyaml's events, as `Yams.compose` does with
/// `Resolver.basic`, without Yams's per-node tags, anchors and hashing (which made up most of the
/// frontmatter's cost in `check`). It is the same parser: Yams is libyaml with a Swift composer.
///
/// Anything it is unsure of is left to Yams, which states the problem: a libyaml error, an alias
/// to no anchor, a second document, or two keys of a mapping that may be equal. (Yams compares
/// keys with their tags; this composer only knows that keys with different texts differ.)
enum YAMLComposer {
    enum Outcome {
        /// The root node, nil for a block of comments only.
        case composed(YAMLNode?)
        /// The tree, should Yams find that the keys it flags are not duplicates after all.
        case possibleDuplicateKeys(YAMLNode?)
        /// Yams will throw the error to report.
        case failed
    }

    static func compose(_ yaml: String) -> Outcome {
        var yaml = yaml
        return yaml.withUTF8 { bytes in
            let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            defer { parser.deallocate() }
            guard yaml_parser_initialize(parser) == 1 else { return .failed }
            defer { yaml_parser_delete(parser) }
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
            var composer = EventComposer(parser: parser)
            return composer.document()
        }
    }
}

/// One pass over the events: `document()` follows `Yams.Parser.singleRoot`, event for event.
private struct EventComposer {
    let parser: UnsafeMutablePointer<yaml_parser_t>
    private var anchors: [String: YAMLNode] = [:]
    private var mayHaveDuplicateKeys = false

    init(parser: UnsafeMutablePointer<yaml_parser_t>) { self.parser = parser }

    private struct Failure: Error {}

    mutating func document() -> YAMLComposer.Outcome {
        do {
            try skip(YAML_STREAM_START_EVENT)
            var root: YAMLNode?
            var event = try next()  // the document's start, or the end of an empty stream
            let isEmpty = event.type == YAML_STREAM_END_EVENT
            yaml_event_delete(&event)
            if !isEmpty {
                root = try node(from: try next())
                try skip(YAML_DOCUMENT_END_EVENT)
                try skip(YAML_STREAM_END_EVENT)  // a second document is an error to Yams
            }
            return mayHaveDuplicateKeys ? .possibleDuplicateKeys(root) : .composed(root)
        } catch {
            return .failed
        }
    }

    private mutating func next() throws(Failure) -> yaml_event_t {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw Failure() }
        return event
    }

    /// The next event, or nil at the `end` of a list or mapping.
    private mutating func next(before end: yaml_event_type_t) throws(Failure) -> yaml_event_t? {
        var event = try next()
        guard event.type == end else { return event }
        yaml_event_delete(&event)
        return nil
    }

    private mutating func skip(_ type: yaml_event_type_t) throws(Failure) {
        var event = try next()
        defer { yaml_event_delete(&event) }
        guard event.type == type else { throw Failure() }
    }

    /// The node that starts with `first`, which this call deletes.
    private mutating func node(from first: yaml_event_t) throws(Failure) -> YAMLNode {
        var first = first
        defer { yaml_event_delete(&first) }
        let mark = YAMLMark(line: Int(first.start_mark.line) + 1, column: Int(first.start_mark.column) + 1)
        let built: YAMLNode
        let anchor: UnsafeMutablePointer<yaml_char_t>?
        switch first.type {
        case YAML_ALIAS_EVENT:
            guard let name = Self.text(first.data.alias.anchor), let target = anchors[name] else { throw Failure() }
            return target
        case YAML_SCALAR_EVENT:
            let scalar = first.data.scalar
            let value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            let isPlain = scalar.style == YAML_PLAIN_SCALAR_STYLE || scalar.style == YAML_ANY_SCALAR_STYLE
            built = .scalar(YAMLScalar(string: value, isPlain: isPlain, mark: mark))
            anchor = scalar.anchor
        case YAML_SEQUENCE_START_EVENT:
            var items: [YAMLNode] = []
            while let event = try next(before: YAML_SEQUENCE_END_EVENT) { items.append(try node(from: event)) }
            built = .sequence(items, mark: mark)
            anchor = first.data.sequence_start.anchor
        case YAML_MAPPING_START_EVENT:
            var pairs: [YAMLPair] = []
            while let event = try next(before: YAML_MAPPING_END_EVENT) {
                let key = try node(from: event)
                pairs.append(YAMLPair(key: key, value: try node(from: try next())))
            }
            if !mayHaveDuplicateKeys { mayHaveDuplicateKeys = Self.mayRepeat(pairs) }
            built = .mapping(pairs, mark: mark)
            anchor = first.data.mapping_start.anchor
        default:
            throw Failure()
        }
        // After the node, as Yams does: an alias inside its own anchor's node names nothing yet.
        if let name = Self.text(anchor) { anchors[name] = built }
        return built
    }

    /// Whether two keys may be equal to Yams: two texts alike, or two lists or two mappings.
    private static func mayRepeat(_ pairs: [YAMLPair]) -> Bool {
        guard pairs.count > 1 else { return false }
        var sequences = 0
        var mappings = 0
        for pair in pairs {
            switch pair.key {
            case .scalar: break
            case .sequence: sequences += 1
            case .mapping: mappings += 1
            }
        }
        if sequences > 1 || mappings > 1 { return true }
        let texts = pairs.compactMap { $0.key.scalar?.string }
        // A dozen keys at most, as a rule: comparing them costs less than hashing them.
        guard texts.count > 16 else {
            return texts.indices.contains { index in texts[..<index].contains(texts[index]) }
        }
        return Set(texts).count < texts.count
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
