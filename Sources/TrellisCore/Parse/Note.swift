/// A note read and parsed: its frontmatter, what cmark learnt of its body, and its problems.
public struct Note: Sendable {
    public let path: VaultPath
    public var frontmatter: Frontmatter
    public var markdown: ParsedMarkdown
    public var diagnostics: [Diagnostic]

    public init(path: VaultPath, frontmatter: Frontmatter, markdown: ParsedMarkdown, diagnostics: [Diagnostic]) {
        self.path = path
        self.frontmatter = frontmatter
        self.markdown = markdown
        self.diagnostics = diagnostics
    }

    /// Frontmatter `title`, else the first level-1 heading, else the file name.
    public var title: String {
        if let title = frontmatter.title?.trimmingWhitespace(), !title.isEmpty { return title }
        if let heading = markdown.firstH1, !heading.isEmpty { return heading }
        return path.stem
    }

    /// Frontmatter tags and inline `#tags`, without duplicates, in the order first seen.
    public var tags: [String] {
        var seen: Set<String> = []
        return (frontmatter.tags + markdown.tags).filter { seen.insert($0).inserted }
    }

    public var isPublished: Bool { frontmatter.isPublished }
}
