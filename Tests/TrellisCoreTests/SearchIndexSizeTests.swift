import Foundation
import Testing

@testable import TrellisCore

/// A vault of generated notes of about 2 KB: English words from Notes/ for the common part of
/// the vocabulary, made-up words for its long tail, Zipf-distributed, with headings, tags,
/// links and some code.
struct SyntheticVault {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    private mutating func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }

    private mutating func pick(_ count: Int) -> Int { min(count - 1, Int(next() * Double(count))) }

    static let vocabulary: [String] = {
        var counts: [String: Int] = [:]
        let notes = Repository.root.appendingPathComponent("Notes")
        for case let url as URL in FileManager.default.enumerator(at: notes, includingPropertiesForKeys: nil)!
        where url.pathExtension == "md" {
            let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) {
                counts[String(word), default: 0] += 1
            }
        }
        let head = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        let syllables = [
            "ba", "ce", "di", "fo", "gu", "ka", "le", "mi", "no", "pu", "ra", "se", "ti", "vo", "zu", "an",
            "er", "in", "on", "us", "tra", "pre", "con", "ment", "tion", "ly", "al", "ic", "ous", "ist",
        ]
        var tail: [String] = []
        var generator = SyntheticVault(seed: 1)
        var seen = Set(head)
        while tail.count < 30_000 {
            let word = (0..<(2 + generator.pick(3))).map { _ in syllables[generator.pick(syllables.count)] }.joined()
            if seen.insert(word).inserted { tail.append(word) }
        }
        return head + tail
    }()

    /// Cumulative Zipf weights (exponent 1.05) over the vocabulary.
    static let cumulative: [Double] = {
        var total = 0.0
        return vocabulary.indices.map { index in
            total += 1 / pow(Double(index + 1), 1.05)
            return total
        }
    }()

    private mutating func word() -> String {
        let target = next() * Self.cumulative[Self.cumulative.count - 1]
        var low = 0
        var high = Self.cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if Self.cumulative[middle] < target { low = middle + 1 } else { high = middle }
        }
        return Self.vocabulary[low]
    }

    private mutating func words(_ count: Int) -> String { (0..<count).map { _ in word() }.joined(separator: " ") }

    private mutating func sentence() -> String {
        let text = words(6 + pick(13))
        return text.prefix(1).uppercased() + text.dropFirst() + "."
    }

    /// `count` notes as (vault path, Markdown).
    mutating func notes(_ count: Int) -> [(path: String, text: String)] {
        let folders = (0..<40).map { _ in words(1 + pick(2)).capitalized.replacingOccurrences(of: " ", with: "/") }
        let tags = (0..<150).map { _ in word() }
        let titles = (0..<count).map { "\(words(1 + pick(4)).capitalized) \($0)" }
        return titles.map { title in
            var text =
                "---\ntags: [\((0...pick(3)).map { _ in tags[pick(tags.count)] }.joined(separator: ", "))]\n---\n# \(title)\n"
            while text.utf8.count < 1900 {
                text += "\n## \(words(1 + pick(4)).capitalized)\n\n"
                for _ in 0...pick(3) {
                    text += (0...pick(4)).map { _ in sentence() }.joined(separator: " ")
                    if next() < 0.3 { text += " See [[\(titles[pick(titles.count)])]]." }
                    text += "\n\n"
                }
                if next() < 0.15 { text += "```\n\(word())(\(word()), \(pick(1000)))\n```\n" }
            }
            return ("\(folders[pick(folders.count)])/\(title).md", text)
        }
    }
}

@Suite("Search index size")
struct SearchIndexSizeTests {
    /// Builds the index of generated notes; returns the index bytes and the Markdown bytes.
    private func measure(_ count: Int) -> (index: Int, markdown: Int, files: [(path: String, contents: String)]) {
        var vault = SyntheticVault(seed: 42)
        let sources = vault.notes(count)
        let notes = sources.map { parse($0.text, path: $0.path) }
        let siteMap = SiteMap(notes: notes.map(\.path), attachments: [], home: nil)
        let files = SearchIndexBuilder().build(notes: notes, siteMap: siteMap)
        return (files.reduce(0) { $0 + $1.contents.utf8.count }, sources.reduce(0) { $0 + $1.text.utf8.count }, files)
    }

