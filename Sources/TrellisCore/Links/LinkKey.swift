import Foundation

/// The form names are compared in: Unicode NFC and lower case, so `Résumé Tips`, `résumé tips`
/// and a macOS NFD spelling all meet.
enum LinkKey {
    static func of(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping.lowercased()
    }

    /// A heading as links name it: lower case, without the characters Obsidian drops from heading
    /// links (`: # | ^ [ ] %`), white space collapsed.
    static func heading(_ text: String) -> String {
        let dropped: Set<Character> = [":", "#", "|", "^", "[", "]", "%"]
        let kept = of(text).filter { !dropped.contains($0) }
        return kept.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
