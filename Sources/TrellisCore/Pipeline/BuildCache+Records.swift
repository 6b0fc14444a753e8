import Foundation

/// The records of the build cache's notes file, and how they are written (`BuildCache`).
extension BuildCache {
    /// A note's record: encoded now, or where the source's notes file already has it.
    enum Record {
        case encoded([UInt8])
        case kept(Range<Int>)
    }

    /// Writes records into a notes file and says where each lies: encoded ones gathered into
    /// blocks; kept ones left where they are when appending, else copied from the source by the
    /// kernel, joined into runs where they lie one after another there.
    struct RecordWriter {
        let file: OutputFile
        let source: CacheSource?
        /// Where the next byte goes.
        private(set) var end: Int
        /// Only one of them holds anything at a time, so records stay in order.
        private var block = BinaryWriter()
        private var run: Range<Int>?
        private var failed = false

        init(file: OutputFile, source: CacheSource?, start: Int) {
            self.file = file
            self.source = source
            end = start
        }

        /// Bytes at the end; a failure shows in `finish()`.
        mutating func write(_ bytes: [UInt8]) {
            guard !failed, flushRun() else {
                failed = true
                return
            }
            block.raw(bytes)
            end += bytes.count
            if block.bytes.count >= 1 << 20 && !flushBlock() { failed = true }
        }

        /// Where `record` is in the file once written; nil once writing failed.
        mutating func place(_ record: Record, keepingPlace: Bool) -> Range<Int>? {
            guard !failed else { return nil }
            switch record {
            case .encoded(let bytes):
                let start = end
                write(bytes)
                return failed ? nil : start..<end
            case .kept(let range) where keepingPlace:
                return range
            case .kept(let range):
                let start = end
                end += range.count
                if let current = run, current.upperBound == range.lowerBound {
                    run = current.lowerBound..<range.upperBound
                } else {
                    failed = !(flushBlock() && flushRun())
                    run = range
                }
                return failed ? nil : start..<end
            }
        }

        mutating func finish() -> Bool { !failed && flushRun() && flushBlock() }

        private mutating func flushBlock() -> Bool {
            guard !block.bytes.isEmpty else { return true }
            defer { block = BinaryWriter() }
            return file.write(block.bytes)
        }

        private mutating func flushRun() -> Bool {
            guard let current = run, let source else { return true }
            run = nil
            return file.copy(from: source.descriptor, current)
        }
    }

    struct CachedNote: BinaryCodable {
        var note: Note
        var stamp: FileStamp
        var resolutions: [Resolution]

        init(note: Note, stamp: FileStamp, resolutions: [Resolution]) {
            self.note = note
            self.stamp = stamp
            self.resolutions = resolutions
        }

        func encode(to writer: inout BinaryWriter) {
            writer.encode(note)
            writer.encode(stamp)
            writer.encode(resolutions)
        }

        init(from reader: inout BinaryReader) throws {
            note = try reader.decode()
            stamp = try reader.decode()
            resolutions = try reader.decode()
        }
    }
}

/// The notes file of the cache a build started from, kept open, with where each note's record
/// is in it and how long it was: the next cache keeps the records of the notes that did not
/// change, appending to it, or copies them from it into a new one.
final class CacheSource: Sendable {
    let descriptor: Int32
    let generation: String
    let end: Int
    let records: [VaultPath: Range<Int>]
    /// How many of its bytes are records in use.
    let live: Int

    init(descriptor: Int32, generation: String, end: Int, records: [VaultPath: Range<Int>]) {
        self.descriptor = descriptor
        self.generation = generation
        self.end = end
        self.records = records
        live = records.values.reduce(0) { $0 + $1.count }
    }

    deinit { close(descriptor) }
}
