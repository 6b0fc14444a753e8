/// Obsidian callouts: `> [!note] Title`, foldable with `+` or `-` after the type.
extension TreeWalker {
    /// `> [!note] Title`: an Obsidian callout; `+` or `-` after the type makes it foldable.
    func calloutType(_ quote: CmarkNode) -> (String, Character?)? {
        guard let paragraph = quote.firstChild, paragraph.kind == .paragraph,
            let text = paragraph.firstChild, text.kind == .text
        else { return nil }
        let value = text.literal
        guard value.hasPrefix("[!"), let close = value.firstIndex(of: "]") else { return nil }
        let type = value[value.index(value.startIndex, offsetBy: 2)..<close].lowercased()
        guard !type.isEmpty, type.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return nil }
        let after = value[value.index(after: close)...].first
        return (type, after == "+" || after == "-" ? after : nil)
    }

    func buildCallout(_ quote: CmarkNode, type: String, fold: Character?) {
        guard let paragraph = quote.firstChild, let first = paragraph.firstChild,
            first.kind == .text
        else { return }
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
        title.append(CmarkNode.customInline("</span></\(titleTag)>"))
        let opening =
            fold == nil
            ? "<div class=\"callout\" data-callout=\"\(type)\">"
            : "<details class=\"callout\" data-callout=\"\(type)\"\(fold == "+" ? " open" : "")>"
        let callout = CmarkNode.customBlock(opening, fold == nil ? "</div>" : "</details>")
        let content = CmarkNode.customBlock("<div class=\"callout-content\">", "</div>")
        if paragraph.firstChild == nil { paragraph.free() }
        quote.moveChildren(to: content)
        callout.append(title)
        if content.firstChild != nil { callout.append(content) } else { content.free() }
        quote.insertBefore(callout)
        quote.free()
    }

}
