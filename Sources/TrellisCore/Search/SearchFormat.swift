import Foundation

/// The files of the search index, as `SearchIndexBuilder` writes them and `SearchIndex` and
/// `Theme/assets/search.js` read them. Version 2; the README's "Search index format" section
/// describes it in full.
///
/// Every file is a script, `TrellisSearch.load("<key>",<JSON>);`, so the browser can load it with a
/// `<script>` element from `file://` as well as over HTTP. The key is the file's path below
/// `_trellis/search/` without `.js`: `meta`, `t/0` (term shards), `d/0` (display data).
///
/// Numbers inside shard strings are written with `appendNumber`: little-endian digits from an
/// alphabet of 88 printable ASCII characters that need no escaping in JSON (`#`…`~` without
/// `& < > \`); digit values 0–43 end a number, 44–87 carry 44 more values and continue it.
/// Postings are bits (`SearchBitWriter`), six to a character of the alphabet's first 64.
enum SearchFormat {
    static let version = 2
    static let folder = "_trellis/search/"
    static let metaKey = "meta"
    static let functionName = "TrellisSearch.load"

    static func shardKey(_ index: Int) -> String { "t/\(index)" }
    static func documentsKey(_ index: Int) -> String { "d/\(index)" }
    static func path(of key: String) -> String { folder + key + ".js" }

    /// A file's contents: `payload` is JSON text.
    static func script(key: String, payload: String) -> String {
        "\(functionName)(\(JSON.string(key)),\(payload));\n"
    }

    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    /// The key and the decoded JSON payload of a file written by `script(key:payload:)`.
    static func parse(script text: String, file: String) throws -> (key: String, payload: Any) {
        let prefix = functionName + "("
        var body = Substring(text)
        while let last = body.last, last.isWhitespace { body = body.dropLast() }
        guard body.hasPrefix(prefix), body.hasSuffix(");") else {
            throw FormatError(description: "\(file): not a search index file (expected \(prefix)…);)")
        }
        let arguments = "[" + body.dropFirst(prefix.count).dropLast(2) + "]"
        guard
            let array = try? JSONSerialization.jsonObject(with: Data(arguments.utf8), options: [.fragmentsAllowed])
                as? [Any],
            array.count == 2, let key = array[0] as? String
        else {
            throw FormatError(description: "\(file): the search index file is damaged")
        }
        return (key, array[1])
    }

