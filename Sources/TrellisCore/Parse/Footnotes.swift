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
                if inner.references[index].line == 1 { inner.references[index].column += definition.column - 1 }
                inner.references[index].line += definition.line - 1
            }
            parsed.features.formUnion(inner.features)
            parsed.mathProblems += inner.mathProblems.map { problem in
                var place = problem.place
                if place.line == 1 { place.column += definition.column - 1 }
                place.line += definition.line - 1
                return MathProblem(place: place, message: problem.message)
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
