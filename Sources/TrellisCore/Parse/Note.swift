import Foundation

/// A note read and parsed: its frontmatter, what cmark learnt of its body, and its problems.
public struct Note: Sendable {
    public let path: VaultPath
    public var frontmatter: Frontmatter
    public var markdown: ParsedMarkdown
    public var diagnostics: [Diagnostic]
    /// When the file was last modified (seconds since 1970), for "recently changed" and the feed.
    public var modified: Double = 0
    /// A hash of the file's bytes (`ContentHash`), so a build can tell an edit from a touch.
    public var contentHash: UInt64 = 0

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

    /// The day the note was last changed, `YYYY-MM-DD`: frontmatter `date` if it looks like one,
    /// else the file's modification time.
    public var changedDay: String {
        if let date = frontmatter.date, date.count >= 10, date.prefix(4).allSatisfy(\.isNumber) { return String(date.prefix(10)) }
        return Note.day(modified)
    }

    static func day(_ seconds: Double) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
    }
}
