import Foundation
import Testing

@testable import TrellisCore

/// Templates bound to typed models: names are checked when they are compiled, sections over
/// lists and objects put the element on top of the scope, and problems come with their place.
@Suite("Templates")
struct TemplateTests {
    struct Row: TemplateModel {
        static let modelName = "a row"
        static let fields: [String: TemplateField<Row>] = ["label": .text { $0.label }, "note": .optional { $0.note }]
        var label: String
        var note: String?
    }

    final class Card: TemplateModel {
        static let modelName = "a card"
        static let fields: [String: TemplateField<Card>] = [
            "title": .text { $0.title }, "html": .text { $0.html }, "rows": .list { $0.rows },
            "first": .object { $0.rows.first }, "shown": .flag { $0.shown }, "note": .optional { $0.note },
        ]
        var title = "Tom & Jerry's <cat>"
        var html = "<b>bold</b>"
        var rows = [Row(label: "a", note: "x"), Row(label: "b")]
        var shown = true
        var note: String? = "card"
    }

    static func render(_ templates: [String: String], _ card: Card = Card()) -> (String, [TemplateError]) {
        let compiler = TemplateCompiler(sources: templates)
        let render = compiler.compile(template: "main", for: Card.self)
        // A template with problems is never rendered (a theme with any does not load).
        guard compiler.errors.isEmpty else { return ("", compiler.errors) }
        var out = TemplateOutput()
        render(card, &out)
        return (String(decoding: out.bytes, as: UTF8.self), compiler.errors)
    }

    static let cases: [(template: String, output: String)] = [
        ("{{title}}|{{{title}}}|{{&html}}", "Tom &amp; Jerry&#39;s &lt;cat&gt;|Tom & Jerry's <cat>|<b>bold</b>"),
        ("{{#rows}}[{{label}}:{{note}}]{{/rows}}", "[a:x][b:]"),
        // An element's missing optional is nil there, not the card's `note`.
        ("{{#rows}}{{#note}}({{note}}){{/note}}{{^note}}-{{/note}}{{/rows}}", "(x)-"),
        ("{{#rows}}{{title}}{{/rows}}", "Tom &amp; Jerry&#39;s &lt;cat&gt;Tom &amp; Jerry&#39;s &lt;cat&gt;"),
        ("{{first.label}}/{{#first}}{{label}}{{/first}}", "a/a"),
        ("{{#shown}}yes{{/shown}}{{^shown}}no{{/shown}}{{^rows}}none{{/rows}}", "yes"),
        ("a\n  {{#shown}}\n  b\n  {{/shown}}\nc\n", "a\n  b\nc\n"),
        ("{{=<% %>=}}<%title%>|<%={{ }}=%>{{shown}}", "Tom &amp; Jerry&#39;s &lt;cat&gt;|true"),
    ]

    @Test("typed rendering", arguments: cases)
    func rendering(_ example: (template: String, output: String)) {
        let (output, errors) = Self.render(["main": example.template])
        #expect(errors.isEmpty)
        #expect(output == example.output)
    }

    @Test("a parent's blocks replace its defaults; the rest of the parent renders")
    func inheritance() {
        let (output, errors) = Self.render([
            "main": "{{<frame}}{{$body}}<{{title}}>{{/body}}{{/frame}}",
            "frame": "[{{$head}}head{{/head}}|{{$body}}body{{/body}}]",
        ])
        #expect(errors.isEmpty)
        #expect(output == "[head|<Tom &amp; Jerry&#39;s &lt;cat&gt;>]")
    }

    @Test("a block given alone on its lines loses its first line's indentation; `{{$a}}{{/a}}` keeps its line break")
    func blockLines() {
        let (output, errors) = Self.render([
            "main": "{{<frame}}\n{{$body}}\n  <{{title}}>\n    x\n{{/body}}\n{{/frame}}\n",
            "frame": "[\n{{$body}}{{/body}}\n]",
        ])
        #expect(errors.isEmpty)
        #expect(output == "[\n<Tom &amp; Jerry&#39;s &lt;cat&gt;>\n  x\n\n]")
    }

