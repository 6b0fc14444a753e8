/// GFM task list items: `- [ ] task` and `- [x] done`.
extension TreeWalker {
    /// `- [ ] task` and `- [x] done`: GFM task list items.
    func taskState(_ item: CmarkNode) -> Bool? {
        guard let paragraph = item.firstChild, paragraph.kind == .paragraph,
            let text = paragraph.firstChild, text.kind == .text
        else { return nil }
        let value = text.literal
        guard value.utf8.first == UInt8(ascii: "[") else { return nil }  // most items: no box to read
        let box = value.prefix(3)
        guard box == "[ ]" || box == "[x]" || box == "[X]" else { return nil }
        let rest = value.dropFirst(3)
        guard rest.isEmpty ? text.next != nil : rest.first == " " || rest.first == "\t" else { return nil }
        return box != "[ ]"
    }

    func markTask(_ item: CmarkNode, checked: Bool) {
        guard let paragraph = item.firstChild, let text = paragraph.firstChild,
            text.kind == .text
        else { return }
        text.literal = String(text.literal.dropFirst(3))
        let box =
            checked ? "<input checked=\"\" disabled=\"\" type=\"checkbox\">" : "<input disabled=\"\" type=\"checkbox\">"
        paragraph.prepend(CmarkNode.customInline(box))
    }

}
