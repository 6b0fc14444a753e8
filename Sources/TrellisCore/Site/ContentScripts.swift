import Foundation

/// KaTeX as Debian's libjs-katex and fonts-katex install it: the script, its stylesheet and the
/// fonts that names. Copied into `_trellis/katex/` when the site has math, so pages typeset it
/// from `file://` with no network.
public struct KaTeX: Sendable, Hashable {
    /// Where libjs-katex puts it (its `fonts` is a link to fonts-katex's folder).
    public static let debianFolder = URL(fileURLWithPath: "/usr/share/javascript/katex")

    /// The folder it was found in.
    public let folder: URL
    /// Its files by their path under `_trellis/katex/`. Only the WOFF2 fonts: every browser that
    /// runs KaTeX reads them, and the stylesheet names them before the WOFF and TrueType ones.
    public let files: [String: URL]

    /// KaTeX in `folder` (`katex.min.js`, `katex.min.css`, `fonts/*.woff2`); nil when any is missing.
    public init?(folder: URL) {
        let manager = FileManager.default
        var files: [String: URL] = [:]
        for name in ["katex.min.js", "katex.min.css"] {
            let url = folder.appendingPathComponent(name)
            guard manager.isReadableFile(atPath: url.path) else { return nil }
            files[name] = url
        }
        let fonts = folder.appendingPathComponent("fonts")
        let names = (try? manager.contentsOfDirectory(atPath: fonts.path)) ?? []
        for name in names where name.hasSuffix(".woff2") && !name.hasPrefix(".") {
            files["fonts/" + name] = fonts.appendingPathComponent(name)
        }
        guard files.count > 2 else { return nil }
        self.folder = folder
        self.files = files
    }

    /// KaTeX where Debian installs it, if it is installed.
    public static var installed: KaTeX? { KaTeX(folder: debianFolder) }
}

/// The scripts that show what Markdown alone cannot: KaTeX for math, Mermaid for diagrams. Each
/// is optional; a page whose feature has no script shows the source (TeX, or the diagram's code).
public struct ContentScripts: Sendable {
    public var katex: KaTeX?
    /// A Mermaid script: the config's `mermaid` file, else the theme's `assets/mermaid.min.js`.
    public var mermaid: URL?

    public init(katex: KaTeX? = nil, mermaid: URL? = nil) {
        self.katex = katex
        self.mermaid = mermaid
    }

    /// Where the theme's scripts find them under `_trellis/`.
    static let mermaidName = "mermaid.min.js"
    static let katexFolder = "katex/"

    /// Of `features`, those a script here can show.
    func shown(_ features: ContentFeatures) -> ContentFeatures {
        var shown: ContentFeatures = []
        if katex != nil { shown.insert(.math) }
        if mermaid != nil { shown.insert(.diagram) }
        return features.intersection(shown)
    }

    /// The files a site with `features` needs, by their path under `_trellis/`.
    func files(for features: ContentFeatures) -> [String: URL] {
        var files: [String: URL] = [:]
        if features.contains(.math), let katex {
            for (name, url) in katex.files { files[ContentScripts.katexFolder + name] = url }
        }
        if features.contains(.diagram), let mermaid { files[ContentScripts.mermaidName] = mermaid }
        return files
    }

    /// Changes when a script is added, removed or replaced, so pages rendered with other scripts
    /// are rendered again. Each file's size and time: reading megabytes of script on every build
    /// to hash them would cost more than the build of a small vault.
    var fingerprint: String {
        var hasher = FNV1a()
        let all = (katex?.files ?? [:]).merging(mermaid.map { ["mermaid": $0] } ?? [:]) { first, _ in first }
        for (name, url) in all.sorted(by: { $0.key < $1.key }) {
            hasher.add(name)
            var info = stat()
            if stat(url.path, &info) == 0 {
                hasher.add("\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)")
            }
        }
        return hasher.hex
    }
}
