/// Task list items: GFM's `- [ ] task` and `- [x] done`, and Obsidian's other marks: any one
/// character in the box (`[?]`, `[-]`, `[/]`) is a checked task whose input carries it in
/// `data-task`, for themes to draw.
extension TreeWalker {
    /// A task's state: nil for an item that is not a task, else the character in its box.
    func taskState(_ item: CmarkNode) -> Character? {
        guard let paragraph = item.firstChild, paragraph.kind == .paragraph,
            let text = paragraph.firstChild, text.kind == .text
        else { return nil }
        let value = text.literal
        guard value.utf8.first == UInt8(ascii: "[") else { return nil }  // most items: no box to read
        let box = value.prefix(3)
        guard box.count == 3, box.last == "]", let mark = box.dropFirst().first, mark != "\t", mark != "]" else {
            return nil
        }
        let rest = value.dropFirst(3)
        guard rest.isEmpty ? text.next != nil : rest.first == " " || rest.first == "\t" else { return nil }
        return mark
    }

    func markTask(_ item: CmarkNode, mark: Character) {
        guard let paragraph = item.firstChild, let text = paragraph.firstChild,
            text.kind == .text
        else { return }
        text.literal = String(text.literal.dropFirst(3))
        let data = mark == " " || mark == "x" || mark == "X" ? "" : " data-task=\"\(HTML.escape(String(mark)))\""
        let box =
            mark == " "
            ? "<input disabled=\"\" type=\"checkbox\">"
            : "<input checked=\"\"\(data) disabled=\"\" type=\"checkbox\">"
        paragraph.prepend(CmarkNode.customInline(box))
    }
}
