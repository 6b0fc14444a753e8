import Foundation

/// The templates and assets pages are made from. A theme is a folder with `templates/*.mustache`
/// and `assets/*`; a user's theme folder overrides the default theme file by file. Each page
/// template is compiled once, when the theme loads, against its page's model (`PageModels`).
public struct Theme: Sendable {
    /// Why a theme cannot be used: each problem with its file, line and column.
    public struct ThemeError: Error, CustomStringConvertible {
        public var diagnostics: [Diagnostic]

        init(file: String, message: String) {
            diagnostics = [Diagnostic(file: file, severity: .error, code: .theme, message: message)]
        }

        init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

        public var description: String {
            diagnostics.map { problem in
                let place = problem.line > 0 ? ":\(problem.line):\(problem.column)" : ""
                return "\(problem.file ?? "theme")\(place): error: \(problem.message)"
            }.joined(separator: "\n")
        }
    }

    /// The templates every theme must provide.
    public static let requiredTemplates = ["base", "note", "list", "404"]

    private let templates: PageTemplates
    /// Asset files by their path under `assets/`, from the last folder that has each; copied
    /// into every site. A `mermaid.min.js` among them is not: it is in `scripts`.
    public let assets: [String: URL]
    /// KaTeX and Mermaid, copied only into a site that has math or diagrams.
    public let scripts: ContentScripts
    /// A fingerprint of every template and asset, so a changed theme re-renders every page.
    public let fingerprint: String

    /// Loads the theme from `folders`, later folders overriding earlier ones file by file.
    /// `scripts`: KaTeX, and a Mermaid script that wins over the theme's own.
    public init(folders: [URL], scripts: ContentScripts = ContentScripts()) throws {
        var templates: [String: (text: String, file: String)] = [:]
        var assets: [String: URL] = [:]
        var hasher = FNV1a()
        for folder in folders {
            let templateFolder = folder.appendingPathComponent("templates")
            for (name, url) in Theme.files(in: templateFolder) where name.hasSuffix(".mustache") {
                guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                    throw ThemeError(file: url.path, message: "cannot read the template (is it UTF-8?)")
                }
                templates[String(name.dropLast(".mustache".count))] = (text, url.path)
            }
            for (name, url) in Theme.files(in: folder.appendingPathComponent("assets")) { assets[name] = url }
        }
        for (name, template) in templates.sorted(by: { $0.key < $1.key }) {
            hasher.add(name)
            hasher.add(template.text)
        }
        for name in Theme.requiredTemplates where templates[name] == nil {
            let searched = folders.map { $0.appendingPathComponent("templates/\(name).mustache").path }
            throw ThemeError(
                file: searched.last ?? name,
                message: "missing template `\(name).mustache` (looked in \(searched.joined(separator: ", ")))")
        }
        self.templates = try PageTemplates(sources: templates.mapValues(\.text), files: templates.mapValues(\.file))
        for (name, url) in assets.sorted(by: { $0.key < $1.key }) {
            hasher.add(name)
            if let data = try? Data(contentsOf: url) { hasher.add(bytes: data) }
        }
        var scripts = scripts
        if let mermaid = assets.removeValue(forKey: ContentScripts.mermaidName), scripts.mermaid == nil {
            scripts.mermaid = mermaid
        }
        hasher.add(scripts.fingerprint)
        self.assets = assets
        self.scripts = scripts
        self.fingerprint = hasher.hex
    }

    func render(_ page: NotePage) -> [UInt8] {
        render(
            page, with: templates.note,
            capacity: page.content.utf8.count + page.localGraph.utf8.count + (page.tree?.utf8.count ?? 0))
    }

    func render(_ page: ListPage) -> [UInt8] {
        render(
            page, with: page.graph ? templates.graph : templates.list,
            capacity: page.items.count * 160 + (page.tree?.utf8.count ?? 0))
    }

    func renderNotFound(_ page: PageHead) -> [UInt8] { render(page, with: templates.notFound, capacity: 0) }

    private func render<Page>(_ page: Page, with template: TemplateRenderer<Page>, capacity: Int) -> [UInt8] {
        // The theme's own markup, about 8 KB for the default theme, around what the page adds.
        var out = TemplateOutput(capacity: capacity + 12_288)
        template(page, &out)
        return out.bytes
    }

    /// Every regular file below `folder`, by its path relative to it.
    private static func files(in folder: URL) -> [(String, URL)] {
        guard
            let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var found: [(String, URL)] = []
        let base = folder.standardizedFileURL.path
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base + "/") else { continue }
            let relative = String(path.dropFirst(base.count + 1))
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            found.append((relative, url))
        }
        return found
    }
}

/// A small, stable, non-cryptographic hash for fingerprints and content caches.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        add(bytes: Array(text.utf8))
        add(bytes: [0xFF])
    }

    mutating func add<Bytes: Sequence>(bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
    }

    var hex: String { String(value, radix: 16) }
}

/// A fast 64-bit hash of a file's bytes, eight at a time, for telling changed notes from
/// unchanged ones. Not cryptographic: it only has to catch edits, not adversaries.
enum ContentHash {
    static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { raw in
            var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
            func mix(_ word: UInt64) {
                let product = (hash ^ word).multipliedFullWidth(by: 0xA076_1D64_78BD_642F)
                hash = product.high ^ product.low
            }
            var offset = 0
            while offset + 8 <= raw.count {
                mix(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
            }
            var tail: UInt64 = 0
            for index in offset..<raw.count { tail = tail << 8 | UInt64(raw[index]) }
            mix(tail ^ 0xE703_7ED1_A0B4_28DB)
            return hash
        }
    }
}
