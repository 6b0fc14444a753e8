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

    /// The examples that use what Trellis adds to Markdown, and why each renders otherwise.
    static let excused: [Int: String] = [
        64: "`#hashtag` at the start of a line is a tag",
        96: "a `---` block at the top is frontmatter",
        98: "a `---` block at the top is frontmatter",
        483: "a link to a relative file not in the vault (`./target.md`) is marked dangling",
        516: "an image of a relative file not in the vault (`moon.jpg`) is marked dangling",
        530: "an image of a relative file not in the vault (`moon.jpg`) is marked dangling",
        547: "`[[foo]]` is a wiki link",
        572: "an image of a relative file not in the vault (`train.jpg`) is marked dangling",
        575: "an image of a relative file not in the vault (`train.jpg`) is marked dangling",
        576: "an image of a relative file not in the vault (`train.jpg`) is marked dangling",
        577: "an image of a relative file not in the vault (`train.jpg`) is marked dangling",
        578: "an image of a file not in the vault (`/path/to/train.jpg`, the vault root) is marked dangling",
        589: "`![[foo]]` is an embed",
    ]

    /// Removes the heading ids Trellis adds, so headings compare with the spec's plain `<hN>`.
    static func withoutHeadingIDs(_ html: String) -> String {
        html.replacingOccurrences(of: #"<h([1-6]) id="[^"]*">"#, with: "<h$1>", options: .regularExpression)
    }

    @Test("every example renders as the spec says, but those excused by name", .enabled(if: hasShared, "../shared/vaults/commonmark is not beside the repository"))
    func spec() throws {
        let url = Repository.shared.appendingPathComponent("vaults/commonmark/commonmark-0.30.json")
        let examples = try JSONDecoder().decode([SpecExample].self, from: Data(contentsOf: url))
        var differing: [Int] = []
        for example in examples where Self.withoutHeadingIDs(renderAlone(parse(example.markdown, unsafeHTML: true))) != example.html {
            differing.append(example.example)
        }
        print("CommonMark 0.30: \(examples.count - differing.count) of \(examples.count) examples render exactly as the spec says")
        #expect(examples.count == 652)
        #expect(differing == Self.excused.keys.sorted(), "differing: \(differing)")
    }
}
