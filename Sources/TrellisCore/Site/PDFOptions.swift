/// What a link or embed asks of a PDF after its `#`, as Obsidian reads it: `#page=3` opens the
/// third page, `#height=400` makes an embed 400 pixels high, and `#page=3&height=400` both.
/// Anything else after the `#` (a heading, to another file) is left out, as before.
struct PDFOptions: Equatable {
    var page: Int?
    var height: Int?

    init(page: Int? = nil, height: Int? = nil) {
        self.page = page
        self.height = height
    }

    /// The options of a link to `file` with this subpath; none for a file that is not a PDF.
    init(_ subpath: LinkTarget.Subpath, of file: VaultPath) {
        guard file.fileExtension == "pdf", case .heading(let parts) = subpath, parts.count == 1 else { return }
        for pair in parts[0].split(separator: "&") {
            let keyValue = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmingWhitespace() }
            guard keyValue.count == 2, let number = Int(keyValue[1]), number > 0 else { continue }
            switch keyValue[0].lowercased() {
            case "page": page = number
            case "height": height = number
            default: continue
            }
        }
    }

    /// The URL fragment a browser's PDF viewer opens the page at: `#page=3`, or nothing.
    var fragment: String { page.map { "#page=\($0)" } ?? "" }

    /// The embed's height: ` style="height: 400px"` (the theme's stylesheet gives the embed a
    /// height, which an attribute would not override), or nothing.
    var heightStyle: String { height.map { " style=\"height: \($0)px\"" } ?? "" }
}
