import Foundation

/// A compact binary form for the build cache: numbers as LEB128 varints, text as length + UTF-8.
/// Hand-written rather than `Codable`: reading ten thousand parsed notes back must take tens of
/// milliseconds, not the second a JSON round trip of them takes.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func unsigned(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Zigzag, so small negative numbers stay small.
    mutating func int(_ value: Int) {
        unsigned(UInt64(bitPattern: Int64((value << 1) ^ (value >> 63))))
    }

    mutating func fixed(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            unsigned(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func raw(_ other: [UInt8]) { bytes.append(contentsOf: other) }
    mutating func raw(_ other: UnsafeRawBufferPointer) { bytes.append(contentsOf: other) }

    mutating func encode<Value: BinaryCodable>(_ value: Value) { value.encode(to: &self) }
}

/// Bytes to decode, held in memory that does not move: a file mapped read-only (the build
/// cache: its pages come from the page cache, with no copy into fresh memory), or a copy. Never
/// written once made, so threads share it.
final class ReadOnlyBytes: @unchecked Sendable {
    let buffer: UnsafeRawBufferPointer
    private let isMapped: Bool

    init(_ bytes: [UInt8]) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, bytes.count), alignment: 8)
        bytes.withUnsafeBytes { copy.copyMemory(from: $0) }
        buffer = UnsafeRawBufferPointer(rebasing: copy[..<bytes.count])
        isMapped = false
    }

    /// The whole of an open file, mapped; nil when it cannot be (then read it instead). Whoever
    /// replaces the file must write a new one and rename it, never truncate it: the cache does.
    init?(mapping descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size > 0,
            let start = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, 0),
            start != MAP_FAILED
        else { return nil }
        buffer = UnsafeRawBufferPointer(start: start, count: Int(info.st_size))
        isMapped = true
    }

    /// An open file's bytes: mapped, or read where it cannot be mapped.
    static func contents(of descriptor: Int32) -> ReadOnlyBytes? {
        ReadOnlyBytes(mapping: descriptor)
            ?? NoteParser.readFile(descriptor: descriptor).map { ReadOnlyBytes($0.bytes) }
    }

    deinit {
        if isMapped {
            munmap(UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count)
        } else {
            UnsafeMutableRawPointer(mutating: buffer.baseAddress)?.deallocate()
        }
    }
}

struct BinaryReader {
    struct Corrupt: Error {}

    /// Keeps `bytes` alive.
    let owner: ReadOnlyBytes
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.init(ReadOnlyBytes(bytes), offset: offset)
    }

    init(_ bytes: ReadOnlyBytes, offset: Int = 0) {
        owner = bytes
        self.bytes = bytes.buffer
        self.offset = offset
    }

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func unsigned() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw Corrupt() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func int() throws -> Int {
        let zigzag = try unsigned()
        return Int(Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1))))
    }

    mutating func count() throws -> Int {
        let value = try unsigned()
        guard value <= UInt64(bytes.count - offset) else { throw Corrupt() }  // each item takes a byte at least
        return Int(value)
    }

    mutating func fixed() throws -> UInt64 {
        guard offset + 8 <= bytes.count else { throw Corrupt() }
        var value: UInt64 = 0
        for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
        offset += 8
        return value
    }

    mutating func bool() throws -> Bool {
        guard offset < bytes.count else { throw Corrupt() }
        offset += 1
        return bytes[offset - 1] != 0
    }

    mutating func string() throws -> String {
        let length = try count()
        defer { offset += length }
        let start = offset
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<start + length]), as: UTF8.self)
    }

    /// The next `length` bytes, unread.
    mutating func skip(_ length: Int) throws -> Range<Int> {
        guard length >= 0, offset + length <= bytes.count else { throw Corrupt() }
        defer { offset += length }
        return offset..<offset + length
    }

    mutating func decode<Value: BinaryCodable>(_: Value.Type = Value.self) throws -> Value { try Value(from: &self) }
}

protocol BinaryCodable {
    func encode(to writer: inout BinaryWriter)
    init(from reader: inout BinaryReader) throws
}

extension String: BinaryCodable {
    func encode(to writer: inout BinaryWriter) { writer.string(self) }
    init(from reader: inout BinaryReader) throws { self = try reader.string() }
}

extension Int: BinaryCodable {
    func encode(to writer: inout BinaryWriter) { writer.int(self) }
    init(from reader: inout BinaryReader) throws { self = try reader.int() }
}

extension Bool: BinaryCodable {
    func encode(to writer: inout BinaryWriter) { writer.bool(self) }
    init(from reader: inout BinaryReader) throws { self = try reader.bool() }
}

extension Double: BinaryCodable {
    func encode(to writer: inout BinaryWriter) { writer.fixed(bitPattern) }
    init(from reader: inout BinaryReader) throws { self = Double(bitPattern: try reader.fixed()) }
}

extension Optional: BinaryCodable where Wrapped: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.bool(self != nil)
        if let value = self { value.encode(to: &writer) }
    }

    init(from reader: inout BinaryReader) throws {
        self = try reader.bool() ? try Wrapped(from: &reader) : nil
    }
}

