import Foundation

/// What a build learnt, kept in the output folder as `.trellis-cache` so that the next `trellis
/// build` starts where this one ended: it re-parses only the notes whose bytes changed and
/// re-renders only the pages that show them, as `trellis serve` does between saves.
///
/// It holds published notes as parsed and, of unpublished ones, only what links need (names,
/// headings, block ids, links), never their text; its strings are stored with their bytes inverted.
///
/// The cache is only trusted whole: it names the Trellis binary that wrote it (`key`), the config
/// and the theme it was built with, and it is deleted when a build starts and written again only
/// when the build has put every page in place — a build that is killed or fails leaves no cache,
/// and the next build is a full one.
struct BuildCache {
    static let fileName = ".trellis-cache"
    /// Bumped whenever the stored shape changes.
    static let formatVersion = 2
    private static let magic = Array("TRELLIS-CACHE\n".utf8)

    /// Every note, in the vault's order, with its file's stamp when it was read.
    var notes: [Note]
    var stamps: [VaultPath: FileStamp]
    var attachments: [VaultPath]
    var attachmentStamps: [VaultPath: FileStamp]
    var resolutions: [VaultPath: [Resolution]]
    var diagnostics: [Diagnostic]
    var home: VaultPath?
    var configFingerprint: String
    var themeFingerprint: String
    var indexFiles: [String]
    /// What the search index was made of, so the next build re-analyses only edited notes.
    var search: SearchIndexState?
    /// The file this cache was loaded from, whose records of unchanged notes the next one copies.
    var source: CacheSource?

    static func url(in output: URL) -> URL { output.appendingPathComponent(fileName) }

