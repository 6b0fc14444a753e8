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

    static func url(in output: URL) -> URL { output.appendingPathComponent(fileName) }

    /// The cache in `output`, if one is there, readable, and written by a binary with this `key`.
    static func load(from output: URL, key: String, jobs: Int?) -> BuildCache? {
        guard let bytes = NoteParser.readFile(url(in: output)), bytes.starts(with: magic) else { return nil }
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
            ranges.reserveCapacity(count)
            for _ in 0..<count { ranges.append(try reader.skip(try reader.count())) }
            let decoded = Parallel.map(ranges, jobs: jobs) { range -> CachedNote? in
                var noteReader = BinaryReader(bytes, offset: range.lowerBound)
                return try? CachedNote(from: &noteReader)
            }
            var notes: [Note] = []
            var stamps: [VaultPath: FileStamp] = [:]
            var resolutions: [VaultPath: [Resolution]] = [:]
            notes.reserveCapacity(count)
            for entry in decoded {
                guard let entry else { return nil }
                notes.append(entry.note)
                stamps[entry.note.path] = entry.stamp
                resolutions[entry.note.path] = entry.resolutions
            }
            let search: SearchIndexState? = try reader.decode()
            guard attachments.count == attachmentStamps.count else { return nil }
            return BuildCache(
                notes: notes, stamps: stamps, attachments: attachments,
                attachmentStamps: Dictionary(uniqueKeysWithValues: zip(attachments, attachmentStamps)),
                resolutions: resolutions, diagnostics: diagnostics, home: home, configFingerprint: configFingerprint,
                themeFingerprint: themeFingerprint, indexFiles: indexFiles, search: search)
        } catch {
            return nil
        }
    }

    /// Writes the cache into `output`: under a temporary name, a thousand notes at a time (so a
    /// vault of 100,000 notes never holds its whole cache in memory), then renamed into place.
    func write(to output: URL, key: String, jobs: Int?) throws {
        let final = BuildCache.url(in: output).path
        let temporary = final + ".tmp"
        guard let file = OutputFile(path: temporary) else { throw CacheError(path: temporary) }
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
        for start in stride(from: 0, to: notes.count, by: 1024) where complete {
            let chunk = Array(notes[start..<min(notes.count, start + 1024)])
            let parts = Parallel.map(chunk, jobs: jobs) { note -> [UInt8] in
                var part = BinaryWriter()
                part.encode(
                    CachedNote(
                        note: note.isPublished ? note : note.withoutContent,
                        stamp: stamps[note.path] ?? FileStamp(size: -1, modified: -1),
                        resolutions: resolutions[note.path] ?? []))
                return part.bytes
            }
            var block = BinaryWriter(capacity: parts.reduce(0) { $0 + $1.count + 5 })
            for part in parts {
                block.unsigned(UInt64(part.count))
                block.raw(part)
            }
            complete = file.write(block.bytes)
        }
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
        guard file.close(), complete, rename(temporary, final) == 0 else {
            unlink(temporary)
            throw CacheError(path: final)
        }
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
