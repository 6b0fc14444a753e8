/// One frontmatter field the page shows under its title, as Obsidian shows properties: its name
/// and its values, each a run of pieces (text, a `[[link]]`, a URL, a date). Nothing in it is
/// HTML: the page escapes every piece.
public struct Property: Sendable, Equatable {
    /// A part of one value: `see [[Caching]]` is the text `see ` and a link.
    public enum Piece: Sendable, Equatable {
        case text(String)
        /// The n-th of the note's property links (`Frontmatter.propertyLinks`), in order.
        case link(Int)
        /// An `http:`, `https:` or `mailto:` address: the whole value, nothing else.
        case url(String)
        /// A value that is a date (`FrontmatterDate`), as written.
        case date(String)
    }

    public var name: String
    /// One value for a scalar field; one per item for a list.
    public var values: [[Piece]]
    /// Whether the field was written as a list (even of one item): the page shows a list.
    public var isList: Bool

    public init(name: String, values: [[Piece]], isList: Bool) {
        self.name = name
        self.values = values
        self.isList = isList
    }

    /// Fields that are not properties: what the page shows in another place (title, aliases,
    /// tags, date; `description` is the page's description and its feed summary), and what
    /// decides how or whether the note is published. Compared as written, as `FrontmatterParser`
    /// reads its own fields: `Title` is a property. `Aliases` and `Tags` are not (`anyCaseNames`).
    public static let reservedNames: Set<String> = [
        "title", "aliases", "alias", "tags", "tag", "date", "description",
        "publish", "draft", "permalink", "slug", "cssclasses", "cssclass", "properties",
    ]

    /// The keys of aliases and of tags, read in any case (`Aliases:`, `TAGS:`), as Obsidian reads
    /// them (`FrontmatterParser`), in the order their lists are joined.
    static let aliasKeys = ["aliases", "alias"]
    static let tagKeys = ["tags", "tag"]
    private static let anyCaseNames = Set(aliasKeys + tagKeys)

    /// Whether the field `name` is one of Trellis's own, not a property.
    public static func isReserved(_ name: String) -> Bool {
        // (No key read in any case is longer than `aliases`: longer names are not lower-cased.)
        reservedNames.contains(name) || (name.utf8.count <= 7 && anyCaseNames.contains(name.lowercased()))
    }

    /// The frontmatter key a note sets to `show` or `hide` to override `properties` in trellis.toml.
    public static let displayKey = "properties"
}

/// Whether pages show their frontmatter properties: `properties = "show"` (the default) or
/// `"hide"` in trellis.toml, and `properties: show|hide` in a note's frontmatter for that note.
public enum PropertyDisplay: String, Sendable, Equatable {
    case show, hide
}
