import Foundation

/// Where a link points, as its author wrote it: a note or file, and an optional part of it.
///
/// `Networking#How does DNS work` is the note `Networking` and the heading `How does DNS work`;
/// `#Reading order` is a heading of the linking note itself; `Queues#^fifo` is a block.
public struct LinkTarget: Sendable, Hashable {
    public enum Subpath: Sendable, Hashable {
        case none
        /// A heading path: `[A, B]` is heading B under heading A.
        case heading([String])
        case block(String)
    }

    /// The note or file part (`Networking`, `folder/Note.md`, `chart.png`); empty for the same note.
    public var path: String
    public var subpath: Subpath

    public init(path: String, subpath: Subpath = .none) {
        self.path = path
        self.subpath = subpath
    }

    /// Reads `Note#Heading#Sub`, `Note#^id`, `#Heading` or `Note`.
    public init(parsing text: String) {
        let trimmed = text.trimmingWhitespace()
        guard let hash = trimmed.firstIndex(of: "#") else {
            self.init(path: trimmed)
            return
        }
        let path = String(trimmed[..<hash]).trimmingWhitespace()
        let rest = trimmed[trimmed.index(after: hash)...]
        if rest.hasPrefix("^") {
            self.init(path: path, subpath: .block(String(rest.dropFirst()).trimmingWhitespace()))
        } else {
            let headings = rest.split(separator: "#").map { String($0).trimmingWhitespace() }
                .filter { !$0.isEmpty }
            self.init(path: path, subpath: headings.isEmpty ? .none : .heading(headings))
        }
    }

    /// True for `[[#Heading]]`: a part of the linking note itself.
    public var isSameNote: Bool { path.isEmpty }
}

/// One link, embed or image in a note, in the order it appears.
public struct Reference: Sendable, Hashable {
    public enum Kind: String, Sendable {
        /// `[[Note]]`
        case wikiLink
        /// `![[Note]]`, `![[image.png|300]]`
        case embed
        /// `[text](Note.md#Heading)`
        case markdownLink
        /// `![alt](media/chart.png)`
        case markdownImage
    }

    public var kind: Kind
    public var target: LinkTarget
    /// The target as written, without its label (`Queues#Front pressure`), percent-decoded.
    public var written: String
    /// The text after `|` in a wiki link; for an embed, its size or caption. For a Markdown image,
    /// its alt text.
    public var label: String?
    /// 1-based line and character column of the link's first character (`!` of an embed).
    public var line: Int
    public var column: Int

    public init(kind: Kind, target: LinkTarget, written: String, label: String?, line: Int, column: Int) {
        self.kind = kind
        self.target = target
        self.written = written
        self.label = label
        self.line = line
        self.column = column
    }

    /// Markdown links are resolved relative to the note's folder first, as Markdown tools do.
    public var isPathRelative: Bool { kind == .markdownLink || kind == .markdownImage }
}
