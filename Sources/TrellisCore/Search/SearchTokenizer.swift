import Foundation

/// Turns text into search terms. `Theme/assets/search.js` implements the same rules, so a query
/// typed in the browser meets the terms this side wrote; the rules are part of the index format
/// (see `SearchFormat`), and a change to them is a new format version.
///
/// 1. **Fold**: Unicode NFKD, combining diacritics removed (U+0300–036F, 1AB0–1AFF, 1DC0–1DFF,
///    20D0–20FF, FE20–FE2F), lower case, final `ς` → `σ`, NFC. `Café` → `cafe`, `Ｆｕｌｌ` → `full`.
/// 2. **Words**: maximal runs of letters, numbers and marks (general categories L, N, M). `don't`
///    → `don`, `t`; `v1.2` → `v1`, `2`.
/// 3. **CJK** (Han, kana, Hangul) runs inside a word become overlapping bigrams: `東京都` →
///    `東京`, `京都`. The index also keeps the run's last character alone (`都`), so that every
///    character starts some term and a one-character query finds it by prefix.
/// 4. Stop words (a short English list, carried in the index's metadata) and terms longer than
///    40 UTF-16 units are dropped.
///
/// Stemming (`stem`) and prefix matching happen when a query is matched, not here: the index keeps
/// words as written (folded), so a half-typed word still finds them by prefix.
public enum SearchTokenizer {
    public enum Mode: Sendable {
        /// CJK runs also give their last character alone.
        case index
        /// CJK runs of two or more characters give bigrams only.
        case query
    }

    /// Terms longer than this (in UTF-16 units) are noise — hashes, base64, URLs — and are dropped.
    public static let maxTermLength = 40

