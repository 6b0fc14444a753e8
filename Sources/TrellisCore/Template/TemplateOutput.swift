/// The bytes of one page as its template renders it.
struct TemplateOutput {
    var bytes: [UInt8] = []
    /// How deep a template is inside itself at this point of the page.
    var includeDepth = 0
    static let maximumIncludeDepth = 200
    static let tooDeepNotice =
        "<!-- trellis: a template includes itself more than \(maximumIncludeDepth) deep here; the rest is left out -->"

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func append(_ raw: [UInt8]) {
        bytes.append(contentsOf: raw)
    }

    /// `text` with `& < > " '` escaped (as `HTML.escape`), copied a run at a time.
    mutating func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { source in
            var start = 0
            for index in source.indices {
                let replacement: StaticString
                switch source[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<index]))
                replacement.withUTF8Buffer { bytes.append(contentsOf: $0) }
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start...]))
        }
    }
}
