import Foundation
import Testing
import Yams

@testable import TrellisCore

/// `YAMLComposer` must build the tree Yams builds, or leave the block to Yams: never a tree Yams
/// would not give, never a block Yams rejects read as if it were fine.
@Suite("YAML composer")
struct YAMLComposerTests {
    /// Frontmatter blocks that exercise what a composer does: styles, nesting, anchors and aliases,
    /// tags, keys that are or may be duplicates, line breaks libyaml counts, and errors.
    static let blocks: [String] = [
        "title: Plain\ntags: [a, \"b\", 'c']\ndate: 2024-05-01\n",
        "a: |\n  literal\n  text\nb: >\n  folded\n  text\nc: \"esc\\x1b\\ttab\"\n",
        "list:\n  - one\n  - two: 2\n    three: [x, {y: z}]\n  -\n  - ~\n",
        "# a comment only\n",
        "just a scalar\n",
        "- a\n- b\n",
        "empty:\nnull: null\ntilde: ~\nquoted: \"null\"\n",
        "unicode: Résumé ☃ 𝄞\n\"quoted key\": 'it''s'\n",
        "crlf: a\r\nnext: b\r\n",
        "sep: a\u{2028}b\nafter: c\n",
        "nel: x\u{85}y: z\n",
        "base: &b [x, y]\nref: *b\nmap: &m {k: v}\nagain: *m\n",
        "a: &x one\nb: &x two\nc: *x\n",  // a later anchor shadows the earlier one
        "a: &x [1, *x]\n",  // an alias inside its own anchor's node names nothing yet
        "a: *nowhere\n",
        "a: !!str 5\nb: !custom text\nc: !!seq [1]\n",
        "a: 1\na: 2\n",
        "a: 1\n\"a\": 2\n",
        "!!int 1: a\n\"1\": b\n",  // same text, different tags: not duplicates to Yams
        "? [a]\n: 1\n? [a]\n: 2\n",
        "? [a]\n: 1\n? [b]\n: 2\n",  // two list keys, different: Yams must be asked
        "? {a: 1}\n: x\nplain: y\n",
        "{a: 1, b: [2, 3]}\n",
        "x: {a: 1, a: 2}\n",
        "one: 1\n---\ntwo: 2\n",
        "---\ntitle: explicit start\n...\n",
        "a: [unclosed\n",
        "a: b: c\n",
        "\ta: tab\n",
        "a: \"bad \\q escape\"\n",
        "a: \u{1}control\n",
        "key: value\n  bad indent: x\n",
        "related: [[Caching]]\nmore: \"[[A]] and [[B|b]]\"\n",
        "k1: 1\nk2: 2\nk3: 3\nk4: 4\nk5: 5\nk6: 6\nk7: 7\nk8: 8\nk9: 9\nk10: 10\nk11: 11\nk12: 12\n"
            + "k13: 13\nk14: 14\nk15: 15\nk16: 16\nk17: 17\nk3: again\n",  // past the pairwise comparison
    ]

    @Test("builds Yams's tree, or leaves the block to Yams", arguments: blocks)
    func agreesWithYams(_ yaml: String) {
        expectAgreement(yaml)
    }

    @Test("agrees with Yams on every frontmatter block in Notes/ and the fixtures")
    func repositoryVaults() throws {
        let folders = [Repository.root.appendingPathComponent("Notes"), Repository.fixtures]
        let count = try frontmatterBlocks(in: folders).reduce(0) { count, yaml in
            expectAgreement(yaml)
            return count + 1
        }
        #expect(count > 20)
    }

    @Test(
        "agrees with Yams on every frontmatter block in the shared vaults (need ../shared)",
        .enabled(
            if: FileManager.default.fileExists(atPath: Repository.shared.appendingPathComponent("vaults").path),
            "../shared/vaults is not beside the repository"))
    func sharedVaults() throws {
        let count = try frontmatterBlocks(in: [Repository.shared.appendingPathComponent("vaults")]).reduce(0) {
            count, yaml in
            expectAgreement(yaml)
            return count + 1
        }
        #expect(count > 30)
    }