    /// Lucene's English stop words: too common to tell notes apart.
    public static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not",
        "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was",
        "will", "with",
    ]

    // MARK: Folding

    /// Case and diacritic folding; see the type's documentation.
    public static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiLowercased(text) }
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars where !isDiacritic(scalar.value) {
            scalars.append(scalar)
        }
        var lowered = String(scalars).lowercased()
        if lowered.unicodeScalars.contains("\u{3C2}") {
            lowered = String(String.UnicodeScalarView(lowered.unicodeScalars.map { $0 == "\u{3C2}" ? "\u{3C3}" : $0 }))
        }
        return lowered.precomposedStringWithCanonicalMapping
    }

    static func isDiacritic(_ value: UInt32) -> Bool {
        (0x300...0x36F).contains(value) || (0x1AB0...0x1AFF).contains(value) || (0x1DC0...0x1DFF).contains(value)
            || (0x20D0...0x20FF).contains(value) || (0xFE20...0xFE2F).contains(value)
    }

    private static func asciiLowercased(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return text }
        return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    // MARK: Words

    /// The terms of `text`, in order, with repeats.
    public static func tokens(_ text: String, mode: Mode = .index, stopWords: Set<String> = stopWords) -> [String] {
        var out: [String] = []
        forEachToken(text, mode: mode, stopWords: StopWords(stopWords)) {
            out.append(String(decoding: $0, as: UTF8.self))
        }
        return out
    }

    /// A stop-word set that knows its longest word, so longer words skip the look-up.
    struct StopWords: Sendable {
        let words: Set<String>
        let longest: Int
        /// Each word as its bytes and length in a number, in a small open-addressing table:
        /// checking a word is then a multiply and a comparison or two, without making it a
        /// string. Nil when a word is too long to fit.
        let packed: [UInt64]?

        init(_ words: Set<String>) {
            self.words = words
            longest = words.map(\.utf8.count).max() ?? 0
            guard longest <= 7 else {
                packed = nil
                return
            }
            var table = [UInt64](repeating: 0, count: Self.slots(for: words.count))
            for word in words {
                let key = Self.pack(word.utf8)
                var slot = Self.slot(key, table.count)
                while table[slot] != 0 { slot = (slot + 1) & (table.count - 1) }
                table[slot] = key
            }
            packed = table
        }

        func contains(_ word: String, length: Int) -> Bool { length <= longest && words.contains(word) }

        func contains(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
            guard word.count <= longest else { return false }
            guard let packed else { return words.contains(String(decoding: word, as: UTF8.self)) }
            let key = Self.pack(word)
            var slot = Self.slot(key, packed.count)
            while packed[slot] != 0 {
                if packed[slot] == key { return true }
                slot = (slot + 1) & (packed.count - 1)
            }
            return false
        }

        /// A power of two at least four times `count`: a table at most a quarter full.
        private static func slots(for count: Int) -> Int {
            var size = 8
            while size < count * 4 { size *= 2 }
            return size
        }

        private static func slot(_ key: UInt64, _ count: Int) -> Int {
            Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & (count - 1)
        }

        private static func pack(_ bytes: some Collection<UInt8>) -> UInt64 {
            var key = UInt64(0x80 | bytes.count) << 56  // never 0, the empty slot
            for (offset, byte) in bytes.enumerated() { key |= UInt64(byte) << (8 * UInt64(offset)) }
            return key
        }

        static let standard = StopWords(SearchTokenizer.stopWords)
    }

    /// Calls `body` with the UTF-8 bytes of each term of `text`, in order, with repeats; the
    /// bytes last only as long as the call.
    static func forEachToken(
        _ text: String, mode: Mode, stopWords: StopWords, _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        var text = text
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxTermLength) { lowered in
            text.withUTF8 { bytes in
                // Cut at ASCII characters that are not letters or digits: they never join a word, never
                // compose with a neighbour under NFC, and fold to themselves, so folding chunk by chunk
                // is folding the whole text, with a fast path for the all-ASCII chunks of most notes.
                var start = 0
                var ascii = true
                var index = 0
                func flush() {
                    defer {
                        start = index + 1
                        ascii = true
                    }
                    guard index > start else { return }
                    let chunk = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    if ascii {
                        guard chunk.count <= maxTermLength else { return }
                        for (offset, byte) in chunk.enumerated() {
                            lowered[offset] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                        }
                        let word = UnsafeBufferPointer(rebasing: lowered[..<chunk.count])
                        if !stopWords.contains(word) { body(word) }
                    } else {
                        let folded = fold(String(decoding: chunk, as: UTF8.self))
                        words(of: folded, mode: mode, stopWords: stopWords) { word in
                            var word = word
                            word.withUTF8(body)
                        }
                    }
                }
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte >= 0x80 {
                        ascii = false
                    } else if !isASCIIAlphanumeric(byte) {
                        flush()
                    }
                    index += 1
                }
                flush()
            }
        }
    }

    static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// Splits folded text into words, and words into CJK and other runs.
    static func words(of folded: String, mode: Mode, stopWords: StopWords, _ body: (String) -> Void) {
        var run = String.UnicodeScalarView()
        var runIsCJK = false
        func flush() {
            guard !run.isEmpty else { return }
            if runIsCJK {
                cjkTerms(Array(run), mode: mode, body)
            } else {
                let word = String(run)
                if word.utf16.count <= maxTermLength && !stopWords.contains(word, length: word.utf8.count) {
                    body(word)
                }
            }
            run = String.UnicodeScalarView()
        }
        for scalar in folded.unicodeScalars {
            guard isWordScalar(scalar) else {
                flush()
                continue
            }
            let cjk = isCJK(scalar.value)
            if cjk != runIsCJK { flush() }
            runIsCJK = cjk
            run.append(scalar)
        }
        flush()
    }

    private static func cjkTerms(_ run: [Unicode.Scalar], mode: Mode, _ body: (String) -> Void) {
        guard run.count > 1 else {
            body(String(run[0]))
            return
        }
        for index in 0..<(run.count - 1) {
            var bigram = String.UnicodeScalarView()
            bigram.append(run[index])
            bigram.append(run[index + 1])
            body(String(bigram))
        }
        if mode == .index { body(String(run[run.count - 1])) }
    }

    /// Letters, numbers and marks: the characters words are made of.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return isASCIIAlphanumeric(UInt8(scalar.value)) }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    /// Han, kana and Hangul: scripts written without spaces between words (Hangul often with
    /// them, but bigrams serve it too).
    static func isCJK(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x11FF, 0x2E80...0x2FDF, 0x3005...0x3007, 0x3040...0x30FF, 0x3100...0x31BF, 0x31F0...0x31FF,
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA960...0xA97F, 0xAC00...0xD7FF, 0xF900...0xFAFF, 0x20000...0x3134F:
            return true
        default:
            return false
        }
    }

    // MARK: Stems and tags

    /// The suffixes the stemmer cuts, in the order it tries them, and whether a doubled final
    /// consonant is undoubled after the cut.
    private static let suffixes: [(letters: [UInt16], undouble: Bool)] = [
        ("ings", true), ("ing", true), ("ies", false), ("ied", false), ("ed", true), ("es", false), ("s", false),
        ("e", false), ("y", false),
    ].map { (Array($0.0.utf16), $0.1) }

    /// A light English stemmer that only ever cuts letters off the end, so a word's stem is always
    /// a prefix of it (the index can find every word of a stem in one prefix range). It applies to
    /// words of four or more letters a–z: the first of `ings ing ies ied ed es s e y` that ends the
    /// word is cut, unless the stem would be shorter than three letters or have no vowel (a e i o u y),
    /// or `s` follows `s`, `u` or `i`, or `ed`/`es` follows `e`. After `ings`, `ing` or `ed`, a doubled
    /// final consonant other than l, s, z is undoubled. `caching`, `cache`, `caches`, `cached` →
    /// `cach`; `queries`, `query` → `quer`; `running` → `run`.
    public static func stem(_ word: String) -> String {
        let units = Array(word.utf16)
        guard let length = stemLength(units) else { return word }
        return String(decoding: units[..<length], as: UTF16.self)
    }

    /// The length of the stem of a word, or nil when the word is not stemmed.
    static func stemLength(_ word: [UInt16]) -> Int? {
        let count = word.count
        guard count >= 4, word.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return nil }
        for (suffix, undouble) in suffixes where word.ends(with: suffix) {
            var length = count - suffix.count
            guard length >= 3, word[..<length].contains(where: isVowel) else { continue }
            let last = word[length - 1]
            if suffix == [0x73] && (last == 0x73 || last == 0x75 || last == 0x69) { continue }  // s after s, u, i
            if suffix.count == 2 && suffix[0] == 0x65 && last == 0x65 { continue }  // ed, es after e
            if undouble && last == word[length - 2] && !isVowel(last) && last != 0x6C && last != 0x73 && last != 0x7A {
                length -= 1  // running → run, stopped → stop
            }
            return length
        }
        return nil
    }

    private static func isVowel(_ unit: UInt16) -> Bool {
        unit == 0x61 || unit == 0x65 || unit == 0x69 || unit == 0x6F || unit == 0x75 || unit == 0x79
    }

    /// Characters a `#tag` is made of beyond word characters.
    static func isTagPunctuation(_ scalar: Unicode.Scalar) -> Bool { scalar == "-" || scalar == "_" || scalar == "/" }

    /// The term a tag is indexed and queried as: `#` and the folded tag, cut at the first
    /// character that is neither a word character nor `- _ /`. `#Systems/Storage` →
    /// `#systems/storage`. Nil when nothing is left.
    public static func tagTerm(_ tag: String) -> String? {
        var text = String.UnicodeScalarView()
        for scalar in tag.unicodeScalars.drop(while: { $0 == "#" }) {
            guard isWordScalar(scalar) || isTagPunctuation(scalar) else { break }
            text.append(scalar)
        }
        guard !text.isEmpty else { return nil }
        let term = "#" + fold(String(text))
        return term.utf16.count <= maxTermLength + 1 ? term : nil
    }
}

extension Array where Element: Equatable {
    fileprivate func ends(with suffix: [Element]) -> Bool {
        count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix)
    }
}
