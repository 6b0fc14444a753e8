/// Lines as libyaml counts them, to turn its marks into byte offsets. Besides `\n`, `\r\n` and a
/// lone `\r` (cmark's line endings, and the file's lines in diagnostics), YAML 1.1 breaks lines at
/// U+0085, U+2028 and U+2029: after one of these, a mark's line and column run ahead of the file's.
enum YAMLLines {
    /// The byte offset where each libyaml line starts.
    static func starts(of bytes: [UInt8]) -> [Int] {
        var starts = [0]
        var index = 0
        while index < bytes.count {
            let width = breakWidth(bytes, at: index)
            if width > 0 {
                starts.append(index + width)
                index += width
            } else {
                index += 1
            }
        }
        return starts
    }

    /// The byte offset of a libyaml mark: a 1-based line of `starts`, a 1-based column in
    /// Unicode scalars. Clamped to the text. `from` is a known place on the same line at or before
    /// the column, to count on from: many marks on one long line cost the line once, not each.
    static func offset(
        line: Int, column: Int, in bytes: [UInt8], starts: [Int], from known: (column: Int, offset: Int)? = nil
    ) -> Int {
        guard line >= 1, line <= starts.count else { return line < 1 ? 0 : bytes.count }
        let end = line < starts.count ? starts[line] : bytes.count
        var offset = known?.offset ?? starts[line - 1]
        var scalars = known?.column ?? 1
        while offset < end, scalars < column {
            offset += 1
            if offset < end, bytes[offset] & 0xC0 != 0x80 { scalars += 1 }
        }
        return offset
    }

    /// The file line and character column of a libyaml mark in a note's frontmatter, for the odd
    /// problem; `PropertyReader` keeps the lines it needs for many.
    static func place(line: Int, column: Int, in split: FrontmatterSplit) -> (line: Int, column: Int) {
        let bytes = Array((split.yaml ?? "").utf8)
        return place(ofOffset: offset(line: line, column: column, in: bytes, starts: starts(of: bytes)), in: split)
    }

    /// The file line and character column of a byte offset into a note's frontmatter YAML.
    static func place(ofOffset offset: Int, in split: FrontmatterSplit) -> (line: Int, column: Int) {
        let source = SourceText(decoding: Array((split.yaml ?? "").utf8))
        let offset = min(max(0, offset), source.bytes.count)
        return (split.yamlFirstLine + source.line(ofOffset: offset) - 1, source.characterColumn(ofOffset: offset))
    }

    /// The length in bytes of the line break at `index`, or 0.
    private static func breakWidth(_ bytes: [UInt8], at index: Int) -> Int {
        func byte(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
        switch bytes[index] {
        case 0x0A: return 1
        case 0x0D: return byte(1) == 0x0A ? 2 : 1
        case 0xC2: return byte(1) == 0x85 ? 2 : 0  // U+0085
        case 0xE2: return byte(1) == 0x80 && (byte(2) == 0xA8 || byte(2) == 0xA9) ? 3 : 0  // U+2028, U+2029
        default: return 0
        }
    }
}

extension YAMLLines {
    /// Where `key` is written a second time in the block mapping libyaml placed at `line`:`column`
    /// (Yams names a duplicated key, not where it is): the byte offset of the key, plain or
    /// quoted, on the second line that has it at the mapping's column. Before the column: the
    /// mapping's own line may hold anything (a sequence item's `- `), the others only spaces; a
    /// line that starts further left ends the mapping. Nil in a flow mapping (`{a: 1, a: 2}`),
    /// or when the mapping ends first.
    static func secondKey(_ key: String, mappingLine line: Int, column: Int, in bytes: [UInt8]) -> Int? {
        let starts = starts(of: bytes)
        guard line >= 1, line <= starts.count, column >= 1 else { return nil }
        let spellings = [key, "\"\(key)\"", "'\(key)'"].map { Array($0.utf8) }
        var seen = 0
        for index in (line - 1)..<starts.count {
            let end = index + 1 < starts.count ? starts[index + 1] : bytes.count
            let text = bytes[starts[index]..<end]
            let content = text.drop { $0 == 0x20 }
            if content.isEmpty || [0x0A, 0x0D, 0x23].contains(content.first!) { continue }  // blank, or a comment
            let place = offset(line: index + 1, column: column, in: bytes, starts: starts)
            if index + 1 > line, content.startIndex < place { return nil }  // left of the mapping: it has ended
            guard index + 1 == line || content.startIndex == place else { continue }  // deeper: a value's lines
            guard spellings.contains(where: { isKey($0, at: bytes[place..<end]) }) else { continue }
            seen += 1
            if seen == 2 { return place }
        }
        return nil
    }

    /// Whether `rest` starts with `spelling` then, after any spaces, a `:`.
    private static func isKey(_ spelling: [UInt8], at rest: ArraySlice<UInt8>) -> Bool {
        guard rest.starts(with: spelling) else { return false }
        let after = rest.dropFirst(spelling.count).drop { $0 == 0x20 || $0 == 0x09 }
        return after.first == 0x3A
    }
}
