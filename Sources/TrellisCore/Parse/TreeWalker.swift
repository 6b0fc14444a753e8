import Foundation

/// A piece of a text node after Trellis's inline extensions are cut out of it.
enum Segment {
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
enum DelimiterRole {
    case literal, open, close
}

/// Walks cmark's tree once: learns the note (headings, links, sections, block ids, tags) and
/// decides the edits that Trellis's extensions make to the tree, applied after the walk
/// (`applyEdits`), so the walk never sees a half-edited tree.
struct TreeWalker {
    let body: [UInt8]
    let source: SourceText
    let options: MarkdownOptions
    var columns: ColumnFinder
    var parsed = ParsedMarkdown()
    var edits: [Edit] = []
    var blockNodes: [(String, CmarkNode)] = []

    var headingIDs = HeadingIDs()
    var headingText: String?
    var imageAlt: String?
    var linkDepth = 0
    /// The UTF-8 of the section's text so far, a string once the section closes.
    var sectionText: [UInt8] = []
    var sectionCode = ""
    var sectionHeading: (id: String, text: String)?
    var delimiters: [(kind: InlineScanner.Delimiter, role: DelimiterRole)] = []
    var openDelimiters: [CmarkNode: [Int]] = [:]
    var tableParagraph: CmarkNode?
    /// What cmark read differently from `body` (`LinkPrecedence`), if anything.
    var protectedLinks: ProtectedLinks?
    /// Where each text node is in the source, whatever cmark says (`TextLocator`).
    var locator = TextLocator()
    /// Footnote labels defined in the note, and the number each gets when first referenced.
    var footnoteLabels: Set<String> = []
    private(set) var footnoteNumbers: [String: Int] = [:]
    var footnoteReferenceCount: [String: Int] = [:]
    /// Whether the body holds the filler of comments (`Preprocessor.commentFiller`), which the
    /// text must lose.
    var hasCommentFiller = false
    /// Whether an image has a size (`ImageSize`), whose markers the HTML must lose.
    var hasSizedImages = false

    init(body: [UInt8], source: SourceText, options: MarkdownOptions) {
        self.body = body
        self.source = source
        self.options = options
        self.columns = ColumnFinder(source: source)
    }

    mutating func walk(_ document: CmarkDocument) {
        if let first = document.root.firstChild, first.kind == .heading, first.headingLevel == 1 {
            parsed.startsWithH1 = true
        }
        document.walk { node, entering in visit(node, entering: entering) }
        closeSection()
    }

    mutating func visit(_ node: CmarkNode, entering: Bool) {
        switch node.kind {
        case .text:
            visitText(node)
        case .code:
            appendText(node.literal)
        case .softBreak, .lineBreak:
            appendText(" ")
        case .codeBlock:
            let code = node.literal
            sectionCode += code.hasSuffix("\n") ? code : code + "\n"
            if isDiagram(node) {
                parsed.features.insert(.diagram)
                edits.append(.diagram(node))
            }
        case .htmlBlock, .htmlInline:
            let place = position(of: node)
            if !options.unsafeHTML && parsed.omittedHTML.last?.line != place.line { parsed.omittedHTML.append(place) }
        case .heading:
            if entering {
                headingText = ""
            } else {
                finishHeading(node)
            }
        case .link:
            visitLink(node, entering: entering)
        case .image:
            visitImage(node, entering: entering)
        case .paragraph:
            if entering {
                if let (layout, lines) = tableLayout(node) {
                    tableParagraph = node
                    edits.append(.table(node, layout, lines: lines))  // applied after the cells' own edits
                }
            } else {
                sectionText.append(0x0A)
                if hasCommentFiller && Self.holdsOnlyFiller(node) {
                    edits.append(.remove(node))  // after its text's own edits
                } else if tableParagraph == node {
                    tableParagraph = nil
                    moveTableEditToEnd(node)
                } else if let (tex, sourceOffset) = displayMath(node) {
                    noteMath(tex, sourceOffset: sourceOffset)
                    edits.append(.displayMath(node, tex))
                }
            }
        case .item:
            if !entering {
                sectionText.append(0x0A)
                if let mark = taskState(node) { edits.append(.task(node, mark: mark)) }
            }
        case .blockQuote:
            if !entering {
                sectionText.append(0x0A)
                if let callout = calloutType(node) {
                    edits.append(.callout(node, callout))
                    // `> [!note]` then `> $$` on the next line: one paragraph, whose first line
                    // becomes the title; the math is what is left of it once the callout is built.
                    if let paragraph = node.firstChild,
                        let (tex, sourceOffset) = displayMath(paragraph, droppingLines: 1)
                    {
                        noteMath(tex, sourceOffset: sourceOffset)
                        edits.append(.displayMath(paragraph, tex))
                    }
                }
            }
        default:
            break
        }
    }

