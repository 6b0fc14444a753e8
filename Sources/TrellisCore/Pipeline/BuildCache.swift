import Foundation

/// What a build learnt, kept in a cache folder (`CacheLocation`) so that the next `trellis build` starts where
/// this one ended: it re-parses only the notes whose bytes changed and re-renders only the pages
/// that show them, as `trellis serve` does between saves.
///
/// Two files: `.trellis-cache-notes` holds each note's record (the note as parsed, its file's
/// stamp, its resolved links); `.trellis-cache` holds the rest (config and theme fingerprints,
/// diagnostics, the search index's state) and where each note's record is. A later build appends
/// the records of the notes it parsed or resolved again and writes `.trellis-cache` anew, so an
/// edit does not write every note's record again; once more than half the notes file is records
/// no longer used, it is written afresh.
///
/// It holds published notes as parsed and, of unpublished ones, only what links need (names,
/// headings, block ids, links), never their text.
///
/// The cache is only trusted whole: it names the Trellis binary that wrote it (`key`), the config
/// and the theme it was built with, and `.trellis-cache` is deleted when a build starts and
/// written again only when the build has put every page in place — a build that is killed or
/// fails leaves no cache, and the next build is a full one. It names the notes file it goes with
/// (a random generation written at the file's start) and how long that file was.
struct BuildCache {
    static let fileName = ".trellis-cache"
    static let notesFileName = ".trellis-cache-notes"
    /// Bumped whenever the stored shape changes.
    static let formatVersion = 12  // (12: headings as written; when the stamps were taken)
    private static let magic = Array("TRELLIS-CACHE\n".utf8)
    private static let notesMagic = Array("TRELLIS-CACHE-NOTES\n".utf8)
    /// How many bytes of records no longer used the notes file may hold beyond as many as are
    /// used before it is written afresh.
    static let slack = 1 << 20

    /// Every note, in the vault's order, with its file's stamp when it was read.
    var notes: [Note]
    var stamps: [VaultPath: FileStamp]
    /// When the stamps were taken (`FileStamp.clock`): a note changed shortly before is read again.
    var stampedAt: Int64
    var attachments: [VaultPath]
    var attachmentStamps: [VaultPath: FileStamp]
    var resolutions: [VaultPath: [Resolution]]
    var diagnostics: [Diagnostic]
    /// The scan's own (`Vault.diagnostics`): a later scan that finds others cannot reuse the
    /// diagnostics above as they are.
    var scanDiagnostics: [Diagnostic]
    var home: VaultPath?
    var configFingerprint: String
    var themeFingerprint: String
    var indexFiles: [String]
    /// What the search index was made of, so the next build re-analyses only edited notes.
    var search: SearchIndexState?
    /// How the search index files in the output were made from `search`.
    var searchLayout: SearchIndexLayout?
    /// The notes file this cache was loaded from, whose records of unchanged notes the next one
    /// keeps (or copies).
    var source: CacheSource?

    static func url(in folder: URL) -> URL { folder.appendingPathComponent(fileName) }
    /// Whether `folder` holds a cache to load (not whether it can be trusted).
    static func exists(in folder: URL) -> Bool { access(url(in: folder).path, F_OK) == 0 }
    static func notesURL(in folder: URL) -> URL { folder.appendingPathComponent(notesFileName) }

