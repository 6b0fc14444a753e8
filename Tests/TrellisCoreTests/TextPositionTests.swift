import Testing

@testable import TrellisCore

/// cmark's inline positions are wrong on some lines after a block's first (cmark issue #296): the
/// wiki links on those lines must still be found, where they are written (`TextLocator`).
@Suite("text found where it is written, whatever cmark's position")
struct TextPositionTests {
    /// Each reference as `written@line:column`.
    private func places(_ note: Note) -> [String] {
        note.markdown.references.map { "\($0.written)@\($0.line):\($0.column)" }
    }

    @Test(
        "wiki links and tags on a continuation line",
        arguments: [
            // An indented continuation line: cmark counts its columns from after the spaces.
            ("para\n  [[Other]] and [[Missing]] #tag\n", ["Other@2:3", "Missing@2:17"]),
            // Lazy continuation lines: cmark counts from where the quote's or item's text starts.
            ("> quote\nlazy [[Two]]\n", ["Two@2:6"]),
            ("- item\nlazy [[Three]]\n", ["Three@2:6"]),
            ("- item\n    more [[Deep]]\n", ["Deep@2:10"]),
            // After a hard break, cmark stays on the line before.
            ("line\\\n  [[Four]]\n", ["Four@2:3"]),
            ("line  \n[[Four]] again [[Five]]\n", ["Four@2:1", "Five@2:16"]),
            // After a link reference definition, cmark's lines start at the definition.
            ("[r]: https://example.com\nsee [a][r] and [[Six]]\n", ["Six@2:16"]),
            // The same text on two lines, the second indented.
            ("x [[A]]\n   x [[A]]\n", ["A@1:3", "A@2:6"]),
            // A link cmark cut apart (`LinkPrecedence`) on an indented line.
            ("para\n  [[A *b* c]] end\n", ["A *b* c@2:3"]),
            // A setext heading's second line.
            ("Title\n  [[Seven]]\n===\n", ["Seven@2:3"]),
        ])
    func continuationLines(_ text: String, _ expected: [String]) {
        let note = parse(text)
        #expect(places(note) == expected)
        #expect(!note.markdown.html.contains("[["))
    }

    @Test("Markdown links, images, autolinks and raw HTML after the first line are placed where they are")
    func otherInlines() {
        let note = parse("para\n  [x](gone.md) and ![i](gone.png) <b>hi</b>\n\nabc\ndef\n<javascript:alert(1)>\n")
        #expect(places(note) == ["gone.md@2:3", "gone.png@2:20"])
        #expect(note.markdown.omittedHTML.map { "\($0.line):\($0.column)" } == ["2:35"])
        #expect(note.markdown.unsafeURLs.map { "\($0.line):\($0.column)" } == ["6:1"])
        let afterDefinition = parse("[r]: https://example.com\nsee [a](gone.md) [b][r]\n")
        #expect(places(afterDefinition) == ["gone.md@2:5"])
    }

    @Test("a tag on an indented continuation line is a tag")
    func tagOnContinuationLine() {
        let note = parse("para\n  text #topic\n")
        #expect(note.tags == ["topic"])
    }
}
