import Foundation
import Testing

@testable import TrellisCore

/// The CommonMark 0.30 spec examples through Trellis's Markdown path (raw HTML allowed): Trellis's
/// extensions must not change Markdown that does not use them.
@Suite("CommonMark spec")
struct CommonMarkSpecTests {
    /// Removes the heading ids Trellis adds, so headings compare with the spec's plain `<hN>`.
    static func withoutHeadingIDs(_ html: String) -> String {
        html.replacingOccurrences(of: #"<h([1-6]) id="[^"]*">"#, with: "<h$1>", options: .regularExpression)
    }

    /// Whether an example uses what Trellis adds to Markdown: `[[…]]`, a trailing `^id`, a `---`
    /// frontmatter block at the top, an inline `#tag`, or a link or image to a relative file (`./target.md`,
    /// `moon.jpg`) that is not in the vault, which Trellis marks as dangling instead of a broken link.
    static func usesExtensions(_ markdown: String, renderedAs html: String) -> Bool {
        markdown.contains("[[") || markdown.range(of: #"\s\^[A-Za-z0-9-]+\s*$"#, options: .regularExpression) != nil
            || FrontmatterSplit.split(SourceText(decoding: Array(markdown.utf8))).yaml != nil
            || html.contains("class=\"internal dangling\"") || html.contains("class=\"tag\"")
    }

    @Test("every example without Trellis syntax renders as the spec says")
    func spec() throws {
        let url = Repository.shared.appendingPathComponent("vaults/commonmark/commonmark-0.30.json")
        guard let data = try? Data(contentsOf: url) else { return }  // shared/ not beside the repository
        let examples = try JSONDecoder().decode([SpecExample].self, from: data)
        var passed = 0
        var failures: [Int] = []
        for example in examples {
            let html = renderAlone(parse(example.markdown, unsafeHTML: true))
            if CommonMarkSpecTests.withoutHeadingIDs(html) == example.html {
                passed += 1
            } else if !CommonMarkSpecTests.usesExtensions(example.markdown, renderedAs: html) {
                failures.append(example.example)
            }
        }
        print("CommonMark 0.30: \(passed) of \(examples.count) examples render exactly as the spec says")
        #expect(examples.count == 652)
        #expect(failures == [], "examples without Trellis syntax that render differently")
    }
}
