/// URLs a link must never carry, whatever the HTML settings: those that run code or reach the
/// reader's own files. Images may use `data:` images.
enum URLSafety {
    static func isDangerous(_ url: String, isImage: Bool) -> Bool {
        guard url.utf8.contains(UInt8(ascii: ":")) else { return false }  // no scheme: most links
        var scheme = ""
        for character in url.lowercased() {
            if character == ":" { break }
            if character.isWhitespace || character.unicodeScalars.first!.value < 0x20 { continue }  // `java\tscript:`
            scheme.append(character)
            if scheme.count > 12 { return false }
        }
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
}
