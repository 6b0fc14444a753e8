/// Footnotes: `[^label]` references and `[^label]: text` definitions. The preprocessor takes the
/// definitions out of the body; the walker numbers the references in the order first met; each
/// referenced definition is parsed as a note of its own and listed after the body, its links
/// and tags numbered after the note's own.
enum Footnotes {
    /// Renders the referenced footnotes, in the order first referenced, after the body.
    static func append(
        _ definitions: [Preprocessor.FootnoteDefinition], numbers: [String: Int], to parsed: inout ParsedMarkdown,
        options: MarkdownOptions
    ) {
        var items: [String] = []
        for (label, number) in numbers.sorted(by: { $0.value < $1.value }) {
            guard let definition = definitions.first(where: { $0.label == label }) else { continue }
            var inner = CmarkBridge.parse(
                body: Array(definition.text.utf8), source: SourceText(decoding: Array(definition.text.utf8)),
                options: options, inFootnote: true)
            for index in inner.references.indices {
                let place = definition.place(line: inner.references[index].line, column: inner.references[index].column)
                (inner.references[index].line, inner.references[index].column) = (place.line, place.column)
            }
            parsed.features.formUnion(inner.features)
            parsed.mathProblems += inner.mathProblems.map { problem in
                MathProblem(
                    place: definition.place(line: problem.place.line, column: problem.place.column),
                    message: problem.message)
            }
            let html = ReferenceMarker.shift(
                inner.html, references: parsed.references.count, tags: parsed.tagMentions.count)
            parsed.references += inner.references
            parsed.tagMentions += inner.tagMentions
            parsed.appendToLastSection(inner.sections.map(\.text).joined(separator: " "))
            let back =
                "<a href=\"#fnref-\(number)\" class=\"footnote-backref\" aria-label=\"Back to reference \(number)\">↩</a>"
            // At the end of the note's last paragraph, as GFM places it, not on a line of its own.
            let body =
                html.hasSuffix("</p>\n") ? html.dropLast(5) + " " + back + "</p>\n" : html + back + "\n"
            items.append("<li id=\"fn-\(number)\">\n\(body)</li>")
        }
        guard !items.isEmpty else { return }
        parsed.html +=
            "<section class=\"footnotes\" role=\"doc-endnotes\">\n<ol>\n" + items.joined(separator: "\n")
            + "\n</ol>\n</section>\n"
    }
}

extension Preprocessor.FootnoteDefinition {
    /// The file's place of a line and column of the definition's text: its first line starts
    /// where the text does, and each later line lost its indent.
    func place(line: Int, column: Int) -> SourcePlace {
        let shift = line == 1 ? self.column - 1 : (line - 2 < indents.count ? indents[line - 2] : 0)
        return SourcePlace(line: line + self.line - 1, column: column + shift)
    }
}
