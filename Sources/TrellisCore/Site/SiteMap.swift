/// Where every note and attachment lives in the built site.
///
/// A note's page is its vault path with each component slugged (`Slug.component`) and `.html`
/// added: `Topics/Deeper/Leader Election.md` → `topics/deeper/leader-election.html`. The home note
/// is `index.html`. Attachments keep their extension: `media/Chart 1.PNG` → `media/chart-1.png`.
/// Two files that would land on the same path are a collision: the first by vault path keeps it,
/// the others get `-2`, `-3`… and a warning.
public struct SiteMap: Sendable {
    public private(set) var pages: [VaultPath: SitePath] = [:]
    public private(set) var files: [VaultPath: SitePath] = [:]
    /// Each folder's listing page (`Topics/Deep` → `topics/deep/index.html`), or the page of the
    /// note that stands in for it (`Topics/index.md`). Folders whose names differ only in case
    /// slug alike: the second gets `index-2.html` and a warning.
    public private(set) var folders: [String: SitePath] = [:]
    public private(set) var diagnostics: [Diagnostic] = []
    private var taken: [String: VaultPath] = [:]

    /// Paths that Trellis generates itself, which no note may take.
    public static let reserved: Set<String> = [
        "404.html", "graph.html", "graph.json", "sitemap.xml", "feed.xml", "tags/index.html",
    ]
    /// Folders that Trellis writes into, which no file may take.
    static let reservedFolders = ["tags", "_trellis"]

    public init(notes: [VaultPath], attachments: [VaultPath], home: VaultPath?) {
        pages.reserveCapacity(notes.count)
        files.reserveCapacity(attachments.count)
        taken.reserveCapacity(SiteMap.reserved.count + notes.count + attachments.count)
        for path in SiteMap.reserved { taken[path] = VaultPath("") }
        // The home page is the home note's, or the list of all notes Trellis makes: an
        // `index.html` of the vault never takes its place.
        taken["index.html"] = home ?? VaultPath("")
        if let home { pages[home] = SitePath("index.html") }
        reserveFolders(of: notes + attachments)
        // Notes share folders: each folder is slugged once.
        var folders: [String: String] = [:]
        for note in notes where note != home {
            let folder = note.folder
            let slugged = folders[folder] ?? SiteMap.slugged(folder: folder)
            folders[folder] = slugged
            let name = SiteMap.nonEmpty(Slug.fitted(Slug.component(note.stem)), or: "untitled") + ".html"
            pages[note] = claim(slugged.isEmpty ? name : slugged + "/" + name, for: note)
        }
        for attachment in attachments {
            let ext = attachment.fileExtension
            files[attachment] = claim(
                SiteMap.slugged(folder: attachment.folder, stem: attachment.stem, extension: ext), for: attachment)
        }
        claimFolders(of: notes)
    }

    /// Marks the site's folders taken, so that no file is given a folder's path: a file `media`
    /// of the vault beside a folder `Media/` would otherwise stop the build, which cannot make
    /// both. The folders Trellis writes into itself are taken too.
    private mutating func reserveFolders(of paths: [VaultPath]) {
        for folder in SiteMap.reservedFolders { taken[LinkKey.of(folder)] = VaultPath("") }
        for folder in SiteMap.folders(of: paths) {
            let key = LinkKey.of(SiteMap.slugged(folder: folder))
            if taken[key] == nil { taken[key] = VaultPath(folder + "/") }
            reportIfMoved(folder)
        }
    }

    /// A warning when a folder's own name is one Trellis keeps for itself (see `place`).
    private mutating func reportIfMoved(_ folder: String) {
        let slash = folder.lastIndex(of: "/")
        let parent = slash.map { String(folder[..<$0]) } ?? ""
        let name = slash.map { folder[folder.index(after: $0)...] } ?? Substring(folder)
        let (wanted, written) = SiteMap.place(name, in: SiteMap.slugged(folder: parent))
        guard wanted != written else { return }
        diagnostics.append(
            Diagnostic(
                file: folder + "/", severity: .warning, code: .outputCollision,
                message:
                    "output paths collide: the folder \(folder)/ and a file Trellis generates both map to \(wanted); the folder is written as \(written)/. Rename the folder to choose its URL"
            ))
    }

    /// The folders `paths` are in, and every folder above them.
    private static func folders(of paths: [VaultPath]) -> Set<String> {
        var all = Set<String>()
        for folder in Set(paths.map(\.folder)) {
            var path = Substring(folder)
            while !path.isEmpty, all.insert(String(path)).inserted {
                path = path[..<(path.lastIndex(of: "/") ?? path.startIndex)]
            }
        }
        return all
    }

