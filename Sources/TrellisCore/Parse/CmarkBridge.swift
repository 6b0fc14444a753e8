import CCmark
import Foundation

/// How a note's Markdown is read and rendered.
public struct MarkdownOptions: Sendable, Hashable {
    /// Keep raw HTML (cmark's unsafe mode). Off by default, as in Hugo.
    public var unsafeHTML = false
    /// Render HTML; `check` turns this off. It changes only the note's HTML: what the parse
    /// learns of the note (its headings, links, sections and their text) is the same either way,
    /// so every command sees the same note.
    public var render = true

    public init(unsafeHTML: Bool = false, render: Bool = true) {
        self.unsafeHTML = unsafeHTML
        self.render = render
    }
}

/// The only file that talks to cmark. It parses a note's body, walks cmark's tree once to learn
/// headings, links and text, rewrites the tree where Trellis extends Markdown (heading ids, wiki
/// links, block ids), and renders HTML with cmark's own renderer. No C pointer leaves this file.
enum CmarkBridge {
    static func parse(body original: [UInt8], source: SourceText, options: MarkdownOptions) -> ParsedMarkdown {
        let flags = options.unsafeHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        var body = original
        var footnotes: [Preprocessor.FootnoteDefinition] = []
        if Preprocessor.mayApply(to: body) {
            let code = codeRanges(body, source: source, flags: flags)
            footnotes = Preprocessor.apply(&body, lineStarts: source.lineStarts, code: code)
        }
        guard let document = parseDocument(body, flags: flags) else { return ParsedMarkdown() }
        defer { cmark_node_free(document) }

        var walker = TreeWalker(body: body, source: source, options: options)
        walker.footnoteLabels = Set(footnotes.map(\.label))
        walker.walk(document)
        var parsed = walker.parsed
        if options.render {
            walker.applyEdits()  // the tree changes only matter to the HTML
            parsed.html = render(document, flags: flags)
            for (id, node) in walker.blockNodes { parsed.blockHTML[id] = render(node, flags: flags) }
        }
        if !walker.footnoteNumbers.isEmpty {
            appendFootnotes(footnotes, numbers: walker.footnoteNumbers, to: &parsed, options: options)
        }
        return parsed
    }

    private static func parseDocument(_ body: [UInt8], flags: Int32) -> OpaquePointer? {
        body.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parse_document($0, buffer.count, flags)
                }
            } ?? cmark_parse_document("", 0, flags)
        }
    }

    /// Byte ranges of code blocks, code spans and raw HTML, where comments and footnote
    /// definitions are plain text. Costs a second parse, only for notes that may need it.
    private static func codeRanges(_ body: [UInt8], source: SourceText, flags: Int32) -> [Range<Int>] {
        guard let document = parseDocument(body, flags: flags) else { return [] }
        defer { cmark_node_free(document) }
        var ranges: [Range<Int>] = []
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let startLine = Int(cmark_node_get_start_line(node))
            let endLine = Int(cmark_node_get_end_line(node))
            if type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK {
                guard startLine >= 1, startLine <= source.lineStarts.count else { continue }
                let end = endLine < source.lineStarts.count ? source.lineStarts[endLine] : body.count
                ranges.append(source.lineStarts[startLine - 1]..<max(end, source.lineStarts[startLine - 1]))
            } else if type == CMARK_NODE_CODE || type == CMARK_NODE_HTML_INLINE,
                let start = source.offset(line: startLine, byteColumn: Int(cmark_node_get_start_column(node))),
                let end = source.offset(line: endLine, byteColumn: Int(cmark_node_get_end_column(node)))
            {
                ranges.append(max(0, start - 1)..<min(body.count, end + 2))
            }
        }
        return ranges
    }

    /// Renders the referenced footnotes, in the order first referenced, after the body.
    private static func appendFootnotes(
        _ definitions: [Preprocessor.FootnoteDefinition], numbers: [String: Int], to parsed: inout ParsedMarkdown,
        options: MarkdownOptions
    ) {
        var items: [String] = []
        for (label, number) in numbers.sorted(by: { $0.value < $1.value }) {
            guard let definition = definitions.first(where: { $0.label == label }) else { continue }
            var inner = parse(
                body: Array(definition.text.utf8), source: SourceText(decoding: Array(definition.text.utf8)), options: options)
            for index in inner.references.indices {
                if inner.references[index].line == 1 { inner.references[index].column += definition.column - 1 }
                inner.references[index].line += definition.line - 1
            }
            let html = ReferenceMarker.shift(inner.html, references: parsed.references.count, tags: parsed.tagMentions.count)
            parsed.references += inner.references
            parsed.tagMentions += inner.tagMentions
            parsed.appendToLastSection(inner.sections.map(\.text).joined(separator: " "))
            let back = "<a href=\"#fnref-\(number)\" class=\"footnote-backref\" aria-label=\"Back to reference \(number)\">↩</a>"
            items.append("<li id=\"fn-\(number)\">\n\(html)\(back)\n</li>")
        }
        guard !items.isEmpty else { return }
        parsed.html += "<section class=\"footnotes\" role=\"doc-endnotes\">\n<ol>\n" + items.joined(separator: "\n") + "\n</ol>\n</section>\n"
    }

    fileprivate static func render(_ node: OpaquePointer, flags: Int32) -> String {
        guard let html = cmark_render_html(node, flags) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }
}

