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

/// Parses a note's body with cmark (`LinkPrecedence` keeps wiki links whole) and walks the tree once (`TreeWalker`) to learn headings,
/// links and text; rewrites the tree where Trellis extends Markdown (heading ids, wiki links, block
/// ids, callouts, tables, tasks, math), renders HTML with cmark's own renderer, and appends the
/// footnotes. cmark itself is reached only through `Cmark.swift`.
enum CmarkBridge {
    /// `inFootnote`: the text of a footnote, whose own `^[…]` stays text (a footnote's footnotes
    /// would be a second list, with the same ids, inside the first).
    static func parse(body original: [UInt8], source: SourceText, options: MarkdownOptions, inFootnote: Bool = false)
        -> ParsedMarkdown
    {
        var body = original
        var footnotes: [Preprocessor.FootnoteDefinition] = []
        var hasCommentFiller = false
        if Preprocessor.mayApply(to: body) {
            let code = codeRanges(body, source: source, unsafe: options.unsafeHTML)
            footnotes = Preprocessor.apply(
                &body, lineStarts: source.lineStarts, code: code, inlineFootnotes: !inFootnote)
            hasCommentFiller = body.contains(Preprocessor.commentFiller)
        }
        guard let (document, protected) = LinkPrecedence.parse(body, source: source, unsafe: options.unsafeHTML) else {
            return ParsedMarkdown()
        }

        var walker = TreeWalker(body: body, source: source, options: options)
        walker.protectedLinks = protected
        walker.hasCommentFiller = hasCommentFiller
        walker.footnoteLabels = Set(footnotes.map(\.label))
        walker.walk(document)
        var parsed = walker.parsed
        if options.render {
            walker.applyEdits()  // the tree changes only matter to the HTML
            parsed.html = document.root.html(unsafe: options.unsafeHTML)
            for (id, node) in walker.blockNodes { parsed.blockHTML[id] = blockHTML(node, unsafe: options.unsafeHTML) }
            if walker.hasSizedImages {
                parsed.html = ImageSize.apply(to: parsed.html)
                parsed.blockHTML = parsed.blockHTML.mapValues(ImageSize.apply)
            }
            if hasCommentFiller {  // what the walker could not take out of text (in code, say)
                parsed.html = Preprocessor.withoutFiller(parsed.html)
                parsed.blockHTML = parsed.blockHTML.mapValues(Preprocessor.withoutFiller)
            }
        }
        if !walker.footnoteNumbers.isEmpty {
            Footnotes.append(footnotes, numbers: walker.footnoteNumbers, to: &parsed, options: options)
        }
        return parsed
    }

    /// A block's HTML for `![[Note#^id]]`; a list item inside the list tag it needs.
    private static func blockHTML(_ node: CmarkNode, unsafe: Bool) -> String {
        let html = node.html(unsafe: unsafe)
        guard node.kind == .item else { return html }
        let tag = node.parent?.isOrderedList == true ? "ol" : "ul"
        return "<\(tag)>\n" + html + "</\(tag)>\n"
    }

    /// Byte ranges of code blocks, code spans and raw HTML, where comments and footnote
    /// definitions are plain text. Costs a second parse, only for notes that may need it.
    private static func codeRanges(_ body: [UInt8], source: SourceText, unsafe: Bool) -> [Range<Int>] {
        guard let document = CmarkDocument(body, unsafe: unsafe) else { return [] }
        var ranges: [Range<Int>] = []
        document.walk { node, entering in
            guard entering else { return }
            let kind = node.kind
            let startLine = node.startLine
            let endLine = node.endLine
            if kind == .codeBlock || kind == .htmlBlock {
                guard startLine >= 1, startLine <= source.lineStarts.count else { return }
                let end = endLine < source.lineStarts.count ? source.lineStarts[endLine] : body.count
                ranges.append(source.lineStarts[startLine - 1]..<max(end, source.lineStarts[startLine - 1]))
            } else if kind == .code || kind == .htmlInline,
                let start = source.offset(line: startLine, byteColumn: node.startColumn),
                let end = source.offset(line: endLine, byteColumn: node.endColumn)
            {
                ranges.append(max(0, start - 1)..<min(body.count, end + 2))
            }
        }
        return ranges
    }

}