    /// The listing page of every folder that holds a published note, after the notes' pages: a
    /// note that lands on a folder's `index.html` stands in for its listing.
    private mutating func claimFolders(of notes: [VaultPath]) {
        let all = SiteMap.folders(of: notes)
        // Sorted by bytes, so which of two twins keeps the name is the same on every run.
        for folder in all.sorted(by: { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }) {
            let wanted = SiteMap.folderPage(folder)
            if let holder = taken[LinkKey.of(wanted.string)], !holder.string.hasSuffix("/"), !holder.string.isEmpty {
                folders[folder] = wanted  // a note's page
            } else {
                folders[folder] = claim(wanted.string, for: VaultPath(folder + "/"))
            }
        }
    }

    /// Where a folder's listing is; for a folder no published note is in, where it would be.
    public func folderPage(_ folder: String) -> SitePath {
        folder.isEmpty ? SitePath("index.html") : folders[folder] ?? SiteMap.folderPage(folder)
    }

    /// Each tag's page, `tags/<slug>.html` (a `/` in a tag read as `-`), at a path nothing else in
    /// the site has: a tag whose page a note (`tags/caching.md`), an attachment, a folder's
    /// listing, a page Trellis generates or another tag slugged alike already has takes the next
    /// free name, `-2`, `-3`…
    public func tagPages(_ tags: some Sequence<String>) -> [String: SitePath] {
        var used = Set<String>()
        var pages: [String: SitePath] = [:]
        for tag in tags.sorted() {
            var slug = Slug.fitted(Slug.component(tag.replacingOccurrences(of: "/", with: "-")))
            if slug.isEmpty { slug = "tag" }
            var candidate = "tags/\(slug).html"
            var number = 2
            while taken[LinkKey.of(candidate)] != nil || !used.insert(candidate).inserted {
                candidate = "tags/\(slug)-\(number).html"
                number += 1
            }
            pages[tag] = SitePath(candidate)
        }
        return pages
    }

    /// Slugs a folder and file name into a site path.
    public static func slugged(folder: String, stem: String, extension ext: String) -> String {
        let name = nonEmpty(Slug.fitted(Slug.component(stem)), or: "untitled")
        // An extension is kept as it is (it says what the file is), unless it is absurdly long.
        let file = ext.isEmpty ? name : ext.utf8.count > 32 ? Slug.fitted(name + "." + ext) : name + "." + ext
        let path = slugged(folder: folder)
        return path.isEmpty ? file : path + "/" + file
    }

    /// Slugs a folder's path, component by component; empty at the root.
    private static func slugged(folder: String) -> String {
        var path = ""
        for name in folder.split(separator: "/") { path = place(name, in: path).written }
        return path
    }

    /// Where a folder named `name` in the folder slugged `parent` goes: its slugged path, or, when
    /// that is a file Trellis generates (`graph.json/`) or the folder of its own files
    /// (`_trellis/`), the same with `-2` after it — the build cannot make both, and the
    /// generated one cannot move.
    private static func place(_ name: Substring, in parent: String) -> (wanted: String, written: String) {
        let slug = nonEmpty(Slug.fitted(Slug.component(String(name))), or: "folder")
        let wanted = parent.isEmpty ? slug : parent + "/" + slug
        return (wanted, generated.contains(LinkKey.of(wanted)) ? wanted + "-2" : wanted)
    }

    /// What no folder of the vault may be: a file or a folder only Trellis writes.
    private static let generated = Set((Array(reserved) + ["index.html", "_trellis"]).map(LinkKey.of))

    private static func nonEmpty(_ slug: String, or fallback: String) -> String { slug.isEmpty ? fallback : slug }

    private mutating func claim(_ wanted: String, for path: VaultPath) -> SitePath {
        let key = LinkKey.of(wanted)
        guard let holder = taken[key] else {
            taken[key] = path
            return SitePath(wanted)
        }
        let dot = wanted.lastIndex(of: ".") ?? wanted.endIndex
        var number = 2
        var candidate = ""
        repeat {
            candidate = wanted[..<dot] + "-\(number)" + wanted[dot...]
            number += 1
        } while taken[LinkKey.of(candidate)] != nil
        taken[LinkKey.of(candidate)] = path
        let other = holder.string.isEmpty ? "a page Trellis generates" : holder.string
        diagnostics.append(
            Diagnostic(
                file: path.string, severity: .warning, code: .outputCollision,
                message:
                    "output paths collide: \(path) and \(other) both map to \(wanted); \(path) is written as \(candidate). Rename one of them to choose its URL"
            ))
        return SitePath(candidate)
    }

    /// The site path of a vault folder's index page.
    public static func folderPage(_ folder: String) -> SitePath {
        folder.isEmpty ? SitePath("index.html") : SitePath(slugged(folder: folder, stem: "index", extension: "html"))
    }
}