    /// The cache in `folder`, if one is there, readable, and written by a binary with this `key`.
    static func load(from folder: URL, key: String, jobs: Int?) -> BuildCache? {
        let descriptor = open(notesURL(in: folder).path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var kept = false
        defer { if !kept { close(descriptor) } }
        // Both files mapped: their pages come from the page cache, with no copy into fresh memory.
        guard let state = mapOrRead(url(in: folder).path), state.buffer.starts(with: magic),
            let records = ReadOnlyBytes.contents(of: descriptor), records.buffer.starts(with: notesMagic)
        else { return nil }
        do {
            var reader = BinaryReader(state, offset: magic.count)
            guard try reader.int() == formatVersion, try reader.string() == key else { return nil }
            let configFingerprint = try reader.string()
            let themeFingerprint = try reader.string()
            let stampedAt = Int64(try reader.int())
            let attachments: [VaultPath] = try reader.decode()
            let attachmentStamps: [FileStamp] = try reader.decode()
            let home: VaultPath? = try reader.decode()
            let indexFiles: [String] = try reader.decode()
            let diagnostics: [Diagnostic] = try reader.decode()
            let scanDiagnostics: [Diagnostic] = try reader.decode()
            var notesReader = BinaryReader(records, offset: notesMagic.count)
            let generation = try reader.string()
            let end = try reader.int()
            guard try notesReader.string() == generation, end <= records.buffer.count else { return nil }
            // Each note's place in the notes file, so they decode in parallel.
            let count = try reader.count()
            var ranges: [Range<Int>] = []
            ranges.reserveCapacity(count)
            for _ in 0..<count {
                let start = try reader.int()
                let length = try reader.int()
                guard start >= notesMagic.count, length >= 0, start <= end - length else { return nil }
                ranges.append(start..<start + length)
            }
            // The search index's state decodes alongside the notes: it is the first piece of work
            // handed out, a range of nil.
            let searchStart = reader.offset
            var decoded = Parallel.map([nil] + ranges, jobs: jobs) { range -> Decoded in
                guard let range else {
                    var searchReader = BinaryReader(state, offset: searchStart)
                    // (Not `try?`, which would read a damaged state as no state.)
                    do {
                        return .search(
                            try searchReader.decode(SearchIndexState?.self),
                            try searchReader.decode(SearchIndexLayout?.self))
                    } catch { return .damaged }
                }
                var noteReader = BinaryReader(records, offset: range.lowerBound)
                guard let note = try? CachedNote(from: &noteReader), noteReader.offset == range.upperBound else {
                    return .damaged
                }
                return .note(note)
            }
            guard case .search(let search, let searchLayout) = decoded.removeFirst() else { return nil }
            var entries: [CachedNote] = []
            entries.reserveCapacity(count)
            for piece in decoded {
                guard case .note(let entry) = piece else { return nil }
                entries.append(entry)
            }
            // Ten thousand notes make four tables: two of them on each core.
            let ((stamps, resolutions), (notes, recordOf)) = Parallel.both(jobs: jobs) { [entries] in
                var stamps: [VaultPath: FileStamp] = [:]
                var resolutions: [VaultPath: [Resolution]] = [:]
                stamps.reserveCapacity(entries.count)
                resolutions.reserveCapacity(entries.count)
                for entry in entries {
                    stamps[entry.note.path] = entry.stamp
                    resolutions[entry.note.path] = entry.resolutions
                }
                return (stamps, resolutions)
            } _: { [entries, ranges] in
                var recordOf: [VaultPath: Range<Int>] = [:]
                recordOf.reserveCapacity(entries.count)
                for (entry, range) in zip(entries, ranges) { recordOf[entry.note.path] = range }
                return (entries.map(\.note), recordOf)
            }
            guard attachments.count == attachmentStamps.count else { return nil }
            kept = true
            return BuildCache(
                notes: notes, stamps: stamps, stampedAt: stampedAt, attachments: attachments,
                attachmentStamps: Dictionary(uniqueKeysWithValues: zip(attachments, attachmentStamps)),
                resolutions: resolutions, diagnostics: diagnostics, scanDiagnostics: scanDiagnostics, home: home,
                configFingerprint: configFingerprint,
                themeFingerprint: themeFingerprint, indexFiles: indexFiles, search: search, searchLayout: searchLayout,
                source: CacheSource(descriptor: descriptor, generation: generation, end: end, records: recordOf))
        } catch {
            return nil
        }
    }

    private static func mapOrRead(_ path: String) -> ReadOnlyBytes? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }  // a mapping outlives its descriptor
        return ReadOnlyBytes.contents(of: descriptor)
    }

    /// Writes the cache into `folder`, a thousand notes at a time (so a vault of 100,000 notes
    /// never holds its whole cache in memory). The records of notes in `source` but not in
    /// `changed` (their note, stamp and resolutions as that file has them) are kept where they
    /// are; the others are appended to its notes file — or, when that file is mostly records no
    /// longer used (or there is no source), every record is written to a new one.
    func write(
        to folder: URL, key: String, jobs: Int?, reusing source: CacheSource? = nil, changed: Set<VaultPath> = [],
        slack: Int = BuildCache.slack
    ) throws {
        guard writeTemporary(to: folder, key: key, jobs: jobs, reusing: source, changed: changed, slack: slack),
            BuildCache.commit(in: folder)
        else {
            BuildCache.remove(from: folder)
            throw CacheError(path: BuildCache.url(in: folder).path)
        }
    }

    /// Puts the cache `writeTemporary` wrote in place; false when it cannot.
    static func commit(in folder: URL) -> Bool {
        let final = url(in: folder).path
        return rename(final + ".tmp", final) == 0
    }

    /// `write` without its last step, `commit`: the notes file in place, `.trellis-cache` under
    /// a temporary name, not yet trusted by the next build. False when it cannot be written.
    func writeTemporary(
        to folder: URL, key: String, jobs: Int?, reusing source: CacheSource? = nil, changed: Set<VaultPath> = [],
        slack: Int = BuildCache.slack
    ) -> Bool {
        // Appended to the notes file while at least half of it is in use (and it is as long as
        // when it was read); else written afresh.
        let notesPath = BuildCache.notesURL(in: folder).path
        var info = stat()
        let appending =
            source.map {
                $0.end <= 2 * $0.live + slack && stat(notesPath, &info) == 0 && Int(info.st_size) == $0.end
            } ?? false
        guard let notesFile = appending ? OutputFile(appendingTo: notesPath) : OutputFile(path: notesPath + ".tmp")
        else {
            return false
        }
        let generation = appending ? source!.generation : UUID().uuidString
        var writer = RecordWriter(file: notesFile, source: appending ? nil : source, start: appending ? source!.end : 0)
        if !appending {
            var header = BinaryWriter()
            header.raw(BuildCache.notesMagic)
            header.string(generation)
            writer.write(header.bytes)
        }
        // The records, a chunk at a time: encoded where they changed, else where `source` has them.
        var ranges: [Range<Int>?] = []
        ranges.reserveCapacity(notes.count)
        for start in stride(from: 0, to: notes.count, by: 1024) {
            let parts = Parallel.map(Array(start..<min(notes.count, start + 1024)), jobs: jobs) {
                [notes] index -> Record in
                if let source, !changed.contains(notes[index].path), let record = source.records[notes[index].path] {
                    return .kept(record)
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
            ranges += parts.map { writer.place($0, keepingPlace: appending) }
        }
        guard writer.finish(), notesFile.close(), !ranges.contains(nil),
            appending || rename(notesPath + ".tmp", notesPath) == 0
        else {
            unlink(notesPath + ".tmp")
            return false
        }
        // Then the rest, and where each record is.
        let temporary = BuildCache.url(in: folder).path + ".tmp"
        guard let file = OutputFile(path: temporary) else { return false }
        var header = BinaryWriter()
        header.raw(BuildCache.magic)
        header.int(BuildCache.formatVersion)
        header.string(key)
        header.string(configFingerprint)
        header.string(themeFingerprint)
        header.int(Int(stampedAt))
        header.encode(attachments)
        header.encode(attachments.map { attachmentStamps[$0] ?? FileStamp(size: -1, modified: -1) })
        header.encode(home)
        header.encode(indexFiles)
        header.encode(diagnostics)
        header.encode(scanDiagnostics)
        header.string(generation)
        header.int(writer.end)
        header.unsigned(UInt64(ranges.count))
        for case let range? in ranges {
            header.int(range.lowerBound)
            header.int(range.count)
        }
        var complete = file.write(header.bytes)
        if complete {
            var tail = BinaryWriter()
            if let search {
                tail.bool(true)
                complete = search.encode(into: &tail, flushing: file.write)
            } else {
                tail.bool(false)
            }
            tail.encode(searchLayout)
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

    /// Makes the cache in `folder` untrusted: the site it describes is about to change. The notes file
    /// stays, for the next cache to append to.
    static func invalidate(in folder: URL) {
        unlink(url(in: folder).path)
        unlink(url(in: folder).path + ".tmp")  // a write that was killed
    }

    /// Deletes the cache in `folder`, both files.
    static func remove(from folder: URL) {
        invalidate(in: folder)
        unlink(notesURL(in: folder).path)
        unlink(notesURL(in: folder).path + ".tmp")
    }

    /// A piece of the cache decoded in parallel with the others.
    private enum Decoded {
        case note(CachedNote)
        case search(SearchIndexState?, SearchIndexLayout?)
        case damaged
    }
}

extension Note {
    /// An unpublished note as the cache keeps it: what links to it and from it need (its names,
    /// headings, block ids and links), not its text, which no page shows.
    var withoutContent: Note {
        var stub = self
        var markdown = stub.markdown
        markdown.html = ""
        markdown.blockHTML = [:]
        markdown.sections = []
        stub.markdown = markdown
        return stub
    }
}

extension Config {
    /// Every setting, read off the config itself (so a new setting cannot be left out), to tell
    /// whether a cached build used the same config. Dictionaries are listed in sorted order.
    var fingerprint: String {
        Mirror(reflecting: self).children.map { child in
            let value: String
            if let severities = child.value as? [Diagnostic.Code: Diagnostic.Severity?] {
                value = severities.map { "\($0.key.rawValue)=\($0.value?.rawValue ?? "off")" }.sorted().joined(
                    separator: ",")
            } else {
                value = String(reflecting: child.value)
            }
            return (child.label ?? "") + "=" + value
        }.joined(separator: "\u{0}")
    }
}