    /// A JSON string, escaped as `JSON.string` does (safe in a script), working on bytes.
    static func json(_ text: String) -> String {
        // Most text (words, names, a shard's postings) has nothing to escape.
        var text = text
        if !text.withUTF8(Self.needsEscaping) { return "\"" + text + "\"" }
        var out: [UInt8] = [0x22]
        out.reserveCapacity(text.utf8.count + 2)
        let bytes = Array(text.utf8)
        var index = 0
        func escape(_ code: String) { out += Array(code.utf8) }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x22: escape("\\\"")
            case 0x5C: escape("\\\\")
            case 0x0A: escape("\\n")
            case 0x0D: escape("\\r")
            case 0x09: escape("\\t")
            case 0x3C: escape("\\u003c")
            case 0x3E: escape("\\u003e")
            case 0x26: escape("\\u0026")
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                escape("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            case 0xE2
            where index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                escape(bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                index += 2
            default:
                out.append(byte)
            }
            index += 1
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `json` has a byte to escape or look at: a control character, `" & < > \`, or 0xE2
    /// (which starts U+2028 and U+2029). A table rather than a bit set: shards are megabytes.
    private static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        escaped.withUnsafeBufferPointer { escaped in
            for byte in bytes where escaped[Int(byte)] { return true }
            return false
        }
    }

    private static let escaped: [Bool] = (0..<256).map {
        $0 < 0x20 || [0x22, 0x26, 0x3C, 0x3E, 0x5C, 0xE2].contains($0)
    }

    // MARK: Numbers

    static let alphabet: [UInt8] = Array(0x23...0x7E).filter { $0 != 0x26 && $0 != 0x3C && $0 != 0x3E && $0 != 0x5C }
    /// Digit values below this end a number.
    static let base = 44
    private static let values: [Int] = {
        var table = [Int](repeating: -1, count: 128)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = value }
        return table
    }()

    static func appendNumber(_ number: Int, to out: inout [UInt8]) {
        var rest = number
        while rest >= base {
            out.append(alphabet[base + rest % base])
            rest /= base
        }
        out.append(alphabet[rest])
    }

    static func encode(_ numbers: [Int]) -> String {
        var out: [UInt8] = []
        for number in numbers { appendNumber(number, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Reads one number at `position` and moves past it; nil when the text there is not one.
    static func readNumber(_ units: [UInt16], _ position: inout Int) -> Int? {
        var number = 0
        var scale = 1
        while position < units.count {
            let unit = units[position]
            position += 1
            guard unit < 128, case let value = values[Int(unit)], value >= 0 else { return nil }
            if value < base { return number + value * scale }
            number += (value - base) * scale
            scale *= base
            guard scale < 1 << 48 else { return nil }
        }
        return nil
    }

    static func decode(_ text: String) -> [Int]? {
        let units = Array(text.utf16)
        var position = 0
        var numbers: [Int] = []
        while position < units.count {
            guard let number = readNumber(units, &position) else { return nil }
            numbers.append(number)
        }
        return numbers
    }

    /// The value of a bit character (the first 64 characters of the alphabet), or -1.
    static func bitValue(_ unit: UInt16) -> Int {
        guard unit < 128, case let value = values[Int(unit)], value < 64 else { return -1 }
        return value
    }

    // MARK: Derived names

    /// The slug `search.js` derives from an ASCII name: lower case; letters, digits and `.` kept;
    /// runs of white space, `-` and `_` become one `-`; anything else dropped; `-` and `.` trimmed
    /// from the ends. Nil for a name with other characters, or an empty result. The index stores a
    /// URL or heading id only when this does not give it.
    static func derivedSlug(_ name: String) -> String? {
        slugBytes(name.utf8).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `derivedSlug` on the bytes of a name.
    private static func slugBytes(_ name: some Collection<UInt8>) -> [UInt8]? {
        var slug: [UInt8] = []
        var pendingDash = false
        for byte in name {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2E:
                if pendingDash && !slug.isEmpty { slug.append(0x2D) }
                pendingDash = false
                slug.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            case 0x09...0x0D, 0x20, 0x2D, 0x5F:
                pendingDash = true
            case 0x80...:
                return nil
            default:
                break
            }
        }
        while let last = slug.last, last == 0x2E || last == 0x2D { slug.removeLast() }
        while let first = slug.first, first == 0x2E || first == 0x2D { slug.removeFirst() }
        return slug.isEmpty ? nil : slug
    }

    /// The page URL `search.js` derives from a vault path: each folder and the file name without
    /// its extension through `derivedSlug`, joined with `/`, and `.html`.
    static func derivedURL(path: String) -> String? {
        guard path.utf8.allSatisfy({ $0 < 0x80 }) else { return characterDerivedURL(path: path) }
        // ASCII, on bytes: a character is a byte, so the last `.` byte is the last `.` character.
        var parts = path.utf8.split(separator: 0x2F)
        guard let name = parts.popLast() else { return nil }
        var url: [UInt8] = []
        for part in parts {
            guard let slug = slugBytes(part) else { return nil }
            url += slug
            url.append(0x2F)
        }
        let dot = name.lastIndex(of: 0x2E).flatMap { $0 == name.startIndex ? nil : $0 }
        guard let slug = slugBytes(dot.map { name[..<$0] } ?? name) else { return nil }
        url += slug
        return String(decoding: url, as: UTF8.self) + ".html"
    }

    /// `derivedURL` by characters, for a path that is not ASCII.
    static func characterDerivedURL(path: String) -> String? {
        var parts = path.split(separator: "/").map(String.init)
        guard let name = parts.popLast() else { return nil }
        var slugs: [String] = []
        for part in parts + [stem(name)] {
            guard let slug = derivedSlug(part) else { return nil }
            slugs.append(slug)
        }
        return slugs.joined(separator: "/") + ".html"
    }

    /// A file name without its extension (`VaultPath.stem`).
    static func stem(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
