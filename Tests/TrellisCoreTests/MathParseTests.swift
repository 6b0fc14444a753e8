import Foundation
import Testing

@testable import TrellisCore

/// Math and diagrams as the parse finds them: which notes have them, what HTML they become, and
/// where a formula whose structure is broken is reported.
@Suite("Math and diagrams in the parse")
struct MathParseTests {
    static let checks: [(tex: String, offset: Int?, message: String?)] = [
        ("a^2 + b^2", nil, nil),
        ("\\frac{1}{2}", nil, nil),
        ("\\{ x \\} \\\\ \\left( \\frac{a}{b} \\right)", nil, nil),
        ("\\begin{vmatrix}a & b\\\\ c & d \\end{vmatrix}=ad-bc", nil, nil),
        ("\\left\\{ x \\middle| y \\right.", nil, nil),
        ("50\\% % a comment with a { brace", nil, nil),
        ("\\frac{1}{", 8, "`{` is never closed"),
        ("x}", 1, "`}` closes no `{`"),
        ("\\begin{matrix} a \\end{pmatrix}", 17, "`\\end{pmatrix}` comes before `\\end{matrix}`"),
        ("\\begin{cases} a", 0, "`\\begin{cases}` has no `\\end{cases}`"),
        ("a \\end{cases}", 2, "`\\end{cases}` without `\\begin{cases}`"),
        ("\\begin x", 0, "`\\begin` needs an environment name in braces, as in `\\begin{matrix}`"),
        ("\\left( x", 0, "`\\left` has no `\\right`"),
        ("x \\right)", 2, "`\\right` without `\\left`"),
        ("{\\left( x}", 9, "`}` comes before the `\\right` of an open `\\left`"),
        ("\\left( {x \\right)", 10, "`\\right` comes before the `}` of an open `{`"),
        ("a \\middle| b", 2, "`\\middle` outside `\\left` … `\\right`"),
        ("\\", nil, nil),
    ]

    @Test("the structure check: braces, environments, \\left and \\right", arguments: checks)
    func structure(_ tex: String, _ offset: Int?, _ message: String?) {
        let problem = MathCheck.firstProblem(Array(tex.utf8))
        #expect(problem?.offset == offset)
        #expect(problem?.message == message)
    }

    private func mathDiagnostics(_ note: Note) -> [String] {
        note.diagnostics.filter { $0.code == .math }.map { "\($0.line):\($0.column) \($0.severity) \($0.message)" }
    }

    @Test("a broken inline formula is a math warning at the character, in the file's line and column")
    func inlinePlace() {
        let note = parse("---\ntitle: T\n---\nSee é $x^2$ and $\\frac{1}{$ here.\n")
        #expect(mathDiagnostics(note) == ["4:26 warning formula KaTeX cannot typeset: `{` is never closed"])
        #expect(note.markdown.features == [.math])
    }

    @Test("in display math, in a callout, the place is the line of the problem, after the `> `")
    func displayPlace() {
        let note = parse("# H\n\n> [!note] Cases\n>\n> $$\n> \\begin{cases}\n>   a & b \\\\\n> \\end{case}\n> $$\n")
        #expect(
            mathDiagnostics(note) == [
                "8:3 warning formula KaTeX cannot typeset: `\\end{case}` comes before `\\end{cases}`"
            ])
        #expect(
            renderAlone(note).contains(
                "<div class=\"math math-display\">\\[\\begin{cases}\n  a &amp; b \\\\\n\\end{case}\\]</div>"))
    }

    @Test("display math right under a callout's title line is math, and the title stays")
    func calloutTitleThenMath() {
        let note = parse("> [!note] Euler\n> $$\n> e^{i\\pi} + 1 = \\left( 0\n> $$\n")
        let html = renderAlone(note)
        #expect(html.contains("<span class=\"callout-title-text\">Euler</span>"))
        #expect(
            html.contains(
                "<div class=\"callout-content\">\n<div class=\"math math-display\">\\[e^{i\\pi} + 1 = \\left( 0\\]</div>"
            ))
        #expect(!html.contains("$$"))
        #expect(mathDiagnostics(note) == ["3:18 warning formula KaTeX cannot typeset: `\\left` has no `\\right`"])
        #expect(renderAlone(parse("> [!note] Just a title\n")).contains("Just a title"))
    }

    @Test("display math on one line, and in a footnote, is placed too")
    func footnoteAndOneLine() {
        let note = parse("Text[^1].\n\n$$ x} $$\n\n[^1]: A note with $\\left( y$.\n")
        #expect(
            mathDiagnostics(note) == [
                "3:5 warning formula KaTeX cannot typeset: `}` closes no `{`",
                "5:20 warning formula KaTeX cannot typeset: `\\left` has no `\\right`",
            ])
    }

    @Test("check and build parse the same problems")
    func sameWithoutRendering() {
        let text = "$a{$ and\n\n$$\n\\right)\n$$\n\n```mermaid\ngraph TD\n```\n"
        let rendered = NoteParser.parse(
            path: VaultPath("n.md"), bytes: Array(text.utf8), options: MarkdownOptions(render: true))
        let checked = NoteParser.parse(
            path: VaultPath("n.md"), bytes: Array(text.utf8), options: MarkdownOptions(render: false))
        #expect(rendered.diagnostics == checked.diagnostics)
        #expect(rendered.markdown.features == [.math, .diagram] && checked.markdown.features == [.math, .diagram])
        #expect(rendered.diagnostics.count == 2)
    }

    @Test(
        "which notes have math or diagrams",
        arguments: [
            ("costs $5 and $10\n", ContentFeatures()),
            ("`$x$` and\n\n```\n$$\nx\n$$\n```\n", ContentFeatures()),
            ("inline $x$\n", ContentFeatures.math),
            ("$$\nx\n$$\n", ContentFeatures.math),
            ("| a |\n| - |\n| $x$ |\n", ContentFeatures.math),
            ("```mermaid\ngraph TD\n```\n", ContentFeatures.diagram),
            ("~~~ Mermaid theme=x\ngraph TD\n~~~\n", ContentFeatures.diagram),
            ("```mermaidx\ngraph TD\n```\n", ContentFeatures()),
            ("    mermaid\n", ContentFeatures()),
        ])
    func features(_ text: String, _ expected: ContentFeatures) {
        #expect(parse(text).markdown.features == expected)
    }

    @Test("a Mermaid fence stays readable code, in a figure that says it is a diagram")
    func diagramHTML() {
        let html = renderAlone(parse("```mermaid\ngraph TD\n  A --> B\n```\n"))
        #expect(
            html == """
                <figure class="diagram" data-diagram="mermaid">
                <pre><code class="language-mermaid">graph TD
                  A --&gt; B
                </code></pre>
                <figcaption class="diagram-note">Mermaid diagram, shown as its source</figcaption>
                </figure>

                """)
    }
}
