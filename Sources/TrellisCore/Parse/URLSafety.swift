/// URLs a link must never carry, whatever the HTML settings: those that run code or reach the
/// reader's own files. Images may use `data:` images.
enum URLSafety {
    static func isDangerous(_ url: String, isImage: Bool) -> Bool {
        guard url.utf8.contains(UInt8(ascii: ":")) else { return false }  // no scheme: most links
        switch asciiScheme(url) {
        case .scheme(let scheme): return isDangerous(scheme: scheme, url, isImage: isImage)
        case .tooLong: return false
        case .notASCII: return isDangerous(scheme: scheme(url), url, isImage: isImage)
        }
    }

    private static func isDangerous(scheme: String?, _ url: String, isImage: Bool) -> Bool {
        switch scheme {
        case "javascript", "vbscript", "file": return true
        case "data":
            let lowered = url.lowercased()
            let isImageData = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains {
                lowered.hasPrefix($0)
            }
            return !(isImage && isImageData)
        default: return false
        }
    }

    /// What comes before the first `:`, lower case, without whitespace or control characters
    /// (`java\tscript:`); nil when it is longer than any scheme looked for. Read on Unicode
    /// scalars, as a browser reads a URL: a combining mark after the colon (`javascript:\u{301}…`)
    /// makes one Character of the two, but the browser still sees the scheme.
    static func scheme(_ url: String) -> String? {
        var scheme = String.UnicodeScalarView()
        for scalar in url.lowercased().unicodeScalars {
            if scalar == ":" { break }
            if scalar.properties.isWhitespace || scalar.value < 0x20 { continue }
            scheme.append(scalar)
            if scheme.count > 12 { return nil }
        }
        return String(scheme)
    }

    enum ASCIIScheme: Equatable {
        case scheme(String)
        case tooLong
        /// A byte that is not ASCII before the `:`, or just after it (a mark that joins it): left
        /// to `scheme(_:)`, which reads Unicode scalars.
        case notASCII
    }

    /// `scheme(_:)` read off the bytes, as most URLs are ASCII: there every byte is a character
    /// (`\r\n` aside, skipped either way), the whitespace and control characters are the bytes up to
    /// a space, and lower case is a bit.
    static func asciiScheme(_ url: String) -> ASCIIScheme {
        var scheme: [UInt8] = []
        var bytes = url.utf8.makeIterator()
        while let byte = bytes.next() {
            if byte >= 0x80 { return .notASCII }
            if byte == UInt8(ascii: ":") {
                if let next = bytes.next(), next >= 0x80 { return .notASCII }
                break
            }
            if byte <= 0x20 { continue }
            scheme.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            if scheme.count > 12 { return .tooLong }
        }
        return .scheme(String(decoding: scheme, as: UTF8.self))
    }
}
