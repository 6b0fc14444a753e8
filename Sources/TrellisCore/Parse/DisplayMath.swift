/// Math and diagrams: a paragraph that is all `$$ … $$` is display math, `$…$` inline math (found
/// by `InlineScanner`), a ```` ```mermaid ```` fence a diagram. Each is marked in the note's
/// features, and each formula's structure is checked (`MathCheck`) with its place in the file.
extension TreeWalker {
    /// `$$ … $$` filling a whole paragraph (but for its first `droppingLines`: a callout's title
    /// line) is display math: its TeX, and the byte offset in the note's body of each byte of it
    /// (for the place of a problem).
    func displayMath(_ paragraph: CmarkNode, droppingLines dropped: Int = 0) -> (
        tex: String, sourceOffset: (Int) -> Int?
    )? {
        if dropped == 0 {
            guard let first = paragraph.firstChild, first.kind == .text, first.literal.hasPrefix("$$") else {
                return nil
            }
        }
        let kept = rawLines(paragraph).enumerated().dropFirst(dropped).filter { !Preprocessor.isOnlyFiller($0.element) }
        let raw = kept.map(\.element)
        let lines = raw.map { stripContainerPrefix($0, paragraph) }
        let joined = lines.joined(separator: "\n")
        let text = joined.trimmingWhitespace()
        guard text.count > 4, text.hasPrefix("$$"), text.hasSuffix("$$") else { return nil }
        let tex = Preprocessor.withoutFiller(String(text.dropFirst(2).dropLast(2))).trimmingWhitespace()
        // Where each stripped line starts in the body, and where the TeX starts in `joined`.
        let lineOffsets = zip(kept, lines).map { line, stripped in
            source.lineStarts[paragraph.startLine - 1 + line.offset]
                + line.element.utf8.distance(from: line.element.startIndex, to: stripped.startIndex)
        }
        let texStart = Self.offsetAfterOpening(joined)
        return (
            tex,
            { offset in
                var rest = texStart + offset
                for (line, start) in zip(lines, lineOffsets) {
                    if rest <= line.utf8.count { return start + rest }
                    rest -= line.utf8.count + 1
                }
                return nil
            }
        )
    }

    /// The UTF-8 offset of the TeX in a display-math paragraph's text: after leading space, the
    /// `$$`, and space again, as `trimmingWhitespace` and `dropFirst(2)` cut them.
    private static func offsetAfterOpening(_ text: String) -> Int {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex, scalars[index].isUnicodeWhitespace { index = scalars.index(after: index) }
        index = scalars.index(index, offsetBy: 2, limitedBy: scalars.endIndex) ?? scalars.endIndex
        while index < scalars.endIndex, scalars[index].isUnicodeWhitespace { index = scalars.index(after: index) }
        return text.utf8.distance(from: text.utf8.startIndex, to: index)
    }

    /// Notes that the note has math, and a `math` problem where the formula's structure is broken.
    /// `sourceOffset`: the body offset of a byte of `tex`.
    mutating func noteMath(_ tex: String, sourceOffset: (Int) -> Int?) {
        parsed.features.insert(.math)
        guard let problem = MathCheck.firstProblem(tex.utf8), let offset = sourceOffset(problem.offset),
            offset <= body.count
        else { return }
        let place = SourcePlace(line: source.line(ofOffset: offset), column: source.characterColumn(ofOffset: offset))
        parsed.mathProblems.append(MathProblem(place: place, message: problem.message))
    }

    /// A fenced block whose info string starts with `mermaid`.
    func isDiagram(_ codeBlock: CmarkNode) -> Bool {
        let info = codeBlock.fenceInfo
        guard info.utf8.count >= 7 else { return false }
        return info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first?.lowercased() == "mermaid"
    }
}
