/// Display math: a paragraph that is all `$$ … $$`.
extension TreeWalker {
    /// `$$ … $$` filling a whole paragraph is display math.
    func displayMath(_ paragraph: CmarkNode) -> String? {
        guard let first = paragraph.firstChild, first.kind == .text,
            first.literal.hasPrefix("$$")
        else { return nil }
        let text = rawLines(paragraph).map { stripContainerPrefix($0, paragraph) }.joined(separator: "\n").trimmingWhitespace()
        guard text.count > 4, text.hasPrefix("$$"), text.hasSuffix("$$") else { return nil }
        return String(text.dropFirst(2).dropLast(2)).trimmingWhitespace()
    }

}
