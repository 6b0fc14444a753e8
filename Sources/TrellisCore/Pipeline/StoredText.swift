/// A string a parsed note holds: a value, or a string still encoded in the build cache's notes
/// file, decoded each time it is asked for. A second build restores every note from the cache
/// but shows only a few of their pages, so it leaves ten thousand pages of HTML and search text
/// where they are (a fifth of decoding the cache), and copies them as they are into the next one.
struct StoredText: Sendable, Equatable {
    private enum Storage {
        case value(String)
        /// The encoded string (length and bytes) in the mapped notes file, which it keeps alive.
        case encoded(ReadOnlyBytes, Range<Int>)
    }

    private let storage: Storage

    init(_ value: String) { storage = .value(value) }

    /// Reads past the next encoded string, leaving it where it is.
    init(from reader: inout BinaryReader) throws {
        let start = reader.offset
        _ = try reader.skip(try reader.count())
        storage = .encoded(reader.owner, start..<reader.offset)
    }

    var value: String {
        switch storage {
        case .value(let value):
            return value
        case .encoded(let bytes, let range):
            var reader = BinaryReader(bytes, offset: range.lowerBound)
            // Its length was checked against the file when it was read, and `string()` takes any bytes.
            return (try? reader.string()) ?? ""
        }
    }

    /// Equal when the strings are, however each is held.
    static func == (lhs: StoredText, rhs: StoredText) -> Bool { lhs.value == rhs.value }

    func encode(to writer: inout BinaryWriter) {
        switch storage {
        case .value(let value): writer.string(value)
        case .encoded(let bytes, let range): writer.raw(UnsafeRawBufferPointer(rebasing: bytes.buffer[range]))
        }
    }
}
