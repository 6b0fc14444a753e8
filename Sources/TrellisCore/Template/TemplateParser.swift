/// Turns a template's tokens into a tree: drops the lines that hold only tags (and blanks), as
/// Mustache says, and nests sections, parents and blocks, checking each is closed by its name.
enum TemplateParser {
    static func parse(_ source: String, template: String, indentation: String = "") throws(TemplateError)
        -> [TemplateNode]
    {
        let indented = indentation.isEmpty ? source : indent(source, by: indentation)
        let lexer = TemplateLexer(indented, template: template, columnShift: indentation.count)
        return try tree(withoutStandaloneLines(try lexer.tokens()), template: template)
    }

    /// `indentation` before every line of `source` but an empty last one.
    static func indent(_ source: String, by indentation: String) -> String {
        var out = indentation
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let last = lines.removeLast()
        for line in lines { out += line + "\n" + indentation }
        return last.isEmpty ? String(out.dropLast(indentation.count)) : out + last
    }

    typealias Token = TemplateLexer.Token

    /// A token with what its line says about it.
    struct Item {
        var token: Token
        /// For a tag alone on its line: the blanks before it.
        var indentation = ""
        var standalone = false
        /// For text: whether it starts a line.
        var startsLine = false
    }

    /// A line holding one tag (not a variable) and blanks is left out of the output, its blanks
    /// and line break with it; so is one holding several such tags when one opens or closes a
    /// parent (`{{<parent}}{{/parent}}`). A partial or parent alone on its line indents what it
    /// includes by the blanks before it. A line such as `{{$a}}{{/a}}` keeps its line break, as
    /// it did with the Mustache library Trellis used before.
    static func withoutStandaloneLines(_ tokens: [Token]) -> [Item] {
        var out: [Item] = []
        var line: [Token] = []
        var open: [TemplateLexer.Kind] = []
        func endLine() {
            var tags: [Token] = []
            var blank = true
            var allStandAlone = true
            var touchesParent = false
            for token in line {
                switch token {
                case .text(let text): blank = blank && isBlank(text)
                case .tag(let kind, _, _):
                    tags.append(token)
                    allStandAlone = allStandAlone && kind.canStandAlone
                    let opened = kind == .close ? open.popLast() : kind
                    touchesParent = touchesParent || opened == .parent
                    if [.section, .inverted, .parent, .block].contains(kind) { open.append(kind) }
                }
            }
            if blank, allStandAlone, tags.count == 1 || (tags.count > 1 && touchesParent) {
                var indentation = ""
                if case .text(let text) = line.first { indentation = text }
                out += tags.map { Item(token: $0, indentation: indentation, standalone: true) }
            } else {
                for (index, token) in line.enumerated() { out.append(Item(token: token, startsLine: index == 0)) }
            }
            line.removeAll()
        }
        for token in tokens {
            line.append(token)
            if case .text(let text) = token, text.utf8.last == 0x0A { endLine() }
        }
        endLine()
        return out
    }

    private static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    /// An open section, parent or block, and what it holds so far.
    private struct Open {
        var kind: TemplateLexer.Kind
        var name: String
        var indentation: String
        var position: TemplatePosition
        var nodes: [TemplateNode] = []
        /// A block given to a parent whose tag is alone on its line: its lines lose the
        /// indentation of its first line (`definitionIndent` once known).
        var reindents = false
        var definitionIndent: Int?
    }

    private static func tree(_ items: [Item], template: String) throws(TemplateError) -> [TemplateNode] {
        var stack = [
            Open(
                kind: .section, name: "", indentation: "",
                position: TemplatePosition(template: template, line: 1, column: 1))
        ]
        func add(_ node: TemplateNode) {
            if case .text(let text) = node, case .text(let previous)? = stack[stack.count - 1].nodes.last {
                stack[stack.count - 1].nodes[stack[stack.count - 1].nodes.count - 1] = .text(previous + text)
            } else {
                stack[stack.count - 1].nodes.append(node)
            }
        }
        for item in items {
            let indentation = item.indentation
            switch item.token {
            case .text(let text):
                if item.startsLine, let block = stack.lastIndex(where: \.reindents) {
                    add(.text(dedented(text, &stack[block].definitionIndent)))
                } else {
                    add(.text(text))
                }
            case .tag(let kind, let content, let position):
                switch kind {
                case .comment, .delimiters: break
                case .variable, .unescaped:
                    add(.variable(try name(content, at: position), escaped: kind == .variable, position))
                case .partial: add(.partial(content, indentation: indentation, position))
                case .section, .inverted, .parent, .block:
                    if kind == .section || kind == .inverted { _ = try name(content, at: position) }
                    var open = Open(kind: kind, name: content, indentation: indentation, position: position)
                    open.reindents = kind == .block && item.standalone && stack.last?.kind == .parent
                    stack.append(open)
                case .close:
                    guard stack.count > 1, let open = stack.last, open.name == content else {
                        let expected = stack.count > 1 ? "; `\(stack[stack.count - 1].name)` is open" : ""
                        throw TemplateError(position: position, message: "`{{/\(content)}}` closes nothing\(expected)")
                    }
                    stack.removeLast()
                    add(try node(closing: open))
                }
            }
        }
        if stack.count > 1, let open = stack.last {
            throw TemplateError(
                position: open.position,
                message: "`\(open.name)` is opened here and never closed (no `{{/\(open.name)}}`)")
        }
        return stack[0].nodes
    }

    /// A line of a reindented block without the block's indentation: all its blanks on the
    /// first line (which sets `indent`), at most `indent` of them after.
    private static func dedented(_ text: String, _ indent: inout Int?) -> String {
        let blanks = text.prefix { $0 == " " || $0 == "\t" }.count
        let dropped = indent.map { min($0, blanks) } ?? blanks
        if indent == nil { indent = blanks }
        return String(text.dropFirst(dropped))
    }

    private static func node(closing open: Open) throws(TemplateError) -> TemplateNode {
        switch open.kind {
        case .parent:
            // Only the blocks inside a parent tag count; text and other tags there are ignored.
            var blocks: [String: [TemplateNode]] = [:]
            for case .block(let name, let nodes, _) in open.nodes where blocks[name] == nil { blocks[name] = nodes }
            return .parent(open.name, indentation: open.indentation, blocks: blocks, open.position)
        case .block: return .block(open.name, open.nodes, open.position)
        default:
            return .section(
                try name(open.name, at: open.position), inverted: open.kind == .inverted, open.nodes, open.position)
        }
    }

    private static func name(_ text: String, at position: TemplatePosition) throws(TemplateError) -> TemplateName {
        guard let name = TemplateName(text) else {
            throw TemplateError(position: position, message: "`\(text)` is not a name")
        }
        return name
    }
}