extension Array: BinaryCodable where Element: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.unsigned(UInt64(count))
        for element in self { element.encode(to: &writer) }
    }

    init(from reader: inout BinaryReader) throws {
        let count = try reader.count()
        self = []
        reserveCapacity(count)
        for _ in 0..<count { append(try Element(from: &reader)) }
    }
}

extension Set: BinaryCodable where Element: BinaryCodable {
    func encode(to writer: inout BinaryWriter) { Array(self).encode(to: &writer) }
    init(from reader: inout BinaryReader) throws { self = Set(try [Element](from: &reader)) }
}

extension Dictionary: BinaryCodable where Key: BinaryCodable, Value: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.unsigned(UInt64(count))
        for (key, value) in self {
            key.encode(to: &writer)
            value.encode(to: &writer)
        }
    }

    init(from reader: inout BinaryReader) throws {
        let count = try reader.count()
        self = [:]
        reserveCapacity(count)
        for _ in 0..<count {
            let key = try Key(from: &reader)
            self[key] = try Value(from: &reader)
        }
    }
}

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
    }

    init(from reader: inout BinaryReader) throws {
        self.init(level: try reader.int(), text: try reader.string(), id: try reader.string(), line: try reader.int())
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

extension BinaryWriter {
    /// Plain values copied as they lie in memory: only for trivial types, read back by the same
    /// binary (the cache names the binary that wrote it).
    mutating func memory<Value: BitwiseCopyable>(_ values: [Value]) {
        unsigned(UInt64(values.count))
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
}

extension BinaryReader {
    mutating func memory<Value: BitwiseCopyable>(_: Value.Type = Value.self) throws -> [Value] {
        let count = try count()
        guard count <= Int.max / MemoryLayout<Value>.stride else { throw Corrupt() }
        let range = try skip(count * MemoryLayout<Value>.stride)
        return [Value](unsafeUninitializedCapacity: count) { values, initialized in
            UnsafeMutableRawBufferPointer(values).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[range]))
            initialized = count
        }
    }
}

extension SearchIndexState: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        _ = encode(into: &writer, flushing: nil)
    }

    /// The same bytes as `encode(to:)`; with `flush`, handed to it a megabyte or so at a time (at
    /// 100,000 notes the state is over a hundred megabytes, too much to hold twice while writing
    /// it), and false when `flush` fails.
    func encode(into writer: inout BinaryWriter, flushing flush: (([UInt8]) -> Bool)?) -> Bool {
        func flushIfFull() -> Bool {
            guard let flush, writer.bytes.count >= 1 << 20 else { return true }
            defer { writer = BinaryWriter(capacity: 1 << 21) }
            return flush(writer.bytes)
        }
        func encode<Element: BinaryCodable>(_ values: [Element]) -> Bool {
            writer.unsigned(UInt64(values.count))
            for value in values {
                value.encode(to: &writer)
                guard flushIfFull() else { return false }
            }
            return true
        }
        guard encode(notes), encode(pages.map(\.string)), encode(records) else { return false }
        writer.memory(lengths)
        guard flushIfFull(), encode(terms) else { return false }
        for list in postings {
            writer.memory(list)
            guard flushIfFull() else { return false }
        }
        return true
    }

    init(from reader: inout BinaryReader) throws {
        notes = try reader.decode()
        pages = try reader.decode([String].self).map(SitePath.init)
        records = try reader.decode()
        lengths = try reader.memory()
        terms = try reader.decode()
        postings = []
        postings.reserveCapacity(terms.count)
        for _ in terms { postings.append(try reader.memory()) }
        let count = notes.count
        guard pages.count == count, records.count == count, lengths.count == count,
            postings.allSatisfy({ $0.allSatisfy { Int($0.note) < count } })
        else { throw BinaryReader.Corrupt() }
    }
}

extension SearchIndexLayout: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.int(notes)
        writer.encode(symbolOrder)
        writer.int(symbolRice)
        writer.int(sectionRice)
        writer.memory(symbols.bytes)
        writer.memory(symbols.ends)
        writer.memory(entries.bytes)
        writer.memory(entries.ends)
    }

    init(from reader: inout BinaryReader) throws {
        notes = try reader.int()
        symbolOrder = try reader.decode()
        symbolRice = try reader.int()
        sectionRice = try reader.int()
        symbols = FlatBytes(bytes: try reader.memory(), ends: try reader.memory())
        entries = FlatBytes(bytes: try reader.memory(), ends: try reader.memory())
        // Ends rise and stay within their bytes; one entry per term's symbols.
        func valid(_ flat: FlatBytes) -> Bool {
            zip(flat.ends, flat.ends.dropFirst()).allSatisfy { $0 <= $1 }
                && (flat.ends.last.map { Int($0) <= flat.bytes.count } ?? true)
        }
        guard symbols.count == entries.count, valid(symbols), valid(entries),
            symbolOrder.allSatisfy({ (0..<SearchIndexBuilder.SymbolTable.size).contains($0) })
        else { throw BinaryReader.Corrupt() }
    }
}