    static let problems: [(templates: [String: String], line: Int, column: Int, message: String)] = [
        (
            ["main": "ok\n  {{nosuch}}"], 2, 3,
            "a card has no `nosuch`; it has `first`, `html`, `note`, `rows`, `shown`, `title`"
        ),
        (
            ["main": "{{#rows}}{{nosuch}}{{/rows}}"], 1, 10,
            "a row in a card has no `nosuch`; it has `label`, `note`, `first`, `html`, `rows`, `shown`, `title`"
        ),
        (["main": "{{first.nosuch}}"], 1, 1, "`first.nosuch`: there is no `nosuch` in it"),
        (["main": "{{title.length}}"], 1, 1, "`title.length`: there is no `length` in it"),
        (
            ["main": "{{rows}}"], 1, 1,
            "`rows` is a list or an object of a card, not text: use it as a section, `{{#rows}}…{{/rows}}`"
        ),
        (["main": "{{.}}"], 1, 1, "`{{.}}` names a plain value, and a card is not one"),
        (["main": "x {{>missing}}"], 1, 3, "there is no template `missing` (missing.mustache)"),
        (["main": "{{#rows}}{{>main}}{{/rows}}"], 1, 10, "templates include each other without end (through `main`)"),
        (["main": "x {{>main}}"], 1, 3, "`main` includes itself outside any section, so it would render without end"),
        (
            ["main": "{{<main}}{{/main}}"], 1, 1,
            "`main` includes itself outside any section, so it would render without end"
        ),
        (
            ["main": "{{>p}}", "p": "{{#shown}}\n{{/shown}}{{>q}}", "q": "{{>p}}"], 1, 1,
            "`p` includes itself outside any section, so it would render without end"
        ),
        (["main": "a\n{{#rows}}\n{{/row}}"], 3, 1, "`{{/row}}` closes nothing; `rows` is open"),
        (["main": "a\n {{#rows}}"], 2, 2, "`rows` is opened here and never closed (no `{{/rows}}`)"),
        (["main": "é {{title"], 1, 3, "the tag is not closed: no `}}` after it"),
        (["main": "{{=<%=}}"], 1, 1, "a delimiter tag must be like `{{=<% %>=}}`: two delimiters without `=`"),
        (["main": "{{a b}}"], 1, 1, "`a b` is not a name"),
    ]

    @Test("a problem is an error with its place, found when the template is compiled", arguments: problems)
    func problem(_ example: (templates: [String: String], line: Int, column: Int, message: String)) throws {
        let (_, errors) = Self.render(example.templates)
        let error = try #require(errors.first)
        #expect(error.message == example.message)
        #expect((error.position.line, error.position.column) == (example.line, example.column))
    }

    @Test("a template inside itself under a section that is always there stops at a depth, with a notice")
    func recursionStops() {
        let (output, errors) = Self.render(["main": "{{>p}}", "p": "x{{#shown}}{{>p}}{{/shown}}"])
        #expect(errors.isEmpty)
        #expect(
            output == String(repeating: "x", count: TemplateOutput.maximumIncludeDepth + 1)
                + TemplateOutput.tooDeepNotice)
    }

    @Test("a theme naming a field its page lacks does not load: the error names the file, line and column")
    func themeError() throws {
        let vault = try TemporaryVault(["Index.md": "# Home\n"])
        defer { vault.remove() }
        let theme = vault.root.appendingPathExtension("theme")
        defer { try? FileManager.default.removeItem(at: theme) }
        try FileManager.default.createDirectory(
            at: theme.appendingPathComponent("templates"), withIntermediateDirectories: true)
        let note = theme.appendingPathComponent("templates/note.mustache")
        try Data("{{<base}}{{$content}}\n{{title}} {{subtitle}}{{/content}}{{/base}}\n".utf8).write(to: note)
        #expect {
            try Theme(folders: [Repository.theme, theme])
        } throws: { error in
            guard let error = error as? Theme.ThemeError else { return false }
            return error.diagnostics == [
                Diagnostic(
                    file: note.path, line: 2, column: 11, severity: .error, code: .theme,
                    message: "a note page has no `subtitle`; it has "
                        + NotePage.fields.keys.sorted().map { "`\($0)`" }.joined(separator: ", "))
            ] && error.description.hasPrefix("\(note.path):2:11: error: a note page has no `subtitle`")
        }
        #expect(throws: Theme.ThemeError.self) {
            try Pipeline.build(
                RunOptions(vault: vault.root, output: vault.output, theme: theme, defaultTheme: Repository.theme))
        }
    }
}