    /// The cache in `output`, if one is there, readable, and written by a binary with this `key`.
    static func load(from output: URL, key: String, jobs: Int?) -> BuildCache? {
        let descriptor = open(url(in: output).path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var kept = false
        defer { if !kept { close(descriptor) } }
        guard let bytes = ReadOnlyBytes(mapping: descriptor) ?? NoteParser.readFile(descriptor: descriptor).map({ ReadOnlyBytes($0.bytes) }),
            bytes.buffer.starts(with: magic)
        else { return nil }
        do {
            var reader = BinaryReader(bytes, offset: magic.count)
            guard try reader.int() == formatVersion, try reader.string() == key else { return nil }
            let configFingerprint = try reader.string()
            let themeFingerprint = try reader.string()
            let attachments: [VaultPath] = try reader.decode()
            let attachmentStamps: [FileStamp] = try reader.decode()
            let home: VaultPath? = try reader.decode()
            let indexFiles: [String] = try reader.decode()
            let diagnostics: [Diagnostic] = try reader.decode()
            // Each note is stored with its length, so they decode in parallel.
            let count = try reader.count()
            var ranges: [Range<Int>] = []
            var records: [Range<Int>] = []
            ranges.reserveCapacity(count)
            records.reserveCapacity(count)
            for _ in 0..<count {
                let start = reader.offset
                ranges.append(try reader.skip(try reader.count()))
                records.append(start..<reader.offset)
            }
            // The search index's state, after the notes, decodes alongside them: it is the
            // first piece of work handed out, a range of nil.
            let searchStart = reader.offset
            var decoded = Parallel.map([nil] + ranges, jobs: jobs) { range -> Decoded in
                guard let range else {
                    var searchReader = BinaryReader(bytes, offset: searchStart)
                    // (Not `try?`, which would read a damaged state as no state.)
                    do { return .search(try searchReader.decode(SearchIndexState?.self)) } catch { return .damaged }
                }
                var noteReader = BinaryReader(bytes, offset: range.lowerBound)
                do { return .note(try CachedNote(from: &noteReader)) } catch { return .damaged }
            }
            guard case .search(let search) = decoded.removeFirst() else { return nil }
            var notes: [Note] = []
            var stamps: [VaultPath: FileStamp] = [:]
            var resolutions: [VaultPath: [Resolution]] = [:]
            var recordOf: [VaultPath: Range<Int>] = [:]
            notes.reserveCapacity(count)
            for (piece, record) in zip(decoded, records) {
                guard case .note(let entry) = piece else { return nil }
                notes.append(entry.note)
                stamps[entry.note.path] = entry.stamp
                resolutions[entry.note.path] = entry.resolutions
                recordOf[entry.note.path] = record
            }
            guard attachments.count == attachmentStamps.count else { return nil }
            kept = true
            return BuildCache(
                notes: notes, stamps: stamps, attachments: attachments,
                attachmentStamps: Dictionary(uniqueKeysWithValues: zip(attachments, attachmentStamps)),
                resolutions: resolutions, diagnostics: diagnostics, home: home, configFingerprint: configFingerprint,
                themeFingerprint: themeFingerprint, indexFiles: indexFiles, search: search,
                source: CacheSource(descriptor: descriptor, records: recordOf))
        } catch {
            return nil
        }
    }

    /// Writes the cache into `output`: under a temporary name, a thousand notes at a time (so a
    /// vault of 100,000 notes never holds its whole cache in memory), then renamed into place.
    /// The records of notes in `source` but not in `changed` (their note, stamp and resolutions
    /// as that file has them) are copied from it rather than encoded again.
    func write(to output: URL, key: String, jobs: Int?, reusing source: CacheSource? = nil, changed: Set<VaultPath> = [])
        throws
    {
        guard writeTemporary(to: output, key: key, jobs: jobs, reusing: source, changed: changed),
            BuildCache.commit(in: output)
        else {
            BuildCache.remove(from: output)
            throw CacheError(path: BuildCache.url(in: output).path)
        }
    }

    /// Puts the cache `writeTemporary` wrote in place; false when it cannot.
    static func commit(in output: URL) -> Bool {
        let final = url(in: output).path
        return rename(final + ".tmp", final) == 0
    }

    /// `write` without its last step, `commit`: the cache under a temporary name, not yet
    /// trusted by the next build. False when it cannot be written.
    func writeTemporary(
        to output: URL, key: String, jobs: Int?, reusing source: CacheSource? = nil, changed: Set<VaultPath> = []
    ) -> Bool {
        let temporary = BuildCache.url(in: output).path + ".tmp"
        guard let file = OutputFile(path: temporary) else { return false }
        var header = BinaryWriter()
        header.raw(BuildCache.magic)
        header.int(BuildCache.formatVersion)
        header.string(key)
        header.string(configFingerprint)
        header.string(themeFingerprint)
        header.encode(attachments)
        header.encode(attachments.map { attachmentStamps[$0] ?? FileStamp(size: -1, modified: -1) })
        header.encode(home)
        header.encode(indexFiles)
        header.encode(diagnostics)
        header.unsigned(UInt64(notes.count))
        var complete = file.write(header.bytes)
        var records = RecordWriter(file: file, source: source)
        for start in stride(from: 0, to: notes.count, by: 1024) where complete {
            let parts = Parallel.map(Array(start..<min(notes.count, start + 1024)), jobs: jobs) { [notes] index -> Record in
                if let source, !changed.contains(notes[index].path), let record = source.records[notes[index].path] {
                    return .copied(record)
                }
                let note = notes[index]
                var part = BinaryWriter()
                part.encode(
                    CachedNote(
                        note: note.isPublished ? note : note.withoutContent,
                        stamp: stamps[note.path] ?? FileStamp(size: -1, modified: -1),
                        resolutions: resolutions[note.path] ?? []))
                return .encoded(part.bytes)
            }
            complete = parts.allSatisfy { records.append($0) }
        }
        complete = complete && records.finish()
        if complete {
            var tail = BinaryWriter()
            if let search {
                tail.bool(true)
                complete = search.encode(into: &tail, flushing: file.write)
            } else {
                tail.bool(false)
            }
            complete = complete && file.write(tail.bytes)
        }
        guard file.close(), complete else {
            unlink(temporary)
            return false
        }
        return true
    }

    struct CacheError: Error, CustomStringConvertible {
        var path: String
        var description: String { "cannot write the build cache \(path): \(String(cString: strerror(errno)))" }
    }

    /// Deletes the cache in `output`: the site there is about to change.
    static func remove(from output: URL) {
        unlink(url(in: output).path)
        unlink(url(in: output).path + ".tmp")  // a write that was killed
    }

    /// A piece of the cache decoded in parallel with the others.
    private enum Decoded {
        case note(CachedNote)
        case search(SearchIndexState?)
        case damaged
    }

    /// A note's record: encoded now, or the bytes of the source file that already hold it.
    private enum Record {
        case encoded([UInt8])
        case copied(Range<Int>)
    }

    /// Appends records to the cache file: encoded ones gathered into blocks, copied ones joined
    /// into runs where they lie one after another in the source (most of the file, after an edit)
    /// and copied by the kernel.
    private struct RecordWriter {
        let file: OutputFile
        let source: CacheSource?
        /// Only one of them holds anything at a time, so records stay in order.
        private var block = BinaryWriter()
        private var run: Range<Int>?

        init(file: OutputFile, source: CacheSource?) {
            self.file = file
            self.source = source
        }

        mutating func append(_ record: Record) -> Bool {
            switch record {
            case .encoded(let bytes):
                guard flushRun() else { return false }
                block.unsigned(UInt64(bytes.count))
                block.raw(bytes)
                return block.bytes.count < 1 << 20 || flushBlock()
            case .copied(let range):
                if let current = run, current.upperBound == range.lowerBound {
                    run = current.lowerBound..<range.upperBound
                    return true
                }
                guard flushBlock(), flushRun() else { return false }
                run = range
                return true
            }
        }

        mutating func finish() -> Bool { flushRun() && flushBlock() }

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

    private struct CachedNote: BinaryCodable {
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

/// The cache file a build started from, kept open — a build removes the cache when it starts —
/// so that the next cache can copy from it the records of the notes that did not change.
final class CacheSource: Sendable {
    let descriptor: Int32
    /// Where each note's record lies in the file, its length included.
    let records: [VaultPath: Range<Int>]

    init(descriptor: Int32, records: [VaultPath: Range<Int>]) {
        self.descriptor = descriptor
        self.records = records
    }

    deinit { close(descriptor) }
}

extension Note {
    /// An unpublished note as the cache keeps it: what links to it and from it need (its names,
    /// headings, block ids and links), not its text, which no page shows.
    var withoutContent: Note {
        var stub = self
        stub.markdown.html = ""
        stub.markdown.blockHTML = [:]
        stub.markdown.sections = []
        return stub
    }
}

extension Config {
    /// Every setting in a fixed order, to tell whether a cached build used the same config.
    var fingerprint: String {
        var parts = [title, baseURL ?? "-", home ?? "-", theme ?? "-", output ?? "-", ignore.joined(separator: "\u{1}")]
        parts += ["\(unsafeHTML)", "\(aliasesResolve)", ambiguous.rawValue]
        parts += severities.map { "\($0.key.rawValue)=\($0.value?.rawValue ?? "off")" }.sorted()
        return parts.joined(separator: "\u{0}")
    }
}