/// A piece of a text node after Trellis's inline extensions are cut out of it.
private enum Segment {
    case text(String)
    /// A wiki link or embed, by its index in `references`.
    case reference(Int)
    /// HTML Trellis writes itself (a tag link marker, a footnote reference, inline math), and the
    /// text it stands for in the search index.
    case html(String, text: String)
    /// A `~~` or `==` run, by its index in the walker's delimiters; open, close or plain text.
    case delimiter(Int)
    /// A `|` between table cells.
    case cellBreak
}

/// How a `~~`/`==` run was paired.
private enum DelimiterRole {
    case literal, open, close
}

/// A change to cmark's tree, made after the walk so the iterator never sees a half-edited tree.
private enum Edit {
    case replaceText(OpaquePointer, [Segment])
    /// Puts markers around a Markdown link or image; cmark still renders the tag itself.
    case wrap(OpaquePointer, reference: Int)
    case heading(OpaquePointer, level: Int, id: String)
    case anchorParagraph(OpaquePointer, id: String)
    case wrapPrevious(OpaquePointer, id: String)
    case callout(OpaquePointer, type: String, fold: Character?)
    case task(OpaquePointer, checked: Bool)
    case table(OpaquePointer, TableLayout, lines: [Substring])
    case displayMath(OpaquePointer, String)
}

/// Marks a `|` between table cells until the table is assembled: a C0 control character, which no
/// note can contain.
private let cellBreakMarker = "\u{3}"

private struct TreeWalker {
    let body: [UInt8]
    let source: SourceText
    let options: MarkdownOptions
    var parsed = ParsedMarkdown()
    var edits: [Edit] = []
    var blockNodes: [(String, OpaquePointer)] = []

    private var headingIDs = HeadingIDs()
    private var headingText: String?
    private var imageAlt: String?
    private var linkDepth = 0
    private var sectionText = ""
    private var sectionCode = ""
    private var sectionHeading: (id: String, text: String)?
    private var delimiters: [(kind: InlineScanner.Delimiter, role: DelimiterRole)] = []
    private var openDelimiters: [OpaquePointer: [Int]] = [:]
    private var tableParagraph: OpaquePointer?
    /// Footnote labels defined in the note, and the number each gets when first referenced.
    var footnoteLabels: Set<String> = []
    private(set) var footnoteNumbers: [String: Int] = [:]
    private var footnoteReferenceCount: [String: Int] = [:]

    init(body: [UInt8], source: SourceText, options: MarkdownOptions) {
        self.body = body
        self.source = source
        self.options = options
    }

