import Foundation
import Testing

@testable import TrellisCore

/// The CommonMark 0.30 spec examples through Trellis's Markdown path (raw HTML allowed): Trellis's
/// extensions must not change Markdown that does not use them. The examples that render otherwise
/// are listed by number with the reason; any other difference fails, and so does an excused
/// example that starts to render as the spec says (the list must shrink with it).
@Suite("CommonMark spec")
struct CommonMarkSpecTests {
    static let hasShared = FileManager.default.fileExists(
        atPath: Repository.shared.appendingPathComponent("vaults/commonmark/commonmark-0.30.json").path)

    /// The examples that use what Trellis adds to Markdown, by reason.
    static let excused: [(reason: String, examples: [Int])] = [
        ("`#hashtag` at the start of a line is a tag", [64]),
        ("a `---` block at the top is frontmatter", [96, 98]),
        ("`[[foo]]` is a wiki link, `![[foo]]` an embed", [547, 589]),
        ("a `#fragment` that names nothing on the page leads to the note's top", [500]),
        // The spec links to `/uri`, `foo`, `train.jpg` and the like: Trellis reads a link without a
        // scheme as one to a vault file, as Obsidian does, and marks it dangling when the vault has
        // none (the test checks each of these pages shows a dangling link).
        (
            danglingReason,
            [
                22, 23, 32, 33, 192, 193, 194, 195, 196, 198, 202, 203, 204, 205, 206, 214,
                215, 216, 217, 218, 403, 418, 421, 432, 472, 473, 481, 482, 483, 488, 491, 494,
                495, 497, 498, 499, 501, 502, 503, 504, 505, 506, 508, 509, 511, 513, 514, 515,
                516, 517, 518, 519, 520, 521, 526, 527, 528, 529, 530, 531, 532, 533, 534, 538,
                539, 540, 541, 542, 543, 548, 549, 552, 553, 554, 555, 556, 557, 558, 559, 560,
                561, 563, 564, 565, 567, 568, 569, 570, 571, 572, 573, 574, 575, 576, 577, 578,
                579, 580, 581, 582, 583, 584, 585, 586, 587, 588, 590, 592,
            ]
        ),
    ]
    static let danglingReason = "a link or image to a path that is not in the vault is marked dangling"

    /// Removes the heading ids Trellis adds, so headings compare with the spec's plain `<hN>`.
    static func withoutHeadingIDs(_ html: String) -> String {
        html.replacingOccurrences(of: #"<h([1-6]) id="[^"]*">"#, with: "<h$1>", options: .regularExpression)
    }

    @Test(
        "every example renders as the spec says, but those excused by name",
        .enabled(if: hasShared, "../shared/vaults/commonmark is not beside the repository"))
    func spec() throws {
        let url = Repository.shared.appendingPathComponent("vaults/commonmark/commonmark-0.30.json")
        let examples = try JSONDecoder().decode([SpecExample].self, from: Data(contentsOf: url))
        let dangling = Set(Self.excused.first { $0.reason == Self.danglingReason }!.examples)
        var differing: [Int] = []
        for example in examples {
            let html = renderAlone(parse(example.markdown, unsafeHTML: true))
            guard Self.withoutHeadingIDs(html) != example.html else { continue }
            differing.append(example.example)
            if dangling.contains(example.example) {
                #expect(
                    html.contains("class=\"internal dangling\""),
                    "example \(example.example) differs but shows no dangling link")
            }
        }
        print(
            "CommonMark 0.30: \(examples.count - differing.count) of \(examples.count) examples render exactly as the spec says"
        )
        #expect(examples.count == 652)
        #expect(differing == Self.excused.flatMap(\.examples).sorted(), "differing: \(differing)")
    }
}
