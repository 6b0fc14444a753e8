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
    /// Its pages are mapped as they are first read, on the cores that read them, not all at once
    /// here: a build after an edit never reads most of a note's record (its HTML, its text).
    init?(mapping descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size > 0,
            let start = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE, descriptor, 0),
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
