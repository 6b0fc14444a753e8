import Foundation

// How the build cache stores the search index's state, so a second build updates the index
// instead of building it again (the byte format itself is in BinaryCoding.swift).

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
        writer.memory(reference)
        writer.memory(margins)
    }

    init(from reader: inout BinaryReader) throws {
        notes = try reader.int()
        symbolOrder = try reader.decode()
        symbolRice = try reader.int()
        sectionRice = try reader.int()
        symbols = FlatBytes(bytes: try reader.memory(), ends: try reader.memory())
        entries = FlatBytes(bytes: try reader.memory(), ends: try reader.memory())
        reference = try reader.memory()
        margins = try reader.memory()
        // Ends rise and stay within their bytes; one entry per term's symbols.
        func valid(_ flat: FlatBytes) -> Bool {
            zip(flat.ends, flat.ends.dropFirst()).allSatisfy { $0 <= $1 }
                && (flat.ends.last.map { Int($0) <= flat.bytes.count } ?? true)
        }
        guard symbols.count == entries.count, valid(symbols), valid(entries), margins.count == entries.count,
            reference.count == SearchScoring.Field.allCases.count, reference.allSatisfy({ $0.isFinite && $0 > 0 }),
            margins.allSatisfy({ $0 >= 0 && $0.isFinite }),
            symbolOrder.allSatisfy({ (0..<SearchIndexBuilder.SymbolTable.size).contains($0) })
        else { throw BinaryReader.Corrupt() }
    }
}
