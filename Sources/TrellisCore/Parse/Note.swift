import Foundation

/// A note read and parsed: its frontmatter, what cmark learnt of its body, and its problems.
///
/// Notes are copied a great deal (into tables, graphs, renderers, the cache) and read far more
/// than they are changed: what was parsed is kept in one shared, immutable box, so a copy is two
/// reference counts rather than one for each of the dozens of strings and arrays a note holds.
/// Setting a part makes a new box.
public struct Note: Sendable, Equatable {
    private final class Parsed: Sendable {
        let frontmatter: Frontmatter
        let markdown: ParsedMarkdown
        let diagnostics: [Diagnostic]
        /// Asked for on every page that lists or links the note: worked out once.
        let title: String
        let tags: [String]
        /// The frontmatter `date`'s day, if it is a date: "recently changed" asks every note for
        /// its day, several times a build.
        let day: String?
        let references: [Reference]
        /// Asked of every note by most stages (`filter(\.isPublished)`): kept, rather than read
        /// through a copy of the whole frontmatter each time.
        let isPublished: Bool

        init(path: VaultPath, frontmatter: Frontmatter, markdown: ParsedMarkdown, diagnostics: [Diagnostic]) {
            self.frontmatter = frontmatter
            self.markdown = markdown
            self.diagnostics = diagnostics
            title = Parsed.title(path, frontmatter, markdown)
            var seen: Set<String> = []
            tags = (frontmatter.tags + markdown.tags).filter { seen.insert($0).inserted }
            day = frontmatter.date.flatMap(FrontmatterDate.init)?.day
            isPublished = frontmatter.isPublished
            references =
                frontmatter.propertyLinks.isEmpty
                ? markdown.references : markdown.references + frontmatter.propertyLinks
        }

        private static func title(_ path: VaultPath, _ frontmatter: Frontmatter, _ markdown: ParsedMarkdown) -> String {
            if let title = frontmatter.title?.trimmingWhitespace(), !title.isEmpty { return title }
            if let heading = markdown.firstH1, !heading.isEmpty { return heading }
            return path.stem
        }
    }

    /// Every stored part of two notes is equal (what is worked out from the parsed parts follows
    /// from them). `NoteTests` checks that this names every stored property.
    public static func == (lhs: Note, rhs: Note) -> Bool {
        (lhs.path, lhs.modified, lhs.contentHash, lhs.fileSize) == (
            rhs.path, rhs.modified, rhs.contentHash, rhs.fileSize
        )
            && lhs.frontmatter == rhs.frontmatter && lhs.markdown == rhs.markdown && lhs.diagnostics == rhs.diagnostics
    }

    /// The names of the stored properties `==` compares, of the note and of its parsed box.
    static let comparedProperties = ["path", "parsed", "modified", "contentHash", "fileSize"]
    static let comparedParsedInputs = ["frontmatter", "markdown", "diagnostics"]

    public let path: VaultPath
    private var parsed: Parsed
    /// When the file was last modified (seconds since 1970), for "recently changed" and the feed.
    public var modified: Double = 0
    /// A hash of the file's bytes (`ContentHash`), so a build can tell an edit from a touch.
    public var contentHash: UInt64 = 0
    /// The file's size in bytes: what embedding the note adds to a page, before any HTML is made
    /// (`EmbedBudget`; `check` makes none).
    public var fileSize = 0

    public init(path: VaultPath, frontmatter: Frontmatter, markdown: ParsedMarkdown, diagnostics: [Diagnostic]) {
        self.path = path
        parsed = Parsed(path: path, frontmatter: frontmatter, markdown: markdown, diagnostics: diagnostics)
    }

    public var frontmatter: Frontmatter {
        get { parsed.frontmatter }
        set {
            parsed = Parsed(
                path: path, frontmatter: newValue, markdown: parsed.markdown, diagnostics: parsed.diagnostics)
        }
    }

    public var markdown: ParsedMarkdown {
        get { parsed.markdown }
        set {
            parsed = Parsed(
                path: path, frontmatter: parsed.frontmatter, markdown: newValue, diagnostics: parsed.diagnostics)
        }
    }

    public var diagnostics: [Diagnostic] {
        get { parsed.diagnostics }
        set {
            parsed = Parsed(
                path: path, frontmatter: parsed.frontmatter, markdown: parsed.markdown, diagnostics: newValue)
        }
    }

    /// Every link of the note, resolved in this order: the body's (`markdown.references`, which the
    /// body's HTML numbers), then those in frontmatter properties (`frontmatter.propertyLinks`).
    /// A note's resolutions follow this order, so the body's are a prefix of them.
    public var references: [Reference] { parsed.references }

    /// The resolutions of the links in frontmatter properties, out of all the note's, in order.
    public func propertyResolutions(_ resolutions: [Resolution]) -> ArraySlice<Resolution> {
        let start = min(markdown.references.count, resolutions.count)
        return resolutions[start...]
    }

    /// Frontmatter `title`, else the first level-1 heading, else the file name.
    public var title: String { parsed.title }

    /// Frontmatter tags and inline `#tags`, without duplicates, in the order first seen.
    public var tags: [String] { parsed.tags }

    public var isPublished: Bool { parsed.isPublished }

    /// The day the note was last changed, `YYYY-MM-DD`: frontmatter `date` if it is a date,
    /// else the file's modification time.
    public var changedDay: String { parsed.day ?? Note.day(modified) }

    /// `YYYY-MM-DD` in UTC, as `gmtime` has it. Worked out with integer arithmetic (days to a
    /// civil date, proleptic Gregorian): "recently changed" asks it of every note, and `gmtime`
    /// with string interpolation was most of that. Years outside 1000–9999 go through `gmtime`.
    static func day(_ seconds: Double) -> String {
        let time = Int(seconds)  // truncated toward zero, as `time_t(seconds)`
        let days = time >= 0 ? time / 86_400 : (time - 86_399) / 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153  // March is 0
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        guard (1000...9999).contains(year) else { return gmtimeDay(seconds) }
        let digits = [
            year / 1000, year / 100 % 10, year / 10 % 10, year % 10, -3, month / 10, month % 10, -3, day / 10, day % 10,
        ]
        return String(decoding: digits.map { UInt8(0x30 + $0) }, as: UTF8.self)
    }

    /// The same through the C library, for any year.
    static func gmtimeDay(_ seconds: Double) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
    }
}
