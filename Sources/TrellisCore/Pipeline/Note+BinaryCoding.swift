import Foundation

// How the build cache stores what parse and resolve made of a note: its frontmatter and
// properties, its parsed Markdown, references, diagnostics, resolutions and file stamp
// (the byte format itself is in BinaryCoding.swift).

extension SourcePlace: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.int(line)
        writer.int(column)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(line: try reader.int(), column: try reader.int())
    }
}

extension MathProblem: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.encode(place)
        writer.string(message)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(place: try reader.decode(), message: try reader.string())
    }
}

/// Enums stored by their raw value, which the cache's format version pins.
extension BinaryCodable where Self: RawRepresentable, RawValue == String {
    func encode(to writer: inout BinaryWriter) { writer.string(rawValue) }
    init(from reader: inout BinaryReader) throws {
        guard let value = Self(rawValue: try reader.string()) else { throw BinaryReader.Corrupt() }
        self = value
    }
}

extension Reference.Kind: BinaryCodable {}
extension Diagnostic.Severity: BinaryCodable {}
extension Diagnostic.Code: BinaryCodable {}

extension VaultPath: BinaryCodable {
    func encode(to writer: inout BinaryWriter) { writer.string(string) }
    init(from reader: inout BinaryReader) throws { self.init(try reader.string()) }
}

extension Frontmatter: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.encode(title)
        writer.encode(aliases)
        writer.encode(tags)
        writer.encode(date)
        writer.bool(draft)
        writer.bool(publish)
        writer.encode(description)
        writer.encode(properties)
        writer.encode(propertyLinks)
        writer.encode(propertyDisplay)
        writer.encode(cssClasses)
    }

    init(from reader: inout BinaryReader) throws {
        self.init()
        title = try reader.decode()
        aliases = try reader.decode()
        tags = try reader.decode()
        date = try reader.decode()
        draft = try reader.bool()
        publish = try reader.bool()
        description = try reader.decode()
        properties = try reader.decode()
        propertyLinks = try reader.decode()
        propertyDisplay = try reader.decode()
        cssClasses = try reader.decode()
    }
}

extension PropertyDisplay: BinaryCodable {}

extension Property: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.string(name)
        writer.bool(isList)
        writer.encode(values)
    }

    init(from reader: inout BinaryReader) throws {
        let name = try reader.string()
        let isList = try reader.bool()
        self.init(name: name, values: try reader.decode(), isList: isList)
    }
}

extension Property.Piece: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        switch self {
        case .text(let text):
            writer.unsigned(0)
            writer.string(text)
        case .link(let index):
            writer.unsigned(1)
            writer.int(index)
        case .url(let url):
            writer.unsigned(2)
            writer.string(url)
        case .date(let date):
            writer.unsigned(3)
            writer.string(date)
        }
    }

    init(from reader: inout BinaryReader) throws {
        switch try reader.unsigned() {
        case 0: self = .text(try reader.string())
        case 1: self = .link(try reader.int())
        case 2: self = .url(try reader.string())
        case 3: self = .date(try reader.string())
        default: throw BinaryReader.Corrupt()
        }
    }
}

extension ParsedMarkdown.Heading: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.int(level)
        writer.string(text)
        writer.string(id)
        writer.int(line)
        writer.string(written == text ? "" : written)
    }

    init(from reader: inout BinaryReader) throws {
        let (level, text, id, line) = (try reader.int(), try reader.string(), try reader.string(), try reader.int())
        let written = try reader.string()
        self.init(level: level, text: text, id: id, line: line, written: written.isEmpty ? text : written)
    }
}

extension ParsedMarkdown.Section: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.encode(headingID)
        writer.encode(heading)
        storedText.encode(to: &writer)
        storedCode.encode(to: &writer)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(
            headingID: try reader.decode(), heading: try reader.decode(), storedText: try StoredText(from: &reader),
            storedCode: try StoredText(from: &reader))
    }
}