    @Test("2,000 notes: the index is under 40 % of the Markdown, no file over 64 KB")
    func twoThousand() throws {
        let (index, markdown, files) = measure(2000)
        #expect(Double(index) / Double(markdown) < 0.40, "index \(index) bytes for \(markdown) bytes of Markdown")
        #expect(files.allSatisfy { $0.contents.utf8.count < 64_000 })
        let common = try #require(
            SyntheticVault.vocabulary.first { $0.count > 3 && !SearchTokenizer.stopWords.contains($0) })
        #expect(try SearchIndex(files: files).search(common).count == 10)
    }

    @Test(
        "10,000 notes: the index is under 35 % of the Markdown (set TRELLIS_SLOW_TESTS=1)",
        .enabled(if: ProcessInfo.processInfo.environment["TRELLIS_SLOW_TESTS"] != nil))
    func tenThousand() {
        let (index, markdown, _) = measure(10_000)
        #expect(Double(index) / Double(markdown) < 0.35, "index \(index) bytes for \(markdown) bytes of Markdown")
    }

    @Test("analysing notes a chunk at a time gives the same index as analysing them at once")
    func chunked() {
        var vault = SyntheticVault(seed: 11)
        let notes = vault.notes(300).map { parse($0.text, path: $0.path) }
        let siteMap = SiteMap(notes: notes.map(\.path), attachments: [], home: nil)
        func files(chunk: Int, jobs: Int?) -> [String] {
            var builder = SearchIndexBuilder(jobs: jobs)
            builder.chunkSize = chunk
            return builder.build(notes: notes, siteMap: siteMap).map { $0.path + "\n" + $0.contents }
        }
        let whole = files(chunk: 1000, jobs: 1)
        #expect(files(chunk: 7, jobs: 3) == whole)
        #expect(files(chunk: 1, jobs: 2) == whole)
    }

    @Test("work on the terms is cut by postings: every term once, in order, no piece far over its share")
    func rangesByPostings() {
        var vault = SyntheticVault(seed: 9)
        let notes = vault.notes(300).map { parse($0.text, path: $0.path) }
        var state = SearchIndexBuilder().state(
            notes: notes, siteMap: SiteMap(notes: notes.map(\.path), attachments: [], home: nil))
        // As in a generated vault: the last terms hold most postings.
        for term in state.terms.indices.suffix(20) {
            state.postings[term] = Array(repeating: state.postings[term][0], count: 5_000)
        }
        let ranges = state.rangesByPostings(pieces: 16)
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == state.terms.count)
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound && !$0.isEmpty })
        let cost = { (range: Range<Int>) in range.reduce(0) { $0 + state.postings[$1].count + 1 } }
        let share = state.postings.reduce(0) { $0 + $1.count + 1 } / 16
        #expect(ranges.allSatisfy { cost($0) < 2 * share || $0.count == 1 })
        #expect(ranges.count >= 8, "the common terms are spread over several pieces")
    }

    @Test("an index state updated after edits equals one made afresh, and gives the same files")
    func updatedState() throws {
        var vault = SyntheticVault(seed: 5)
        let sources = vault.notes(200)
        let before = sources.map { parse($0.text, path: $0.path) }
        var after = before
        // New words, words gone, a new title, an emptied note.
        after[3] = parse("# Renamed entirely\n\nfreshword appears here.\n", path: before[3].path.string)
        after[50] = parse(sources[50].text + "\n\nAnother freshword and xylophone.\n", path: before[50].path.string)
        after[120] = parse("", path: before[120].path.string)
        let changed: Set<VaultPath> = [before[3].path, before[50].path, before[120].path]
        let siteMap = SiteMap(notes: before.map(\.path), attachments: [], home: nil)
        let builder = SearchIndexBuilder(jobs: 2)
        let old = builder.state(notes: before, siteMap: siteMap)
        let update = try #require(builder.updating(old, notes: after, changed: changed, siteMap: siteMap))
        let updated = update.state
        let fresh = builder.state(notes: after, siteMap: siteMap)
        let sameState = updated == fresh
        #expect(sameState, "the updated state differs from one made afresh")
        // Told the notes are the same ones, it looks only for the edited notes: the same update.
        let told = try #require(
            builder.updating(old, notes: after, changed: changed, siteMap: siteMap, sameNotes: true))
        let sameUpdate = told.state == updated && told.changedTerms == update.changedTerms && told.notes == update.notes
        #expect(sameUpdate, "the update told the notes are the same differs from the one that checks")
        let sameFiles = builder.files(from: updated).map(\.contents) == builder.files(from: fresh).map(\.contents)
        #expect(sameFiles, "the updated state's files differ from a fresh state's")
        #expect(
            try SearchIndex(files: builder.files(from: updated)).search("xylophone").map(\.id) == [
                before[50].path.string
            ])
        // Made from the last files' layout, the files an update writes are a fresh build's, and
        // those it keeps are the old ones that a fresh build leaves as they were. (Three notes
        // of two hundred rewritten change how symbols are ranked: every entry is coded again.
        // One note edited leaves the ranks, and most entries are kept.)
        let oldFiles = builder.files(from: old, update: nil, last: nil)
        let recoded = builder.files(from: updated, update: update, last: oldFiles.layout)
        #expect(recoded.written.map(\.contents) == builder.files(from: fresh).map(\.contents) && recoded.kept.isEmpty)
        var edited = before
        // New words, and words other notes have but this one had not.
        let borrowed = sources[7].text.split(separator: "\n").suffix(3).joined(separator: "\n")
        edited[50] = parse(
            sources[50].text + "\n\nAnother freshword and xylophone.\n\n" + borrowed, path: before[50].path.string)
        let small = try #require(builder.updating(old, notes: edited, changed: [before[50].path], siteMap: siteMap))
        let incremental = builder.files(from: small.state, update: small, last: oldFiles.layout)
        let freshFiles = builder.files(from: builder.state(notes: edited, siteMap: siteMap), update: nil, last: nil)
        let freshByPath = Dictionary(uniqueKeysWithValues: freshFiles.written.map { ($0.path, $0.contents) })
        let oldByPath = Dictionary(uniqueKeysWithValues: oldFiles.written.map { ($0.path, $0.contents) })
        #expect(!incremental.kept.isEmpty && incremental.written.count < freshFiles.written.count)
        #expect(incremental.written.allSatisfy { freshByPath[$0.path] == $0.contents })
        #expect(incremental.kept.allSatisfy { oldByPath[$0] != nil && oldByPath[$0] == freshByPath[$0] })
        #expect(Set(incremental.written.map(\.path) + incremental.kept) == Set(freshByPath.keys))
        // (What the files are coded from; the margins may be told against an older reference.)
        let (mine, theirs) = (incremental.layout, freshFiles.layout)
        let sameLayout =
            mine.notes == theirs.notes && mine.symbolOrder == theirs.symbolOrder && mine.symbolRice == theirs.symbolRice
            && mine.sectionRice == theirs.sectionRice && mine.symbols == theirs.symbols
            && mine.entries == theirs.entries
        #expect(sameLayout, "the layout after an update differs from a fresh build's")
        // Some entries were kept from the layout rather than coded again (a changed entry would
        // have made the files differ above).
        let reused = SearchIndexBuilder.unchangedTerms(small.state.terms, small).compactMap { $0 }.count
        #expect(reused > small.state.terms.count / 2 && reused < small.state.terms.count)
        // A layout survives the cache's coding.
        var writer = BinaryWriter()
        writer.encode(oldFiles.layout)
        var reader = BinaryReader(writer.bytes)
        let decoded = try reader.decode(SearchIndexLayout.self)
        #expect(decoded == oldFiles.layout, "a layout read back from the cache's coding differs")
        // Another set of notes is not an update.
        let fewer = Array(after.dropLast())
        let smaller = SiteMap(notes: fewer.map(\.path), attachments: [], home: nil)
        #expect(builder.updating(old, notes: fewer, changed: [], siteMap: smaller) == nil)
        // Nor a note renamed, nor the same notes on other pages (one of them made the home page).
        var renamed = after
        renamed[7] = parse(sources[7].text, path: "Elsewhere/" + before[7].path.string)
        let renamedMap = SiteMap(notes: renamed.map(\.path), attachments: [], home: nil)
        #expect(builder.updating(old, notes: renamed, changed: [renamed[7].path], siteMap: renamedMap) == nil)
        let moved = SiteMap(notes: before.map(\.path), attachments: [], home: before[9].path)
        #expect(builder.updating(old, notes: after, changed: changed, siteMap: moved) == nil)
    }

    @Test("a posting keeps a field's count up to 255, and a word written more often still ranks first")
    func manyOccurrences() throws {
        let posting = SearchIndexBuilder.RawPosting(
            note: 3, section: 2, counts: SearchCounts(300, 1, 0, 0, 255, 7, 0, 0))
        #expect(posting.fieldCounts == SearchCounts(255, 1, 0, 0, 255, 7, 0, 0))
        #expect(posting.note == 3 && posting.section == 2)
        let notes = [
            parse("# Alpha\n\n" + String(repeating: "zebra ", count: 600), path: "Alpha.md"),
            parse("# Beta\n\nzebra and some other words", path: "Beta.md"),
        ]
        let siteMap = SiteMap(notes: notes.map(\.path), attachments: [], home: nil)
        let index = try SearchIndex(files: SearchIndexBuilder().build(notes: notes, siteMap: siteMap))
        #expect(try index.search("zebra").map(\.id) == ["Alpha.md", "Beta.md"])
    }

    @Test("a note with thousands of headings costs the index about what its text does, not its square")
    func manyHeadings() throws {
        var vault = SyntheticVault(seed: 7)
        let sources = vault.notes(300)
        let long = (0..<4000).map { "## Part \($0)\n\nSee part \($0).\n" }.joined(separator: "\n")
        func index(_ notes: [(path: String, text: String)]) throws -> (bytes: Int, sectionRice: Int) {
            let parsed = notes.map { parse($0.text, path: $0.path) }
            let siteMap = SiteMap(notes: parsed.map(\.path), attachments: [], home: nil)
            let files = SearchIndexBuilder().build(notes: parsed, siteMap: siteMap)
            return (files.reduce(0) { $0 + $1.contents.utf8.count }, try SearchIndex(files: files).meta.sectionRice)
        }
        let without = try index(sources)
        let with = try index(sources + [("Long.md", long)])
        // Each of its numbers is a term of one section: written in unary, its section number would
        // cost up to 4,000 bits, or every other note's would grow to make room.
        let added = with.bytes - without.bytes
        #expect(added < long.utf8.count, "the long note adds \(added) bytes for \(long.utf8.count)")
        #expect(with.sectionRice == without.sectionRice)
    }

    @Test(
        "writes the generated vaults of 1,000 and 10,000 notes for BENCHMARKS.md (set TRELLIS_WRITE_SIZE_VAULTS=DIR)",
        .enabled(if: ProcessInfo.processInfo.environment["TRELLIS_WRITE_SIZE_VAULTS"] != nil))
    func writeVaults() throws {
        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["TRELLIS_WRITE_SIZE_VAULTS"]!)
        for count in [1000, 10_000] {
            var vault = SyntheticVault(seed: 42)
            let root = folder.appendingPathComponent("size-vault-\(count)")
            try? FileManager.default.removeItem(at: root)
            for note in vault.notes(count) {
                let url = root.appendingPathComponent(note.path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(note.text.utf8).write(to: url)
            }
            // What BENCHMARKS.md measures must be a vault Trellis reads as intended: every note,
            // and no error.
            var timings = StageTimings()
            let resolved = try Pipeline.resolve(RunOptions(vault: root), render: false, timings: &timings)
            #expect(resolved.notes.count == count)
            #expect(resolved.diagnostics.count(of: .error) == 0)
        }
    }

    @Test("the search fixture and Notes/ build a small index")
    func smallVaults() throws {
        for vault in [
            Repository.fixtures.appendingPathComponent("search/vault"), Repository.root.appendingPathComponent("Notes"),
        ] {
            let files = try SearchIndex.files(vault: vault)
            #expect(files.first?.path == "_trellis/search/meta.js")
            #expect(files.reduce(0) { $0 + $1.contents.utf8.count } < 64_000)
        }
    }
}