    // MARK: Text and wiki links

    mutating func visitText(_ node: CmarkNode) {
        let inTable = tableParagraph != nil && node.parent == tableParagraph
        // Most text is plain: nothing to cut out, no block id, no comment, no callout or task
        // mark, nothing cmark read differently. It is only read, where cmark keeps it. (nil: read.)
        let scanned: Bool? = node.withLiteralBytes { bytes in
            let scans = linkDepth == 0 && bytes.count >= 2 && mayHoldExtensions(bytes, inTable: inTable)
            guard !scans, protectedLinks == nil, bytes.first != UInt8(ascii: "["),
                bytes.baseAddress.map({ memchr($0, 0x5E, bytes.count) == nil }) ?? true,
                !(hasCommentFiller && bytes.contains(Preprocessor.commentFiller))
            else { return scans }
            appendText(bytes)
            return nil
        }
        guard let scans = scanned else { return }
        let literal = node.literal
        var text = literal
        var written: String?
        var segments: [Segment] = [.text(text)]
        let bytes = scans || protectedLinks != nil ? Array(literal.utf8) : []
        if !bytes.isEmpty,
            let found = locator.locate(node, literal: bytes, in: protectedLinks?.parsed ?? body, source: source)
        {
            written = protectedLinks?.writtenLiteral(literal, at: found, source: source, written: body)
            if let written { text = written }
            segments = [.text(text)]
            if scans {
                // With protected bytes put back, the text is aligned again: it is `body` it matches.
                let textBytes = written.map { Array($0.utf8) } ?? bytes
                let alignment =
                    written == nil
                    ? found.alignment : RawAlignment(literal: textBytes, raw: body, rawStart: found.start)
                if let alignment {
                    segments = inlineSegments(
                        node, literal: text, bytes: textBytes,
                        at: TextLocator.Found(start: found.start, alignment: alignment), inTable: inTable)
                }
            }
        }
        var filled = false
        if hasCommentFiller, literal.utf8.contains(Preprocessor.commentFiller) {
            segments = Self.droppingFiller(segments, lineStart: literal.utf8.first == Preprocessor.commentFiller)
            filled = true
        }
        let changed =
            filled || written != nil
            || !(segments.count == 1 && { if case .text = segments[0] { true } else { false } }())
        if node.next == nil, let paragraph = node.parent,
            paragraph.kind == .paragraph, text.utf8.containsByte(0x5E),
            case .text(let last) = segments.last, let (kept, id) = BlockID.split(last)
        {
            segments[segments.count - 1] = .text(kept)
            parsed.blockIDs.insert(id)
            let onlyChild = paragraph.firstChild == node && segments.count == 1
            // A `^id` line right under a table: to GFM its last row, to Obsidian the table's id.
            let tableIDLine = tableParagraph == paragraph && segments.count == 1 && kept.trimmingWhitespace().isEmpty
            if onlyChild && kept.trimmingWhitespace().isEmpty && paragraph.previous != nil {
                edits.append(.wrapPrevious(paragraph, id: id))
            } else if tableIDLine, let lineBreak = node.previous, lineBreak.kind == .softBreak {
                edits.append(.anchorTable(paragraph, idLine: node, id: id))
            } else {
                edits.append(.anchorParagraph(paragraph, id: id))
                edits.append(.replaceText(node, segments))
            }
        } else if changed {
            edits.append(.replaceText(node, segments))
        }
        // The text the note reads as: without a callout's `[!type]` or a task's box, which are
        // syntax, nor an embed's target, which the page replaces with what it embeds.
        var marker = blockMarker(node, literal: literal)
        for segment in segments {
            switch segment {
            case .text(let piece):
                appendText(marker.map { piece.hasPrefix($0) ? String(piece.dropFirst($0.count)) : piece } ?? piece)
            case .reference(let index):
                let reference = parsed.references[index]
                if reference.kind != .embed { appendText(displayText(of: reference)) }
            case .html(_, let searchText): appendText(searchText)
            case .delimiter: break
            case .cellBreak: appendText(" ")
            }
            marker = nil
        }
    }