    /// Lines to shuffle into blocks: most shuffles are not valid YAML, and each must still be
    /// read as Yams reads it or left to Yams.
    static let lines = [
        "a: 1", "a: x", "b: &x [1, 2]", "c: *x", "d: &y {k: v}", "e: *y", "- item", "- &z item", "- *z",
        "  - nested", "  k: v", "f: [a, [b, c]]", "? [q]", ": answer", "g: !!str 7", "h: !tag v", "'a': 3",
        "i: \"two\nlines\"", "j: |", "  kept", "k: {a: 1, a: 2}", "---", "l: [", "m: ]", "n: *missing", "o:",
        "\"p\": &x again", "# comment", "r: 'it''s'", "s: ~",
    ]

    @Test("agrees with Yams on 2,000 blocks of shuffled lines")
    func shuffledLines() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<2000 {
            let count = Int.random(in: 1...7, using: &random)
            let yaml = (0..<count).map { _ in Self.lines.randomElement(using: &random)! }.joined(separator: "\n")
            expectAgreement(yaml + "\n")
        }
    }

    @Test("possible duplicates are confirmed by Yams, not taken as errors")
    func duplicatesConfirmed() {
        // The same text under two tags (an integer, a text): Yams keeps both keys, and so does the frontmatter.
        let note = parse("---\n!!int 1: a\n\"1\": b\ntitle: T\n---\nx\n")
        #expect(note.frontmatter.title == "T")
        #expect(!note.diagnostics.contains { $0.code == .frontmatter })
    }

    // MARK: Helpers

    private func expectAgreement(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let yams: Result<Node?, Error> = Result {
            try Yams.compose(yaml: yaml, FrontmatterParser.resolver, Constructor([:], [:], [:]), .utf8)
        }
        switch (YAMLComposer.compose(yaml), yams) {
        case (.composed(let ours), .success(let theirs)), (.possibleDuplicateKeys(let ours), .success(let theirs)):
            #expect(
                ours.map(describe) == theirs.map(describe), "\(yaml.debugDescription)", sourceLocation: sourceLocation)
        case (.composed, .failure(let error)):
            Issue.record(
                "composed a block Yams rejects (\(error)): \(yaml.debugDescription)", sourceLocation: sourceLocation)
        case (.failed, .success):
            Issue.record("failed on a block Yams reads: \(yaml.debugDescription)", sourceLocation: sourceLocation)
        case (.possibleDuplicateKeys, .failure), (.failed, .failure):
            break
        }
    }

    private func describe(_ node: YAMLNode) -> String {
        let place = "@\(node.mark.line):\(node.mark.column)"
        switch node {
        case .scalar(let scalar): return (scalar.isPlain ? "" : "q") + scalar.string.debugDescription + place
        case .sequence(let items, _): return "[" + items.map(describe).joined(separator: ", ") + "]" + place
        case .mapping(let pairs, _):
            return "{" + pairs.map { describe($0.key) + ": " + describe($0.value) }.joined(separator: ", ") + "}"
                + place
        }
    }

    private func describe(_ node: Node) -> String {
        let place = node.mark.map { "@\($0.line):\($0.column)" } ?? "@?"
        switch node {
        case .scalar(let scalar):
            return (scalar.style == .plain || scalar.style == .any ? "" : "q") + scalar.string.debugDescription + place
        case .sequence(let items): return "[" + items.map(describe).joined(separator: ", ") + "]" + place
        case .mapping(let pairs):
            return "{" + pairs.map { describe($0.key) + ": " + describe($0.value) }.joined(separator: ", ") + "}"
                + place
        case .alias: return "*alias" + place
        }
    }

    /// The YAML of every note with frontmatter under `folders`.
    private func frontmatterBlocks(in folders: [URL]) throws -> [String] {
        var blocks: [String] = []
        for folder in folders {
            guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
                continue
            }
            for case let url as URL in files where url.pathExtension == "md" {
                let split = FrontmatterSplit.split(SourceText(decoding: Array(try Data(contentsOf: url))))
                if let yaml = split.yaml, !yaml.allSatisfy(\.isWhitespace) { blocks.append(yaml) }
            }
        }
        return blocks
    }
}
