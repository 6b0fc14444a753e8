/// Obsidian block ids: a paragraph or list item that ends with ` ^fifo` can be linked as
/// `[[Note#^fifo]]`. A `^fifo` alone on the line after a list, quote or table names that block.
enum BlockID {
    /// Splits `text ^fifo` into (`text`, `fifo`); nil when the text does not end with a block id.
    static func split(_ text: String) -> (kept: String, id: String)? {
        var trimmed = text[...]
        while let last = trimmed.last, last == " " || last == "\t" { trimmed = trimmed.dropLast() }
        guard let caret = trimmed.lastIndex(of: "^") else { return nil }
        let id = trimmed[trimmed.index(after: caret)...]
        guard !id.isEmpty, id.allSatisfy(isIDCharacter) else { return nil }
        let before = trimmed[..<caret]
        guard before.isEmpty || before.last == " " || before.last == "\t" else { return nil }
        var kept = before
        while let last = kept.last, last == " " || last == "\t" { kept = kept.dropLast() }
        return (String(kept), String(id))
    }

    private static func isIDCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-")
    }
}