    /// The `[!note]-` that opens a callout, or the `[x]` that opens a task, when `node` is the
    /// text they start.
    /// `literal`: the node's text.
    func blockMarker(_ node: CmarkNode, literal: String) -> String? {
        guard literal.utf8.first == UInt8(ascii: "["), node.previous == nil, let paragraph = node.parent,
            paragraph.kind == .paragraph, paragraph.previous == nil, let container = paragraph.parent
        else { return nil }
        if container.kind == .item, taskState(container) != nil { return String(literal.prefix(3)) }
        guard container.kind == .blockQuote, let callout = calloutType(container),
            let close = literal.firstIndex(of: "]")
        else { return nil }
        var end = literal.index(after: close)
        if callout.fold != nil, end < literal.endIndex { end = literal.index(after: end) }
        return String(literal[..<end])
    }

    /// A cheap test on the bytes before any real scanning: `[[`, `~~`, `==`, `#`, `[^`, `$`, `|`.
    func mayHoldExtensions(_ bytes: UnsafeBufferPointer<UInt8>, inTable: Bool) -> Bool {
        // The bytes that may start one, as bits: most text holds none, and is passed over a byte
        // at a time with one test each.
        let low: UInt64 = 1 << 0x07 | 1 << 0x23 | 1 << 0x24 | 1 << 0x3D  // marker # $ =
        let high: UInt64 = 1 << (0x5B - 0x40) | 1 << (0x5E - 0x40) | 1 << (0x7C - 0x40) | 1 << (0x7E - 0x40)  // [ ^ | ~
        for index in bytes.indices {
            let byte = bytes[index]
            let mask = byte < 0x40 ? low : byte < 0x80 ? high : 0
            guard mask >> (byte & 0x3F) & 1 != 0 else { continue }
            let previous = index > 0 ? bytes[index - 1] : 0
            switch byte {
            case 0x23, 0x24: return true  // # $
            case 0x7C where inTable: return true  // |
            case 0x5B where previous == byte, 0x7E where previous == byte, 0x3D where previous == byte:
                return true  // [[ ~~ ==
            case 0x5E where previous == 0x5B: return true  // [^
            case Preprocessor.inlineFootnoteMarker: return true  // ^[…]
            default: break
            }
        }
        return false
    }

