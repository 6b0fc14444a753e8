/// What `%%comments%%` leave in the body (`Preprocessor.commentFiller`), taken out of the text and
/// the tree.
extension TreeWalker {
    /// `segments` without the filler of comments; after filler at the start of a line, without
    /// the white space that followed it too, as cmark drops a line's leading white space.
    static func droppingFiller(_ segments: [Segment], lineStart: Bool) -> [Segment] {
        segments.enumerated().map { index, segment in
            guard case .text(let piece) = segment else { return segment }
            let text = Preprocessor.withoutFiller(piece)
            return .text(index == 0 && lineStart ? String(text.drop { $0 == " " || $0 == "\t" }) : text)
        }
    }

    /// Whether a paragraph holds nothing but the filler of comments (and white space and line
    /// breaks): a comment on lines of its own, which leaves no paragraph.
    static func holdsOnlyFiller(_ paragraph: CmarkNode) -> Bool {
        var child = paragraph.firstChild
        while let node = child {
            switch node.kind {
            case .softBreak, .lineBreak: break
            case .text:
                let onlyFiller = node.literal.utf8.allSatisfy {
                    $0 == Preprocessor.commentFiller || $0 == 0x20 || $0 == 0x09
                }
                guard onlyFiller else { return false }
            default: return false
            }
            child = node.next
        }
        return true
    }
}