    mutating func walk(_ document: OpaquePointer) {
        if let first = cmark_node_first_child(document), cmark_node_get_type(first) == CMARK_NODE_HEADING,
            cmark_node_get_heading_level(first) == 1
        {
            parsed.startsWithH1 = true
        }
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            visit(node, entering: event == CMARK_EVENT_ENTER)
        }
        closeSection()
    }

    private mutating func visit(_ node: OpaquePointer, entering: Bool) {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT:
            visitText(node)
        case CMARK_NODE_CODE:
            appendText(literal(node))
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            appendText(" ")
        case CMARK_NODE_CODE_BLOCK:
            let code = literal(node)
            sectionCode += code.hasSuffix("\n") ? code : code + "\n"
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
            let place = position(of: node)
            if !options.unsafeHTML && parsed.omittedHTML.last?.line != place.line { parsed.omittedHTML.append(place) }
        case CMARK_NODE_HEADING:
            if entering {
                headingText = ""
            } else {
                finishHeading(node)
            }
        case CMARK_NODE_LINK:
            visitLink(node, entering: entering)
        case CMARK_NODE_IMAGE:
            visitImage(node, entering: entering)
        case CMARK_NODE_PARAGRAPH:
            if entering {
                if let (layout, lines) = tableLayout(node) {
                    tableParagraph = node
                    edits.append(.table(node, layout, lines: lines))  // applied after the cells' own edits
                }
            } else {
                sectionText += "\n"
                if tableParagraph == node {
                    tableParagraph = nil
                    moveTableEditToEnd(node)
                } else if let tex = displayMath(node) {
                    edits.append(.displayMath(node, tex))
                }
            }
        case CMARK_NODE_ITEM:
            if !entering {
                sectionText += "\n"
                if let checked = taskState(node) { edits.append(.task(node, checked: checked)) }
            }
        case CMARK_NODE_BLOCK_QUOTE:
            if !entering {
                sectionText += "\n"
                if let (type, fold) = calloutType(node) { edits.append(.callout(node, type: type, fold: fold)) }
            }
        default:
            break
        }
    }

    // MARK: Text and wiki links

    private mutating func visitText(_ node: OpaquePointer) {
        let text = literal(node)
        var segments: [Segment] = [.text(text)]
        let inTable = tableParagraph != nil && cmark_node_parent(node) == tableParagraph
        if linkDepth == 0, text.utf8.count >= 2, mayHoldExtensions(text.utf8, inTable: inTable) {
            segments = inlineSegments(node, literal: text, inTable: inTable)
        }
        let changed = !(segments.count == 1 && { if case .text = segments[0] { true } else { false } }())
        if cmark_node_next(node) == nil, let paragraph = cmark_node_parent(node),
            cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH, text.utf8.contains(0x5E),
            case .text(let last) = segments.last, let (kept, id) = BlockID.split(last)
        {
            segments[segments.count - 1] = .text(kept)
            parsed.blockIDs.insert(id)
            let onlyChild = cmark_node_first_child(paragraph) == node && segments.count == 1
            if onlyChild && kept.trimmingWhitespace().isEmpty && cmark_node_previous(paragraph) != nil {
                edits.append(.wrapPrevious(paragraph, id: id))
            } else {
                edits.append(.anchorParagraph(paragraph, id: id))
                edits.append(.replaceText(node, segments))
            }
        } else if changed {
            edits.append(.replaceText(node, segments))
        }
        for segment in segments {
            switch segment {
            case .text(let piece): appendText(piece)
            case .reference(let index): appendText(displayText(of: parsed.references[index]))
            case .html(_, let searchText): appendText(searchText)
            case .delimiter: break
            case .cellBreak: appendText(" ")
            }
        }
    }

    /// A cheap test on the bytes before any real scanning: `[[`, `~~`, `==`, `#`, `[^`, `$`, `|`.
    private func mayHoldExtensions(_ text: String.UTF8View, inTable: Bool) -> Bool {
        text.withContiguousStorageIfAvailable { mayHoldExtensions($0, inTable: inTable) }
            ?? Array(text).withUnsafeBufferPointer { mayHoldExtensions($0, inTable: inTable) }
    }

    private func mayHoldExtensions(_ bytes: UnsafeBufferPointer<UInt8>, inTable: Bool) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            switch byte {
            case 0x23, 0x24: return true  // # $
            case 0x7C where inTable: return true  // |
            case 0x5B where previous == byte, 0x7E where previous == byte, 0x3D where previous == byte:
                return true  // [[ ~~ ==
            case 0x5E where previous == 0x5B: return true  // [^
            default: break
            }
            previous = byte
        }
        return false
    }

    /// Cuts a text node into text and extensions, reading its raw source so that escapes and
    /// positions are those the author typed.
    private mutating func inlineSegments(_ node: OpaquePointer, literal text: String, inTable: Bool) -> [Segment] {
        let literalBytes = Array(text.utf8)
        let startLine = Int(cmark_node_get_start_line(node))
        let startColumn = Int(cmark_node_get_start_column(node))
        guard let rawStart = source.offset(line: startLine, byteColumn: startColumn),
            let alignment = RawAlignment(literal: literalBytes, raw: body, rawStart: rawStart)
        else {
            return [.text(text)]
        }
        let previous = cmark_node_previous(node).map(cmark_node_get_type)
        let atBoundary = previous == nil || previous == CMARK_NODE_SOFTBREAK || previous == CMARK_NODE_LINEBREAK
        let found = InlineScanner.scan(body[rawStart..<alignment.rawEnd], atBoundary: atBoundary, tableCells: inTable)
        guard !found.isEmpty else { return [.text(text)] }
        var segments: [Segment] = []
        var literalCursor = 0
        for item in found {
            guard let literalStart = alignment.literalIndex(ofRaw: item.range.lowerBound),
                let literalEnd = alignment.literalIndex(ofRaw: item.range.upperBound),
                literalStart >= literalCursor, let segment = segment(for: item, in: node)
            else { continue }
            if literalStart > literalCursor {
                segments.append(.text(String(decoding: literalBytes[literalCursor..<literalStart], as: UTF8.self)))
            }
            segments.append(segment)
            literalCursor = literalEnd
        }
        if literalCursor < literalBytes.count {
            segments.append(.text(String(decoding: literalBytes[literalCursor...], as: UTF8.self)))
        }
        return segments
    }

    /// What one scanned token becomes; nil leaves it as text (a footnote with no definition).
    private mutating func segment(for item: InlineScanner.Found, in node: OpaquePointer) -> Segment? {
        switch item.token {
        case .wikiLink(let match):
            let reference = Reference(
                kind: match.isEmbed ? .embed : .wikiLink, target: LinkTarget(parsing: match.target),
                written: match.target, label: match.label,
                line: source.line(ofOffset: item.range.lowerBound),
                column: source.characterColumn(ofOffset: item.range.lowerBound))
            parsed.references.append(reference)
            return .reference(parsed.references.count - 1)
        case .delimiter(let kind, let canOpen, let canClose):
            return .delimiter(pairDelimiter(kind, canOpen: canOpen, canClose: canClose, parent: cmark_node_parent(node)))
        case .tag(let name):
            let tag = FrontmatterParser.normaliseTag(name)
            parsed.tagMentions.append(name)
            if !parsed.tags.contains(tag) { parsed.tags.append(tag) }
            return .html(TagMarker.marker(parsed.tagMentions.count - 1), text: "#" + name)
        case .footnote(let label):
            guard footnoteLabels.contains(label) else { return nil }
            let number = footnoteNumbers[label] ?? (footnoteNumbers.count + 1)
            footnoteNumbers[label] = number
            let count = footnoteReferenceCount[label, default: 0] + 1
            footnoteReferenceCount[label] = count
            let id = count == 1 ? "fnref-\(number)" : "fnref-\(number)-\(count)"
            return .html("<sup class=\"footnote-ref\"><a href=\"#fn-\(number)\" id=\"\(id)\">\(number)</a></sup>", text: "")
        case .math(let tex):
            return .html("<span class=\"math math-inline\">\\(\(HTML.escape(tex))\\)</span>", text: tex)
        case .cellBreak:
            return .cellBreak
        }
    }

    /// Pairs `~~`/`==` runs among the children of one parent, so tags always nest.
    private mutating func pairDelimiter(
        _ kind: InlineScanner.Delimiter, canOpen: Bool, canClose: Bool, parent: OpaquePointer?
    ) -> Int {
        let id = delimiters.count
        delimiters.append((kind, .literal))
        guard let parent else { return id }
        var stack = openDelimiters[parent] ?? []
        if canClose, let opener = stack.lastIndex(where: { delimiters[$0].kind == kind }) {
            delimiters[stack[opener]].role = .open
            delimiters[id].role = .close
            stack.removeSubrange(opener...)
        } else if canOpen {
            stack.append(id)
        }
        openDelimiters[parent] = stack
        return id
    }

    private func displayText(of reference: Reference) -> String {
        if let label = reference.label, reference.kind == .wikiLink { return label }
        return reference.written
    }

    // MARK: Links, images, headings

    private mutating func visitLink(_ node: OpaquePointer, entering: Bool) {
        guard entering else {
            linkDepth -= 1
            return
        }
        linkDepth += 1
        let url = String(cString: cmark_node_get_url(node))
        if neutraliseIfDangerous(node, url, isImage: false) { return }
        guard let (written, target) = InternalURL.parse(url) else { return }
        let (line, column) = position(of: node)
        parsed.references.append(
            Reference(kind: .markdownLink, target: target, written: written, label: nil, line: line, column: column))
        edits.append(.wrap(node, reference: parsed.references.count - 1))
    }

    private mutating func visitImage(_ node: OpaquePointer, entering: Bool) {
        guard entering else {
            linkDepth -= 1
            let alt = imageAlt ?? ""
            imageAlt = nil
            let url = String(cString: cmark_node_get_url(node))
            if neutraliseIfDangerous(node, url, isImage: true) { return }
            guard let (written, target) = InternalURL.parse(url) else { return }
            let (line, column) = position(of: node)
            parsed.references.append(
                Reference(kind: .markdownImage, target: target, written: written, label: alt, line: line, column: column))
            edits.append(.wrap(node, reference: parsed.references.count - 1))
            return
        }
        linkDepth += 1
        imageAlt = ""
    }

    /// Empties `javascript:`, `vbscript:`, `file:` and (but for images) `data:` URLs, in unsafe
    /// mode too: cmark's safe mode does the same, but raw HTML being allowed is no reason to let a
    /// Markdown link run code.
    private mutating func neutraliseIfDangerous(_ node: OpaquePointer, _ url: String, isImage: Bool) -> Bool {
        guard URLSafety.isDangerous(url, isImage: isImage) else { return false }
        cmark_node_set_url(node, "")
        parsed.unsafeURLs.append(position(of: node))
        return true
    }

    private mutating func finishHeading(_ node: OpaquePointer) {
        let text = (headingText ?? "").trimmingWhitespace()
        headingText = nil
        let level = Int(cmark_node_get_heading_level(node))
        let id = headingIDs.next(for: text)
        let line = Int(cmark_node_get_start_line(node))
        parsed.headings.append(ParsedMarkdown.Heading(level: level, text: text, id: id, line: line))
        if level == 1 && parsed.firstH1 == nil { parsed.firstH1 = text }
        edits.append(.heading(node, level: level, id: id))
        closeSection()
        sectionHeading = (id, text)
    }

    private mutating func closeSection() {
        let text = sectionText.trimmingWhitespace()
        if !text.isEmpty || !sectionCode.isEmpty || sectionHeading != nil {
            parsed.sections.append(
                ParsedMarkdown.Section(
                    headingID: sectionHeading?.id, heading: sectionHeading?.text, text: text, code: sectionCode))
        }
        sectionText = ""
        sectionCode = ""
        sectionHeading = nil
    }

    private mutating func appendText(_ text: String) {
        if headingText != nil {
            headingText! += text
        } else if imageAlt != nil {
            imageAlt! += text
        } else {
            sectionText += text
        }
    }

    private func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private func position(of node: OpaquePointer) -> (line: Int, column: Int) {
        let line = Int(cmark_node_get_start_line(node))
        let byteColumn = Int(cmark_node_get_start_column(node))
        guard let offset = source.offset(line: line, byteColumn: byteColumn) else { return (line, byteColumn) }
        return (line, source.characterColumn(ofOffset: offset))
    }

    // MARK: Block extensions: what they are (decided during the walk)

    /// The raw source lines of a block, from cmark's positions.
    private func rawLines(_ node: OpaquePointer) -> [Substring] {
        let first = Int(cmark_node_get_start_line(node))
        let last = Int(cmark_node_get_end_line(node))
        guard first >= 1, last >= first, last <= source.lineStarts.count else { return [] }
        let start = source.lineStarts[first - 1]
        let end = last < source.lineStarts.count ? source.lineStarts[last] : body.count
        let text = String(decoding: body[start..<end], as: UTF8.self)
        return text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .filter { !$0.isEmpty || true }.prefix(last - first + 1).map { $0 }
    }

    private func tableLayout(_ paragraph: OpaquePointer) -> (TableLayout, [Substring])? {
        guard linkDepth == 0, cmark_node_get_end_line(paragraph) > cmark_node_get_start_line(paragraph) else { return nil }
        let lines = rawLines(paragraph).map { stripContainerPrefix($0, paragraph) }
        guard let layout = TableLayout(lines: lines) else { return nil }
        return (layout, lines)
    }

    /// A table inside a list item or quote: its lines without the indentation or `>` before them.
    private func stripContainerPrefix(_ line: Substring, _ node: OpaquePointer) -> Substring {
        let column = Int(cmark_node_get_start_column(node))
        guard column > 1 else { return line }
        let bytes = line.utf8
        let cut = bytes.index(bytes.startIndex, offsetBy: min(column - 1, bytes.count))
        let prefix = line[..<cut]
        return prefix.allSatisfy { $0 == " " || $0 == ">" || $0 == "\t" } ? line[cut...] : line
    }

    private mutating func moveTableEditToEnd(_ paragraph: OpaquePointer) {
        guard let index = edits.lastIndex(where: { if case .table(let node, _, _) = $0 { node == paragraph } else { false } })
        else { return }
        edits.append(edits.remove(at: index))
    }

    /// `$$ … $$` filling a whole paragraph is display math.
    private func displayMath(_ paragraph: OpaquePointer) -> String? {
        guard let first = cmark_node_first_child(paragraph), cmark_node_get_type(first) == CMARK_NODE_TEXT,
            literal(first).hasPrefix("$$")
        else { return nil }
        let text = rawLines(paragraph).map { stripContainerPrefix($0, paragraph) }.joined(separator: "\n").trimmingWhitespace()
        guard text.count > 4, text.hasPrefix("$$"), text.hasSuffix("$$") else { return nil }
        return String(text.dropFirst(2).dropLast(2)).trimmingWhitespace()
    }

    /// `- [ ] task` and `- [x] done`: GFM task list items.
    private func taskState(_ item: OpaquePointer) -> Bool? {
        guard let paragraph = cmark_node_first_child(item), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
            let text = cmark_node_first_child(paragraph), cmark_node_get_type(text) == CMARK_NODE_TEXT
        else { return nil }
        let value = literal(text)
        let box = value.prefix(3)
        guard box == "[ ]" || box == "[x]" || box == "[X]" else { return nil }
        let rest = value.dropFirst(3)
        guard rest.isEmpty ? cmark_node_next(text) != nil : rest.first == " " || rest.first == "\t" else { return nil }
        return box != "[ ]"
    }

    /// `> [!note] Title`: an Obsidian callout; `+` or `-` after the type makes it foldable.
    private func calloutType(_ quote: OpaquePointer) -> (String, Character?)? {
        guard let paragraph = cmark_node_first_child(quote), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
            let text = cmark_node_first_child(paragraph), cmark_node_get_type(text) == CMARK_NODE_TEXT
        else { return nil }
        let value = literal(text)
        guard value.hasPrefix("[!"), let close = value.firstIndex(of: "]") else { return nil }
        let type = value[value.index(value.startIndex, offsetBy: 2)..<close].lowercased()
        guard !type.isEmpty, type.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return nil }
        let after = value[value.index(after: close)...].first
        return (type, after == "+" || after == "-" ? after : nil)
    }

    // MARK: Rewriting the tree

    mutating func applyEdits() {
        for edit in edits {
            switch edit {
            case .replaceText(let node, let segments):
                for segment in segments {
                    switch segment {
                    case .text(let text):
                        guard !text.isEmpty else { continue }
                        let piece = cmark_node_new(CMARK_NODE_TEXT)
                        cmark_node_set_literal(piece, text)
                        cmark_node_insert_before(node, piece)
                    case .reference(let index):
                        cmark_node_insert_before(node, customInline(ReferenceMarker.open(index)))
                    case .html(let html, _):
                        cmark_node_insert_before(node, customInline(html))
                    case .cellBreak:
                        cmark_node_insert_before(node, customInline(cellBreakMarker))
                    case .delimiter(let id):
                        let (kind, role) = delimiters[id]
                        switch role {
                        case .open: cmark_node_insert_before(node, customInline(kind.html.open))
                        case .close: cmark_node_insert_before(node, customInline(kind.html.close))
                        case .literal:
                            let piece = cmark_node_new(CMARK_NODE_TEXT)
                            cmark_node_set_literal(piece, kind.text)
                            cmark_node_insert_before(node, piece)
                        }
                    }
                }
                cmark_node_free(node)
            case .wrap(let node, let index):
                cmark_node_insert_before(node, customInline(ReferenceMarker.open(index)))
                cmark_node_insert_after(node, customInline(ReferenceMarker.close(index)))
            case .heading(let node, let level, let id):
                let block = customBlock("", "")
                cmark_node_append_child(block, customInline("<h\(level) id=\"\(id)\">"))
                moveChildren(of: node, to: block)
                cmark_node_append_child(block, customInline("</h\(level)>"))
                cmark_node_insert_before(node, block)
                cmark_node_free(node)
            case .anchorParagraph(let paragraph, let id):
                cmark_node_prepend_child(paragraph, customInline("<span class=\"block-anchor\" id=\"^\(id)\"></span>"))
                blockNodes.append((id, paragraph))
            case .wrapPrevious(let paragraph, let id):
                guard let previous = cmark_node_previous(paragraph) else { continue }
                let block = customBlock("<div class=\"block\" id=\"^\(id)\">", "</div>")
                cmark_node_insert_before(previous, block)
                cmark_node_append_child(block, previous)
                cmark_node_free(paragraph)
                blockNodes.append((id, block))
            case .callout(let quote, let type, let fold):
                buildCallout(quote, type: type, fold: fold)
            case .task(let item, let checked):
                markTask(item, checked: checked)
            case .table(let paragraph, let layout, let lines):
                buildTable(paragraph, layout, lines: lines)
            case .displayMath(let paragraph, let tex):
                let block = customBlock("<div class=\"math math-display\">\\[\(HTML.escape(tex))\\]</div>", "")
                cmark_node_insert_before(paragraph, block)
                replaceBlockNode(paragraph, with: block)
                cmark_node_free(paragraph)
            }
        }
        edits.removeAll()
    }

    // MARK: Block extensions: building them (after the walk)

    /// A block with an id is about to be freed and replaced: its id now names the replacement.
    private mutating func replaceBlockNode(_ old: OpaquePointer, with new: OpaquePointer) {
        for index in blockNodes.indices where blockNodes[index].1 == old { blockNodes[index].1 = new }
    }

    private func buildCallout(_ quote: OpaquePointer, type: String, fold: Character?) {
        guard let paragraph = cmark_node_first_child(quote), let first = cmark_node_first_child(paragraph),
            cmark_node_get_type(first) == CMARK_NODE_TEXT
        else { return }
        // Drop `[!type]` (and the fold sign) from the first text; the rest of the line is the title.
        var value = literal(first)
        if let close = value.firstIndex(of: "]") { value = String(value[value.index(after: close)...]) }
        if let sign = value.first, sign == "+" || sign == "-" { value.removeFirst() }
        value = String(value.drop { $0 == " " || $0 == "\t" })
        cmark_node_set_literal(first, value)
        let title = customBlock("", "")
        let titleTag = fold == nil ? "div" : "summary"
        cmark_node_append_child(title, customInline("<\(titleTag) class=\"callout-title\"><span class=\"callout-icon\" aria-hidden=\"true\"></span><span class=\"callout-title-text\">"))
        var hasTitle = false
        while let node = cmark_node_first_child(paragraph) {
            let kind = cmark_node_get_type(node)
            if kind == CMARK_NODE_SOFTBREAK || kind == CMARK_NODE_LINEBREAK {
                cmark_node_free(node)
                break
            }
            if kind != CMARK_NODE_TEXT || !literal(node).trimmingWhitespace().isEmpty { hasTitle = true }
            cmark_node_append_child(title, node)
        }
        if !hasTitle {
            let text = cmark_node_new(CMARK_NODE_TEXT)
            cmark_node_set_literal(text, type.prefix(1).uppercased() + type.dropFirst())
            cmark_node_append_child(title, text)
        }
        cmark_node_append_child(title, customInline("</span></\(titleTag)>"))
        let opening =
            fold == nil
            ? "<div class=\"callout\" data-callout=\"\(type)\">"
            : "<details class=\"callout\" data-callout=\"\(type)\"\(fold == "+" ? " open" : "")>"
        let callout = customBlock(opening, fold == nil ? "</div>" : "</details>")
        let content = customBlock("<div class=\"callout-content\">", "</div>")
        if cmark_node_first_child(paragraph) == nil { cmark_node_free(paragraph) }
        moveChildren(of: quote, to: content)
        cmark_node_append_child(callout, title)
        if cmark_node_first_child(content) != nil { cmark_node_append_child(callout, content) } else { cmark_node_free(content) }
        cmark_node_insert_before(quote, callout)
        cmark_node_free(quote)
    }

    private func markTask(_ item: OpaquePointer, checked: Bool) {
        guard let paragraph = cmark_node_first_child(item), let text = cmark_node_first_child(paragraph),
            cmark_node_get_type(text) == CMARK_NODE_TEXT
        else { return }
        cmark_node_set_literal(text, String(literal(text).dropFirst(3)))
        let box = checked ? "<input checked=\"\" disabled=\"\" type=\"checkbox\">" : "<input disabled=\"\" type=\"checkbox\">"
        cmark_node_prepend_child(paragraph, customInline(box))
    }

    /// Splits the paragraph's inline nodes into rows (at line breaks) and cells (at the `|`
    /// markers), and rebuilds them as a table.
    private mutating func buildTable(_ paragraph: OpaquePointer, _ layout: TableLayout, lines: [Substring]) {
        var rows: [[[OpaquePointer]]] = [[[]]]
        while let node = cmark_node_first_child(paragraph) {
            cmark_node_unlink(node)
            let kind = cmark_node_get_type(node)
            if kind == CMARK_NODE_SOFTBREAK || kind == CMARK_NODE_LINEBREAK {
                cmark_node_free(node)
                rows.append([[]])
            } else if kind == CMARK_NODE_CUSTOM_INLINE, String(cString: cmark_node_get_on_enter(node)) == cellBreakMarker {
                cmark_node_free(node)
                rows[rows.count - 1].append([])
            } else {
                rows[rows.count - 1][rows[rows.count - 1].count - 1].append(node)
            }
        }
        let table = customBlock("<table>", "</table>")
        for (index, var cells) in rows.enumerated() {
            if index == 1 {  // the delimiter row
                cells.joined().forEach { cmark_node_free($0) }
                continue
            }
            let line = index < lines.count ? lines[index].trimmingWhitespaceSubstring() : ""
            if line.hasPrefix("|"), cells.count > 1 { cells.removeFirst().forEach { cmark_node_free($0) } }
            if line.hasSuffix("|"), !line.hasSuffix("\\|"), cells.count > 1 { cells.removeLast().forEach { cmark_node_free($0) } }
            let row = customBlock("<tr>", "</tr>")
            let tag = index == 0 ? "th" : "td"
            for (column, alignment) in layout.alignments.enumerated() {
                let cell = customBlock("", "")
                cmark_node_append_child(cell, customInline("<\(tag)\(alignment.attribute)>"))
                let nodes = column < cells.count ? cells[column] : []
                for node in nodes { cmark_node_append_child(cell, node) }
                trimCell(nodes)
                cmark_node_append_child(cell, customInline("</\(tag)>"))
                cmark_node_append_child(row, cell)
            }
            for extra in cells.dropFirst(layout.alignments.count) { extra.forEach { cmark_node_free($0) } }
            if index == 0 {
                let head = customBlock("<thead>", "</thead>")
                cmark_node_append_child(head, row)
                cmark_node_append_child(table, head)
            } else {
                if index == 2 { cmark_node_append_child(table, customBlock("<tbody>", "</tbody>")) }
                cmark_node_append_child(cmark_node_last_child(table), row)
            }
        }
        cmark_node_insert_before(paragraph, table)
        replaceBlockNode(paragraph, with: table)
        cmark_node_free(paragraph)
    }

    /// Trims the white space around a cell's content, and unescapes `\|` in its code spans.
    private func trimCell(_ nodes: [OpaquePointer]) {
        for node in nodes where cmark_node_get_type(node) == CMARK_NODE_CODE {
            let value = literal(node)
            if value.contains("\\|") { cmark_node_set_literal(node, value.replacingOccurrences(of: "\\|", with: "|")) }
        }
        if let first = nodes.first, cmark_node_get_type(first) == CMARK_NODE_TEXT {
            cmark_node_set_literal(first, String(literal(first).drop { $0 == " " || $0 == "\t" }))
        }
        if let last = nodes.last, cmark_node_get_type(last) == CMARK_NODE_TEXT {
            var value = literal(last)
            while let end = value.last, end == " " || end == "\t" { value.removeLast() }
            cmark_node_set_literal(last, value)
        }
    }

    private func customInline(_ enter: String, exit: String = "") -> OpaquePointer {
        let node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        return node
    }

    private func customBlock(_ enter: String, _ exit: String) -> OpaquePointer {
        let node = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        return node
    }

    private func moveChildren(of node: OpaquePointer, to destination: OpaquePointer) {
        while let child = cmark_node_first_child(node) {
            cmark_node_append_child(destination, child)
        }
    }
}