    /// Cuts a text node into text and extensions, reading its raw source so that escapes and
    /// positions are those the author typed.
    /// `literalBytes`: the text's bytes; `found`: where they are in `body` (`TextLocator`).
    mutating func inlineSegments(
        _ node: CmarkNode, literal text: String, bytes literalBytes: [UInt8], at found: TextLocator.Found,
        inTable: Bool
    ) -> [Segment] {
        let (rawStart, alignment) = (found.start, found.alignment)
        let previous = node.previous?.kind
        let atBoundary = previous == nil || previous == .softBreak || previous == .lineBreak
        let before: UInt8? = rawStart > 0 ? body[rawStart - 1] : nil
        let after: UInt8? = alignment.rawEnd < body.count ? body[alignment.rawEnd] : nil
        let found = InlineScanner.scan(
            body[rawStart..<alignment.rawEnd], atBoundary: atBoundary, tableCells: inTable, around: (before, after))
        guard !found.isEmpty else { return [.text(text)] }
        var segments: [Segment] = []
        segments.reserveCapacity(2 * found.count + 1)  // text before each token, the token, text after
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
    mutating func segment(for item: InlineScanner.Found, in node: CmarkNode) -> Segment? {
        switch item.token {
        case .wikiLink(let match):
            let reference = Reference(
                kind: match.isEmbed ? .embed : .wikiLink, target: LinkTarget(parsing: match.target),
                written: match.target, label: match.label,
                line: source.line(ofOffset: item.range.lowerBound),
                column: columns.column(ofOffset: item.range.lowerBound))
            parsed.references.append(reference)
            return .reference(parsed.references.count - 1)
        case .delimiter(let kind, let canOpen, let canClose):
            return .delimiter(pairDelimiter(kind, canOpen: canOpen, canClose: canClose, parent: node.parent))
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
            return .html(
                "<sup class=\"footnote-ref\"><a href=\"#fn-\(number)\" id=\"\(id)\">\(number)</a></sup>", text: "")
        case .inlineFootnote:
            let label = Preprocessor.inlineFootnoteLabel(at: item.range.lowerBound)
            return segment(for: InlineScanner.Found(range: item.range, token: .footnote(label)), in: node)
        case .math(let tex):
            noteMath(tex, sourceOffset: { item.range.lowerBound + 1 + $0 })
            return .html("<span class=\"math math-inline\">\\(\(HTML.escape(tex))\\)</span>", text: tex)
        case .cellBreak:
            return .cellBreak
        }
    }

    /// Pairs `~~`/`==` runs among the children of one parent, so tags always nest.
    mutating func pairDelimiter(
        _ kind: InlineScanner.Delimiter, canOpen: Bool, canClose: Bool, parent: CmarkNode?
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

    func displayText(of reference: Reference) -> String {
        if let label = reference.label, reference.kind == .wikiLink { return HTML.visibleLabel(label) }
        return reference.written
    }

    // MARK: Links, images, headings

    mutating func visitLink(_ node: CmarkNode, entering: Bool) {
        guard entering else {
            linkDepth -= 1
            return
        }
        linkDepth += 1
        addMarkdownReference(node, kind: .markdownLink, label: nil)
    }

    mutating func visitImage(_ node: CmarkNode, entering: Bool) {
        guard entering else {
            linkDepth -= 1
            let alt = imageAlt ?? ""
            imageAlt = nil
            let sized = ImageSize.split(alt)
            addMarkdownReference(node, kind: .markdownImage, label: sized?.alt ?? alt)
            if let sized {
                edits.append(.sizeImage(node, sized.size, suffix: sized.suffix))  // after `.wrap`: inside its markers
                hasSizedImages = true
            }
            return
        }
        linkDepth += 1
        imageAlt = ""
    }

    /// A Markdown link or image to a vault file becomes a reference, its tag wrapped in markers;
    /// a dangerous URL is emptied instead, and an external one left to cmark.
    private mutating func addMarkdownReference(_ node: CmarkNode, kind: Reference.Kind, label: String?) {
        let url = node.url
        if neutraliseIfDangerous(node, url, isImage: kind == .markdownImage) { return }
        guard let (written, target) = InternalURL.parse(url) else { return }
        let place = position(of: node)
        parsed.references.append(
            Reference(
                kind: kind, target: target, written: written, label: label, line: place.line, column: place.column))
        edits.append(.wrap(node, reference: parsed.references.count - 1))
    }

    /// Empties `javascript:`, `vbscript:`, `file:` and (but for images) `data:` URLs, in unsafe
    /// mode too: cmark's safe mode does the same, but raw HTML being allowed is no reason to let a
    /// Markdown link run code.
    mutating func neutraliseIfDangerous(_ node: CmarkNode, _ url: String, isImage: Bool) -> Bool {
        guard URLSafety.isDangerous(url, isImage: isImage) else { return false }
        node.url = ""
        parsed.unsafeURLs.append(position(of: node))
        return true
    }

    mutating func finishHeading(_ node: CmarkNode) {
        let text = (headingText ?? "").trimmingWhitespace()
        headingText = nil
        let level = Int(node.headingLevel)
        let id = headingIDs.next(for: text)
        let line = Int(node.startLine)
        let written = writtenHeading(node)
        parsed.headings.append(
            ParsedMarkdown.Heading(
                level: level, text: text, id: id, line: line, written: written == text ? text : written))
        if level == 1 && parsed.firstH1 == nil { parsed.firstH1 = text }
        edits.append(.heading(node, level: level, id: id))
        closeSection()
        sectionHeading = (id, text)
    }

    mutating func closeSection() {
        let text = String(decoding: sectionText, as: UTF8.self).trimmingWhitespace()
        if !text.isEmpty || !sectionCode.isEmpty || sectionHeading != nil {
            parsed.sections.append(
                ParsedMarkdown.Section(
                    headingID: sectionHeading?.id, heading: sectionHeading?.text, text: text, code: sectionCode))
        }
        sectionText.removeAll(keepingCapacity: true)
        sectionCode = ""
        sectionHeading = nil
    }

    mutating func appendText(_ text: String) {
        var text = hasCommentFiller ? Preprocessor.withoutFiller(text) : text  // (as in math's TeX)
        text.withUTF8 { appendText($0) }
    }

    /// `appendText` of text with no comment filler in it.
    mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>) {
        // An image's alt text, in a heading too: the alt text may give a size.
        if imageAlt != nil { imageAlt! += String(decoding: bytes, as: UTF8.self) }
        if headingText != nil {
            headingText! += String(decoding: bytes, as: UTF8.self)
        } else if imageAlt == nil {
            sectionText.append(contentsOf: bytes)
        }
    }

    // MARK: Block extensions: what they are (decided during the walk)

    /// The raw source lines of a block, from cmark's positions.
    func rawLines(_ node: CmarkNode) -> [Substring] {
        let first = Int(node.startLine)
        let last = Int(node.endLine)
        guard first >= 1, last >= first, last <= source.lineStarts.count else { return [] }
        let start = source.lineStarts[first - 1]
        let end = last < source.lineStarts.count ? source.lineStarts[last] : body.count
        let text = String(decoding: body[start..<end], as: UTF8.self)
        // (A table row of filler alone keeps it: `buildTable` leaves the row out.)
        return text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        )
        .filter { !$0.isEmpty || true }.prefix(last - first + 1).map { $0 }
    }
}
