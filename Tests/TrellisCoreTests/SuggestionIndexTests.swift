import Testing

@testable import TrellisCore

@Suite("Did-you-mean index")
struct SuggestionIndexTests {
    /// The rule the index must keep, the slow way: every name with the same first character is
    /// weighed; a name the written text starts as whole words is one edit away; the nearest wins,
    /// then the first by name in byte order.
    static func reference(_ written: String, names: [String]) -> String? {
        let wanted = Array(LinkKey.of(written.hasSuffix(".md") ? String(written.dropLast(3)) : written))
        guard let first = wanted.first, !wanted.contains("/") else { return nil }
        let limit = min(4, max(1, wanted.count / 3))
        var best: (distance: Int, name: String)?
        let byBytes = Set(names.map { Array($0.utf8) }).sorted { $0.lexicographicallyPrecedes($1) }
        for name in byBytes.map({ String(decoding: $0, as: UTF8.self) }) {
            let key = Array(LinkKey.of(name))
            guard key.first == first, key != wanted else { continue }
            let distance: Int
            if key.count > wanted.count, key[wanted.count] == " ", key.starts(with: wanted) {
                distance = 1
            } else {
                distance = levenshtein(wanted, key)
            }
            if distance <= limit, best == nil || distance < best!.distance { best = (distance, name) }
        }
        return best?.name
    }

    static func levenshtein(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for i in a.indices {
            var current = [i + 1]
            for j in b.indices {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a[i] == b[j] ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// Random names over a small alphabet, so that many are near one another; it has a space, a
    /// capital, a precomposed and a decomposed `é`, and `\r\n`, one character.
    static func randomName(_ random: inout SeededRandom, length: ClosedRange<Int>) -> String {
        let letters: [String] = ["a", "b", "c", "d", " ", "A", "\u{E9}", "e\u{301}", "1", "\r\n"]
        return (0..<Int.random(in: length, using: &random)).map { _ in letters.randomElement(using: &random)! }.joined()
    }

    /// `name` with up to `edits` random one-character edits, or an unrelated name.
    static func misspelt(_ name: String, edits: Int, _ random: inout SeededRandom) -> String {
        var characters = Array(name)
        for _ in 0..<Int.random(in: 0...edits, using: &random) {
            let letter = Character(randomName(&random, length: 1...1))
            let at = Int.random(in: 0...characters.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0: characters.insert(letter, at: at)
            case 1 where at < characters.count: characters.remove(at: at)
            default: if at < characters.count { characters[at] = letter }
            }
        }
        return String(characters)
    }

    @Test("the index chooses what weighing every name chooses", arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func sameAsBruteForce(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let names = (0..<400).map { _ in Self.randomName(&random, length: 1...14) }
        let suggestions = Suggestions(names: { names })
        var queries = (0..<300).map { _ in Self.misspelt(names.randomElement(using: &random)!, edits: 5, &random) }
        queries += (0..<100).map { _ in Self.randomName(&random, length: 0...16) }
        queries += names.prefix(20).map { $0 + " more words" } + names.prefix(20).map { $0 + ".md" } + ["a/b", ""]
        for query in queries {
            #expect(suggestions.closest(to: query) == Self.reference(query, names: names), "\(query.debugDescription)")
        }
    }

    @Test(
        "numbered names, alike but for a digit or two, get what weighing every name gets",
        arguments: [1, 2, 3] as [UInt64])
    func numberedNames(seed: UInt64) {
        // Nearer names are weighed first (one edit, then two, …): among thousands of names that
        // share most of their pairs, the nearest, then the first by name, must still win.
        var random = SeededRandom(seed: seed)
        let topics = ["caching", "cache", "consensus", "queue", "queues"]
        var names = topics.flatMap { topic in (0..<300).map { "\(topic) note \(100_000 + $0 * 7)" } }
        names += ["caching note", "caching notes 100007", "cachin note 100007"]
        let all = names
        let suggestions = Suggestions(names: { all })
        var queries = (0..<60).map { _ in Self.misspelt(names.randomElement(using: &random)!, edits: 3, &random) }
        queries += ["caching note 1000", "caching note 100008", "cache note 100007", "queue note 99999"]
        for query in queries {
            #expect(suggestions.closest(to: query) == Self.reference(query, names: names), "\(query.debugDescription)")
        }
    }

    @Test("hints from the issue's examples")
    func examples() {
        let names = ["Consensus Algorithms", "Caching", "Cache", "Consensus", "Leader Election", "Résumé Tips"]
        let suggestions = Suggestions(names: { names })
        let table: [(written: String, expected: String?)] = [
            ("Cachng", "Caching"), ("consensus", "Consensus Algorithms"), ("Leader Electon.md", "Leader Election"),
            ("RE\u{301}SUMÉ TIP", "Résumé Tips"), ("Zebra", nil), ("Cach", "Cache"), ("x/Caching", nil),
        ]
        for row in table {
            #expect(suggestions.closest(to: row.written) == row.expected, "\(row.written)")
            #expect(Self.reference(row.written, names: names) == row.expected, "\(row.written)")
        }
    }

    @Test("a name past the 5,000th with the same first letter is still found")
    func largeBucket() {
        let names = (0..<6000).map { "a\($0)" } + ["azure tree"]
        #expect(Suggestions(names: { names }).closest(to: "azure trea") == "azure tree")
    }

    @Test("a dangling link is compared with few of 10,000 names")
    func fewComparisons() {
        var random = SeededRandom(seed: 42)
        let words = [
            "bright", "quiet", "amber", "north", "river", "stone", "garden", "lamp", "paper", "engine",
            "signal", "harbor", "window", "meadow", "forest", "copper", "winter", "silver", "market",
        ]
        func title() -> String { (0..<3).map { _ in words.randomElement(using: &random)! }.joined(separator: " ") }
        let names = (0..<10_000).map { "\(title()) \($0)" }
        let suggestions = Suggestions(names: { names })
        var compared = 0
        for index in 0..<500 {
            let written =
                index.isMultiple(of: 2)
                ? Self.misspelt(names.randomElement(using: &random)!, edits: 1, &random) : title() + " missing"
            compared += suggestions.match(written).compared
        }
        // Weighing every name with the same first letter would be about 500 × 10,000 / 19.
        #expect(compared < 500 * 20)
    }
}
