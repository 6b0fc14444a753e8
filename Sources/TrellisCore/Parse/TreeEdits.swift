/// A change to cmark's tree, decided during the walk and made after it (`applyEdits`, in order),
/// so the iterator never sees a half-edited tree.
enum Edit {
    case replaceText(CmarkNode, [Segment])
    /// Puts markers around a Markdown link or image; cmark still renders the tag itself.
    case wrap(CmarkNode, reference: Int)
    case heading(CmarkNode, level: Int, id: String)
    case anchorParagraph(CmarkNode, id: String)
    case wrapPrevious(CmarkNode, id: String)
    /// A table with a `^id` line right under it: the line goes, the table is wrapped with the id.
    case anchorTable(CmarkNode, idLine: CmarkNode, id: String)
    case callout(CmarkNode, TreeWalker.Callout)
    case task(CmarkNode, mark: Character)
    case table(CmarkNode, TableLayout, lines: [Substring])
    case displayMath(CmarkNode, String)
    /// A Mermaid fence: kept as code (what a reader without the script sees), in a figure that
    /// says it is a diagram and that the theme's script draws it in.
    case diagram(CmarkNode)
    /// A paragraph that only comments made (`TreeWalker.holdsOnlyFiller`).
    case remove(CmarkNode)
    /// `![alt|100x145](url)`: the size's marker before the image, and `|100x145` off its alt text.
    case sizeImage(CmarkNode, ImageSize, suffix: String)
}

extension TreeWalker {
    mutating func applyEdits() {
        for edit in edits {
            switch edit {
            case .replaceText(let node, let segments):
                for segment in segments {
                    switch segment {
                    case .text(let text):
                        guard !text.isEmpty else { continue }
                        let piece = CmarkNode.text(text)
                        node.insertBefore(piece)
                    case .reference(let index):
                        node.insertBefore(CmarkNode.customInline(ReferenceMarker.open(index)))
                    case .html(let html, _):
                        node.insertBefore(CmarkNode.customInline(html))
                    case .cellBreak:
                        node.insertBefore(CmarkNode.customInline(cellBreakMarker))
                    case .delimiter(let id):
                        let (kind, role) = delimiters[id]
                        switch role {
                        case .open: node.insertBefore(CmarkNode.customInline(kind.html.open))
                        case .close: node.insertBefore(CmarkNode.customInline(kind.html.close))
                        case .literal:
                            let piece = CmarkNode.text(kind.text)
                            node.insertBefore(piece)
                        }
                    }
                }
                node.free()
            case .sizeImage(let image, let size, let suffix):
                // The alt text's last node now (an edit of the text may have replaced it).
                if let last = image.lastChild, last.kind == .text, last.literal.hasSuffix(suffix) {
                    last.literal = String(last.literal.dropLast(suffix.count)).trimmingWhitespace()
                }
                image.insertBefore(CmarkNode.customInline(size.marker))
            case .remove(let node):
                node.unlink()
                node.free()
            case .wrap(let node, let index):
                node.insertBefore(CmarkNode.customInline(ReferenceMarker.open(index)))
                node.insertAfter(CmarkNode.customInline(ReferenceMarker.close(index)))
            case .heading(let node, let level, let id):
                let block = CmarkNode.customBlock("", "")
                block.append(CmarkNode.customInline("<h\(level) id=\"\(id)\">"))
                node.moveChildren(to: block)
                block.append(CmarkNode.customInline("</h\(level)>"))
                node.insertBefore(block)
                node.free()
            case .anchorParagraph(let paragraph, let id):
                paragraph.prepend(CmarkNode.customInline(TreeWalker.blockAnchorStart + "\"^\(id)\"></span>"))
                // A list item's first paragraph names the item, with what is nested under it.
                if let item = paragraph.parent, item.kind == .item, item.firstChild == paragraph {
                    blockNodes.append((id, item))
                } else {
                    blockNodes.append((id, paragraph))
                }
            case .anchorTable(let paragraph, let idLine, let id):
                idLine.previous?.free()  // the line break before it
                idLine.free()
                let block = CmarkNode.customBlock("<div class=\"block\" id=\"^\(id)\">", "</div>")
                paragraph.insertBefore(block)
                block.append(paragraph)
                blockNodes.append((id, block))
            case .wrapPrevious(let paragraph, let id):
                guard let previous = paragraph.previous else { continue }
                let block = CmarkNode.customBlock("<div class=\"block\" id=\"^\(id)\">", "</div>")
                previous.insertBefore(block)
                block.append(previous)
                paragraph.free()
                blockNodes.append((id, block))
            case .callout(let quote, let callout):
                buildCallout(quote, callout)
            case .task(let item, let mark):
                markTask(item, mark: mark)
            case .table(let paragraph, let layout, let lines):
                buildTable(paragraph, layout, lines: lines)
            case .displayMath(let paragraph, let tex):
                let block = CmarkNode.customBlock(
                    "<div class=\"math math-display\">\\[\(HTML.escape(tex))\\]</div>", "")
                paragraph.insertBefore(block)
                replaceBlockNode(paragraph, with: block)
                paragraph.free()
            case .diagram(let code):
                let figure = CmarkNode.customBlock(
                    "<figure class=\"diagram\" data-diagram=\"mermaid\">",
                    "<figcaption class=\"diagram-note\">Mermaid diagram, shown as its source</figcaption>\n</figure>")
                code.insertBefore(figure)
                figure.append(code)
            }
        }
        edits.removeAll()
    }

    /// A block with an id is about to be freed and replaced: its id now names the replacement.
    mutating func replaceBlockNode(_ old: CmarkNode, with new: CmarkNode) {
        for index in blockNodes.indices where blockNodes[index].1 == old { blockNodes[index].1 = new }
    }

}
