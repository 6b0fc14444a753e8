import Foundation

/// The YAML block at the top of a note, reduced to the fields Trellis uses.
public struct Frontmatter: Sendable, Equatable {
    public var title: String?
    public var aliases: [String] = []
    public var tags: [String] = []
    /// The `date` as written (`2026-11-01`), for display and sorting.
    public var date: String?
    public var draft = false
    /// `publish: false` keeps a note out of the site, as in Obsidian Publish.
    public var publish = true
    public var description: String?
    /// The other fields, in the order written, for the page to show (`PropertyReader`).
    public var properties: [Property] = []
    /// The `[[links]]` in `properties`, in order: they resolve, and feed the graph, as body links do.
    public var propertyLinks: [Reference] = []
    /// `properties: show` or `hide`: this note's own choice; nil follows trellis.toml.
    public var propertyDisplay: PropertyDisplay?
    /// `cssclasses` (or the older `cssclass`): classes the note's page carries, for a theme or
    /// CSS snippet to style it, as in Obsidian.
    public var cssClasses: [String] = []

    public init() {}

    /// Whether the note becomes a page.
    public var isPublished: Bool { publish && !draft }
}

/// The frontmatter's YAML text and the note's body, cut apart so cmark never sees the YAML.
public struct FrontmatterSplit: Sendable {
    /// The YAML between the `---` lines, or nil when the note has no frontmatter.
    public var yaml: String?
    /// The 1-based file line where the YAML starts (the line after the opening `---`).
    public var yamlFirstLine: Int
    /// The note with the frontmatter lines blanked out (their line endings kept), so that cmark's
    /// line and column numbers are the file's own.
    public var body: [UInt8]

    /// Splits `---`-delimited frontmatter off the top of a note. The closing line is `---` or `...`.
    public static func split(_ source: SourceText) -> FrontmatterSplit {
        let bytes = source.bytes
        let starts = source.lineStarts
        guard starts.count > 1, mayBeFence(bytes, starts, 0), lineContent(bytes, starts, 0) == "---" else {
            return FrontmatterSplit(yaml: nil, yamlFirstLine: 0, body: bytes)
        }
        for line in 1..<starts.count where mayBeFence(bytes, starts, line) {
            let content = lineContent(bytes, starts, line)
            guard content == "---" || content == "..." else { continue }
            let yamlBytes = bytes[starts[1]..<starts[line]]
            var body = bytes
            let end = line + 1 < starts.count ? starts[line + 1] : bytes.count
            for index in 0..<end where body[index] != 0x0A && body[index] != 0x0D {
                body[index] = 0x20  // keep every offset of the body where it was
            }
            return FrontmatterSplit(
                yaml: String(decoding: yamlBytes, as: UTF8.self), yamlFirstLine: 2, body: body)
        }
        return FrontmatterSplit(yaml: nil, yamlFirstLine: 0, body: bytes)  // never closed: plain text
    }

    /// Whether the line starts with the byte of a fence, `-` or `.`: most lines do not, and need
    /// no text made of them.
    private static func mayBeFence(_ bytes: [UInt8], _ starts: [Int], _ line: Int) -> Bool {
        starts[line] < bytes.count
            && (bytes[starts[line]] == UInt8(ascii: "-") || bytes[starts[line]] == UInt8(ascii: "."))
    }

    private static func lineContent(_ bytes: [UInt8], _ starts: [Int], _ line: Int) -> Substring {
        let end = line + 1 < starts.count ? starts[line + 1] : bytes.count
        var text = String(decoding: bytes[starts[line]..<end], as: UTF8.self)[...]
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return text
    }
}