extension LinkTarget: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.string(path)
        switch subpath {
        case .none:
            writer.unsigned(0)
        case .heading(let headings):
            writer.unsigned(1)
            writer.encode(headings)
        case .block(let id):
            writer.unsigned(2)
            writer.string(id)
        }
    }

    init(from reader: inout BinaryReader) throws {
        let path = try reader.string()
        switch try reader.unsigned() {
        case 0: self.init(path: path)
        case 1: self.init(path: path, subpath: .heading(try reader.decode()))
        case 2: self.init(path: path, subpath: .block(try reader.string()))
        default: throw BinaryReader.Corrupt()
        }
    }
}

extension Reference: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.encode(kind)
        writer.encode(target)
        writer.string(written)
        writer.encode(label)
        writer.int(line)
        writer.int(column)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(
            kind: try reader.decode(), target: try reader.decode(), written: try reader.string(),
            label: try reader.decode(),
            line: try reader.int(), column: try reader.int())
    }
}

extension Diagnostic: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.encode(file)
        writer.int(line)
        writer.int(column)
        writer.encode(severity)
        writer.encode(code)
        writer.string(message)
        writer.encode(target)
        writer.encode(suggestion)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(
            file: try reader.decode(), line: try reader.int(), column: try reader.int(), severity: try reader.decode(),
            code: try reader.decode(), message: try reader.string(), target: try reader.decode(),
            suggestion: try reader.decode())
    }
}

extension ParsedMarkdown: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.encode(headings)
        writer.encode(blockIDs)
        writer.encode(blockHTML)
        writer.encode(references)
        storedHTML.encode(to: &writer)
        writer.encode(firstH1)
        writer.bool(startsWithH1)
        writer.encode(sections)
        writer.encode(tags)
        writer.encode(tagMentions)
        writer.encode(omittedHTML)
        writer.encode(unsafeURLs)
        writer.unsigned(UInt64(features.rawValue))
        writer.encode(mathProblems)
    }

    init(from reader: inout BinaryReader) throws {
        self.init()
        headings = try reader.decode()
        blockIDs = try reader.decode()
        blockHTML = try reader.decode()
        references = try reader.decode()
        storedHTML = try StoredText(from: &reader)
        firstH1 = try reader.decode()
        startsWithH1 = try reader.bool()
        sections = try reader.decode()
        tags = try reader.decode()
        tagMentions = try reader.decode()
        omittedHTML = try reader.decode()
        unsafeURLs = try reader.decode()
        guard let features = UInt8(exactly: try reader.unsigned()) else { throw BinaryReader.Corrupt() }
        self.features = ContentFeatures(rawValue: features)
        mathProblems = try reader.decode()
    }
}

extension Note: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.encode(path)
        writer.encode(frontmatter)
        writer.encode(markdown)
        writer.encode(diagnostics)
        writer.encode(modified)
        writer.fixed(contentHash)
        writer.int(fileSize)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(
            path: try reader.decode(), frontmatter: try reader.decode(), markdown: try reader.decode(),
            diagnostics: try reader.decode())
        modified = try reader.decode()
        contentHash = try reader.fixed()
        fileSize = try reader.int()
    }
}

extension Resolution: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        switch self {
        case .note(let path, let anchor):
            writer.unsigned(0)
            writer.encode(path)
            writer.encode(anchor)
        case .attachment(let path):
            writer.unsigned(1)
            writer.encode(path)
        case .dangling:
            writer.unsigned(2)
        case .external:
            writer.unsigned(3)
        case .missingAnchor(let path):
            writer.unsigned(4)
            writer.encode(path)
        }
    }

    init(from reader: inout BinaryReader) throws {
        switch try reader.unsigned() {
        case 0: self = .note(try reader.decode(), anchor: try reader.decode())
        case 1: self = .attachment(try reader.decode())
        case 2: self = .dangling
        case 3: self = .external
        case 4: self = .missingAnchor(try reader.decode())
        default: throw BinaryReader.Corrupt()
        }
    }
}

extension FileStamp: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.int(Int(size))
        writer.int(Int(modified))
    }

    init(from reader: inout BinaryReader) throws {
        self.init(size: Int64(try reader.int()), modified: Int64(try reader.int()))
    }
}
