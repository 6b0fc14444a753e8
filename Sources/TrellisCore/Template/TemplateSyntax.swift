/// Where a tag is in a theme's template: the template's name, 1-based line and column (in
/// characters), so a theme error can name the place.
struct TemplatePosition: Sendable, Hashable {
    var template: String
    var line: Int
    var column: Int
}

/// A problem in a template, found when the theme loads: it does not parse, or it names
/// something the page it renders does not have.
struct TemplateError: Error, Sendable, Hashable {
    var position: TemplatePosition
    var message: String
}

/// A name as written in a tag: `title`, `previous.url`, or `.` (the current value).
struct TemplateName: Sendable, Hashable, CustomStringConvertible {
    /// The dot-separated parts; empty for `.`.
    var parts: [String]

    var isCurrent: Bool { parts.isEmpty }
    var description: String { isCurrent ? "." : parts.joined(separator: ".") }

    /// nil when `text` is not a name (`a..b`, `a b`).
    init?(_ text: String) {
        if text == "." {
            parts = []
            return
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: { $0.isEmpty || $0.contains(where: \.isWhitespace) }) else { return nil }
        self.parts = parts
    }
}

/// A parsed template: text and tags, sections holding what they enclose.
indirect enum TemplateNode: Sendable {
    case text(String)
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}`.
    case variable(TemplateName, escaped: Bool, TemplatePosition)
    /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when inverted.
    case section(TemplateName, inverted: Bool, [TemplateNode], TemplatePosition)
    /// `{{>name}}`; `indentation`: the whitespace before a tag alone on its line, put before
    /// each line of the partial.
    case partial(String, indentation: String, TemplatePosition)
    /// `{{<name}}{{$block}}…{{/block}}{{/name}}`: the template `name` with these blocks.
    case parent(String, indentation: String, blocks: [String: [TemplateNode]], TemplatePosition)
    /// `{{$name}}default{{/name}}`: replaced by a block of the same name given by a child.
    case block(String, [TemplateNode], TemplatePosition)
}
