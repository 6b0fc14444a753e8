import CCmark
import Foundation

/// How a note's Markdown is read and rendered.
public struct MarkdownOptions: Sendable, Hashable {
    /// Keep raw HTML (cmark's unsafe mode). Off by default, as in Hugo.
    public var unsafeHTML = false
    /// Render HTML; `check` turns this off and only learns the note.
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
    static func parse(body: [UInt8], source: SourceText, options: MarkdownOptions) -> ParsedMarkdown {
        let flags = options.unsafeHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        let document: OpaquePointer? = body.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parse_document($0, buffer.count, flags)
                }
            } ?? cmark_parse_document("", 0, flags)
        }
        guard let document else { return ParsedMarkdown() }
        defer { cmark_node_free(document) }

        var walker = TreeWalker(body: body, source: source, options: options)
        walker.walk(document)
        walker.applyEdits()
        var parsed = walker.parsed
        if options.render {
            parsed.html = render(document, flags: flags)
            for (id, node) in walker.blockNodes { parsed.blockHTML[id] = render(node, flags: flags) }
        }
        return parsed
    }

    fileprivate static func render(_ node: OpaquePointer, flags: Int32) -> String {
        guard let html = cmark_render_html(node, flags) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }
}

/// A piece of a text node after wiki links are cut out of it.
private enum Segment {
    case text(String)
    case reference(Int)
}

/// A change to cmark's tree, made after the walk so the iterator never sees a half-edited tree.
private enum Edit {
    case replaceText(OpaquePointer, [Segment])
    /// Puts markers around a Markdown link or image; cmark still renders the tag itself.
    case wrap(OpaquePointer, reference: Int)
    case heading(OpaquePointer, level: Int, id: String)
    case anchorParagraph(OpaquePointer, id: String)
    case wrapPrevious(OpaquePointer, id: String)
}

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
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_ITEM, CMARK_NODE_BLOCK_QUOTE:
            if !entering { sectionText += "\n" }
        default:
            break
        }
    }

    // MARK: Text and wiki links

    private mutating func visitText(_ node: OpaquePointer) {
        let text = literal(node)
        var segments: [Segment] = [.text(text)]
        var changedByLinks = false
        if linkDepth == 0, text.utf8.count >= 4, text.utf8.containsPair(0x5B, 0x5B) {
            segments = wikiLinkSegments(node, literal: text)
            changedByLinks = segments.contains { if case .reference = $0 { true } else { false } }
        }
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
        } else if changedByLinks {
            edits.append(.replaceText(node, segments))
        }
        for segment in segments {
            switch segment {
            case .text(let piece): appendText(piece)
            case .reference(let index): appendText(displayText(of: parsed.references[index]))
            }
        }
    }

    /// Cuts a text node into text and wiki links, reading its raw source so that escapes and
    /// positions are those the author typed.
    private mutating func wikiLinkSegments(_ node: OpaquePointer, literal text: String) -> [Segment] {
        let literalBytes = Array(text.utf8)
        let startLine = Int(cmark_node_get_start_line(node))
        let startColumn = Int(cmark_node_get_start_column(node))
        guard let rawStart = source.offset(line: startLine, byteColumn: startColumn),
            let alignment = RawAlignment(literal: literalBytes, raw: body, rawStart: rawStart)
        else {
            return [.text(text)]
        }
        let matches = WikiLinkScanner.scan(body[rawStart..<alignment.rawEnd])
        guard !matches.isEmpty else { return [.text(text)] }
        var segments: [Segment] = []
        var literalCursor = 0
        for match in matches {
            guard let literalStart = alignment.literalIndex(ofRaw: match.range.lowerBound),
                let literalEnd = alignment.literalIndex(ofRaw: match.range.upperBound),
                literalStart >= literalCursor
            else { continue }
            if literalStart > literalCursor {
                segments.append(.text(String(decoding: literalBytes[literalCursor..<literalStart], as: UTF8.self)))
            }
            let reference = Reference(
                kind: match.isEmbed ? .embed : .wikiLink, target: LinkTarget(parsing: match.target),
                written: match.target, label: match.label,
                line: source.line(ofOffset: match.range.lowerBound),
                column: source.characterColumn(ofOffset: match.range.lowerBound))
            parsed.references.append(reference)
            segments.append(.reference(parsed.references.count - 1))
            literalCursor = literalEnd
        }
        if literalCursor < literalBytes.count {
            segments.append(.text(String(decoding: literalBytes[literalCursor...], as: UTF8.self)))
        }
        return segments
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
            }
        }
        edits.removeAll()
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
