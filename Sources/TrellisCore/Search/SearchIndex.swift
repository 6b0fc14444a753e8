import Foundation

/// One search hit: a note, and the heading of it that matched best, if any.
public struct SearchResult: Sendable, Equatable {
    /// The note's vault path.
    public var id: String
    public var title: String
    /// Relative to the site root, with the heading's fragment when a heading matched best.
    public var url: String
    public var heading: String?
    public var score: Double
    public var snippet: String
}

/// The search index read back from its files, and the query engine. It ranks exactly as
/// `Theme/assets/search.js` does, so `trellis search` shows what the browser would.
public struct SearchIndex: Sendable {
    struct Meta: Sendable {
        var notes: Int
        var notesPerFile: Int
        /// Impact ×100 and title flag of each symbol rank.
        var impacts: [Int]
        var inTitle: [Bool]
        var levelRice: Int
        /// The Rice parameter of the section numbers in postings.
        var sectionRice: Int
        var stopWords: Set<String>
        var shardCount: Int
    }

    struct Record: Sendable {
        var path: String
        var title: String
        var url: String
        var excerpt: String
        var headings: [SearchNoteAnalysis.Heading]
    }

    /// Where a term's postings are: shard, range of characters, count, Rice parameter.
    struct Postings: Sendable {
        var shard: Int
        var range: Range<Int>
        var count: Int
        var rice: Int
    }

    let meta: Meta
    /// Every index term in order, with its idf and postings.
    let terms: [[UInt16]]
    let idf: [Int]
    let postings: [Postings]
    let shardText: [[UInt16]]
    let records: [Record]

    /// Reads the index of a built site, from `_trellis/search/` below `site`.
    public init(site: URL) throws {
        try self.init { key in
            let url = site.appendingPathComponent(SearchFormat.path(of: key))
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw SearchFormat.FormatError(
                    description: "no search index at \(url.path); build the site first (`trellis build`)")
            }
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// Reads the index from files as `SearchIndexBuilder.build` returns them.
    public init(files: [(path: String, contents: String)]) throws {
        let byPath = Dictionary(files.map { ($0.path, $0.contents) }, uniquingKeysWith: { first, _ in first })
        try self.init { key in
            guard let text = byPath[SearchFormat.path(of: key)] else {
                throw SearchFormat.FormatError(
                    description: "the search index has no file \(SearchFormat.path(of: key))")
            }
            return text
        }
    }

    private init(read: (String) throws -> String) throws {
        func load(_ key: String) throws -> Any {
            let (found, payload) = try SearchFormat.parse(script: try read(key), file: SearchFormat.path(of: key))
            guard found == key else { throw SearchFormat.FormatError(description: "\(key).js names \(found)") }
            return payload
        }
        meta = try Self.meta(try load(SearchFormat.metaKey))
        var terms: [[UInt16]] = []
        var idf: [Int] = []
        var postings: [Postings] = []
        var shardText: [[UInt16]] = []
        for shard in 0..<meta.shardCount {
            let key = SearchFormat.shardKey(shard)
            guard let text = try load(key) as? String else {
                throw SearchFormat.FormatError(description: "\(key).js is damaged")
            }
            let units = Array(text.utf16)
            shardText.append(units)
            try Self.parseShard(units) { term, termIDF, range, count, rice in
                terms.append(term)
                idf.append(termIDF)
                postings.append(Postings(shard: shard, range: range, count: count, rice: rice))
            }
        }
        (self.terms, self.idf, self.postings, self.shardText) = (terms, idf, postings, shardText)
        var records: [Record] = []
        for file in 0..<((meta.notes + meta.notesPerFile - 1) / meta.notesPerFile) {
            let key = SearchFormat.documentsKey(file)
            guard let list = try load(key) as? [[Any]] else {
                throw SearchFormat.FormatError(description: "\(key).js is damaged")
            }
            records += try list.map(Self.record)
        }
        guard records.count == meta.notes else {
            throw SearchFormat.FormatError(
                description: "the search index lists \(meta.notes) notes but has \(records.count)")
        }
        self.records = records
    }

    private static func meta(_ payload: Any) throws -> Meta {
        guard let object = payload as? [String: Any], let version = object["version"] as? Int else {
            throw SearchFormat.FormatError(description: "meta.js is not a search index")
        }
        guard version == SearchFormat.version else {
            throw SearchFormat.FormatError(
                description:
                    "meta.js is search index format \(version); this Trellis reads format \(SearchFormat.version)")
        }
        guard let notes = object["notes"] as? Int, let perFile = object["notesPerFile"] as? Int, perFile > 0,
            let levels = object["levels"] as? [[Int]], levels.allSatisfy({ $0.count == 2 }),
            let levelRice = object["levelRice"] as? Int, let sectionRice = object["sectionRice"] as? Int,
            let stopWords = object["stopWords"] as? [String],
            let shards = object["shards"] as? [String],
            // A Rice parameter is a count of bits, as in an entry's (below 32).
            (0..<32).contains(levelRice), (0..<32).contains(sectionRice), notes >= 0
        else {
            throw SearchFormat.FormatError(description: "meta.js: a field is missing or damaged")
        }
        return Meta(
            notes: notes, notesPerFile: perFile, impacts: levels.map { $0[0] }, inTitle: levels.map { $0[1] == 1 },
            levelRice: levelRice, sectionRice: sectionRice, stopWords: Set(stopWords), shardCount: shards.count)
    }

    /// Reads a shard's entries: shared prefix length, rest of the term, space, idf,
    /// count × 32 + Rice parameter, length of the bits, the bits.
    static func parseShard(_ units: [UInt16], _ entry: ([UInt16], Int, Range<Int>, Int, Int) -> Void) throws {
        let damaged = SearchFormat.FormatError(description: "a search shard is damaged")
        var position = 0
        var previous: [UInt16] = []
        while position < units.count {
            guard let shared = SearchFormat.readNumber(units, &position), shared <= previous.count,
                let space = units[position...].firstIndex(of: 0x20)
            else { throw damaged }
            let term = Array(previous[..<shared]) + units[position..<space]
            position = space + 1
            guard let termIDF = SearchFormat.readNumber(units, &position),
                let countAndRice = SearchFormat.readNumber(units, &position),
                let length = SearchFormat.readNumber(units, &position), position + length <= units.count
            else { throw damaged }
            entry(term, termIDF, position..<(position + length), countAndRice / 32, countAndRice % 32)
            position += length
            previous = term
        }
    }

    private static func record(_ item: [Any]) throws -> Record {
        guard item.count >= 4, let path = item[0] as? String, let excerpt = item[3] as? String else {
            throw SearchFormat.FormatError(description: "a search documents file is damaged")
        }
        let name = SearchFormat.stem(String(path.split(separator: "/").last ?? ""))
        let headings = try item.dropFirst(4).map { value -> SearchNoteAnalysis.Heading in
            if let text = value as? String, let fragment = SearchFormat.derivedSlug(text) {
                return SearchNoteAnalysis.Heading(text: text, fragment: fragment)
            }
            guard let pair = value as? [String], pair.count == 2 else {
                throw SearchFormat.FormatError(description: "a search documents file is damaged")
            }
            return SearchNoteAnalysis.Heading(text: pair[0], fragment: pair[1])
        }
        return Record(
            path: path, title: item[1] as? String ?? name,
            url: item[2] as? String ?? SearchFormat.derivedURL(path: path) ?? "", excerpt: excerpt, headings: headings)
    }
}
