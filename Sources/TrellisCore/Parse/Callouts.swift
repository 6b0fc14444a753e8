/// Obsidian callouts: `> [!note] Title`, foldable with `+` or `-` after the type; `[!note|wide]`
/// carries `wide` in `data-callout-metadata`, for themes and snippets to style.
extension TreeWalker {
    /// What a callout's `[!…]` says.
    struct Callout {
        var type: String
        /// `+` (open) or `-` (closed) for a foldable callout.
        var fold: Character?
        /// What follows `|` in the brackets.
        var metadata: String?
    }

    /// How a paragraph's block anchor (`Edit.anchorParagraph`) starts.
    static let blockAnchorStart = "<span class=\"block-anchor\" id="

    /// `> [!note] Title`: an Obsidian callout; `+` or `-` after the type makes it foldable.
    func calloutType(_ quote: CmarkNode) -> Callout? {
        guard let paragraph = quote.firstChild, paragraph.kind == .paragraph,
            let text = paragraph.firstChild, text.kind == .text
        else { return nil }
        let value = text.literal
        guard value.hasPrefix("[!"), let close = value.firstIndex(of: "]") else { return nil }
        let inside = value[value.index(value.startIndex, offsetBy: 2)..<close]
        let bar = inside.firstIndex(of: "|")
        let type = inside[..<(bar ?? inside.endIndex)].lowercased()
        guard !type.isEmpty, type.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return nil }
        let metadata = bar.map { String(inside[inside.index(after: $0)...]).trimmingWhitespace() }
        let after = value[value.index(after: close)...].first
        return Callout(
            type: type, fold: after == "+" || after == "-" ? after : nil,
            metadata: metadata?.isEmpty == false ? metadata : nil)
    }

    mutating func buildCallout(_ quote: CmarkNode, _ callout: Callout) {
        let (type, fold) = (callout.type, callout.fold)
        guard let paragraph = quote.firstChild else { return }
        // A `^id` ending the first paragraph has put its anchor first (`anchorParagraph`, made
        // before this edit): it is set aside, and goes back to the body, or to the title when the
        // paragraph is only the title line.
        var anchors: [CmarkNode] = []
        while let node = paragraph.firstChild, node.kind == .customInline, node.onEnter.hasPrefix(Self.blockAnchorStart)
        {
            node.unlink()
            anchors.append(node)
        }
        guard let first = paragraph.firstChild, first.kind == .text else {
            for anchor in anchors.reversed() { paragraph.prepend(anchor) }
            return
        }
        // Drop `[!type]` (and the fold sign) from the first text; the rest of the line is the title.
        var value = first.literal
        if let close = value.firstIndex(of: "]") { value = String(value[value.index(after: close)...]) }
        if let sign = value.first, sign == "+" || sign == "-" { value.removeFirst() }
        value = String(value.drop { $0 == " " || $0 == "\t" })
        first.literal = value
        let title = CmarkNode.customBlock("", "")
        let titleTag = fold == nil ? "div" : "summary"
        title.append(
            CmarkNode.customInline(
                "<\(titleTag) class=\"callout-title\"><span class=\"callout-icon\" aria-hidden=\"true\"></span><span class=\"callout-title-text\">"
            ))
        var hasTitle = false
        while let node = paragraph.firstChild {
            let kind = node.kind
            if kind == .softBreak || kind == .lineBreak {
                node.free()
                break
            }
            if kind != .text || !node.literal.trimmingWhitespace().isEmpty { hasTitle = true }
            title.append(node)
        }
        if !hasTitle {
            let text = CmarkNode.text(type.prefix(1).uppercased() + type.dropFirst())
            title.append(text)
        }
        for anchor in anchors.reversed() {
            if paragraph.firstChild != nil { paragraph.prepend(anchor) } else { title.append(anchor) }
        }
        title.append(CmarkNode.customInline("</span></\(titleTag)>"))
        let data =
            "data-callout=\"\(type)\""
            + (callout.metadata.map { " data-callout-metadata=\"\(HTML.escape($0))\"" } ?? "")
        let opening =
            fold == nil
            ? "<div class=\"callout\" \(data)>"
            : "<details class=\"callout\" \(data)\(fold == "+" ? " open" : "")>"
        let block = CmarkNode.customBlock(opening, fold == nil ? "</div>" : "</details>")
        let content = CmarkNode.customBlock("<div class=\"callout-content\">", "</div>")
        if paragraph.firstChild == nil {
            replaceBlockNode(paragraph, with: block)  // its id, on the title line, names the callout
            paragraph.free()
        }
        quote.moveChildren(to: content)
        block.append(title)
        if content.firstChild != nil { block.append(content) } else { content.free() }
        quote.insertBefore(block)
        quote.free()
    }

}
