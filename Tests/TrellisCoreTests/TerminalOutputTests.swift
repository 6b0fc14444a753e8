import Foundation
import Testing

@testable import TrellisCore

/// What Trellis prints for people.
@Suite("Terminal output")
struct TerminalOutputTests {
    @Test(
        "long lists are cut short",
        arguments: [
            ([], ""), (["a"], "a"), (["a", "b", "c"], "a, b, c"), (["a", "b", "c", "d"], "a, b, c and 1 more"),
            (["a", "b", "c", "d", "e", "f"], "a, b, c and 3 more"),
        ] as [([String], String)])
    func list(items: [String], words: String) {
        #expect(Wording.list(items, atMost: 3) == words)
    }
}
