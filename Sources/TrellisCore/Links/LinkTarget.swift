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
        // Nearly every target is ASCII, where a byte is a character: read it on bytes, without
        // the character-by-character work the general reading needs.
        if let target = text.utf8.withContiguousStorageIfAvailable(LinkTarget.parsingASCII) ?? nil {
            self = target
        } else {
            self.init(parsingCharacters: text)
        }
    }

    /// The general reading, on Unicode scalars (as Obsidian splits a target at each `#` it
    /// holds: a `#` that a combining mark follows is one Character with it, but still a `#`);
    /// `parsingASCII` must agree with it on ASCII text.
    init(parsingCharacters text: String) {
        let trimmed = text.trimmingWhitespace()
        let scalars = trimmed.unicodeScalars
        guard let hash = scalars.firstIndex(of: "#") else {
            self.init(path: trimmed)
            return
        }
        let path = String(scalars[..<hash]).trimmingWhitespace()
        let rest = scalars[scalars.index(after: hash)...]
        if rest.first == "^" {
            self.init(path: path, subpath: .block(String(rest.dropFirst()).trimmingWhitespace()))
        } else {
            let headings = rest.split(separator: "#").map { String($0).trimmingWhitespace() }
                .filter { !$0.isEmpty }
            self.init(path: path, subpath: headings.isEmpty ? .none : .heading(headings))
        }
    }

    /// `init(parsingCharacters:)` on the bytes of an all-ASCII target; nil for any other text.
    static func parsingASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> LinkTarget? {
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        /// The text of `range` without white space at either end.
        func trimmed(_ range: Range<Int>) -> String {
            var (start, end) = (range.lowerBound, range.upperBound)
            while start < end, isWhitespace(bytes[start]) { start += 1 }
            while end > start, isWhitespace(bytes[end - 1]) { end -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        let hash = UInt8(ascii: "#")
        guard let first = bytes.firstIndex(of: hash) else { return LinkTarget(path: trimmed(0..<bytes.count)) }
        let path = trimmed(0..<first)
        if first + 1 < bytes.count, bytes[first + 1] == UInt8(ascii: "^") {
            return LinkTarget(path: path, subpath: .block(trimmed(first + 2..<bytes.count)))
        }
        var headings: [String] = []
        var cursor = first + 1
        while cursor < bytes.count {
            let end = bytes[cursor...].firstIndex(of: hash) ?? bytes.count
            let heading = trimmed(cursor..<end)
            if !heading.isEmpty { headings.append(heading) }
            cursor = end + 1
        }
        return LinkTarget(path: path, subpath: headings.isEmpty ? .none : .heading(headings))
    }

    /// Unicode's White_Space in ASCII, as `trimmingWhitespace` has it.
    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

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

    /// Whether the page shows what it resolved to in place: an embed, or a Markdown image of a
    /// note (`![](Other%20Note.md)`), which is how Obsidian writes an embed when wiki links are
    /// turned off, and embeds the note.
    public func embeds(_ resolution: Resolution) -> Bool {
        kind == .embed || (kind == .markdownImage && resolution.notePath != nil)
    }

    /// Whether it may embed a note (`embeds`, before it is resolved).
    public var mayEmbed: Bool { kind == .embed || kind == .markdownImage }
}
