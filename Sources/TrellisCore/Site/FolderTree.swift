/// The vault's folders and published notes as a tree: the explorer, the home page's list of all
/// notes and the folder pages are drawn from it.
struct FolderTree {
    /// A note in a folder.
    typealias Entry = (title: String, path: VaultPath)

    struct Folder {
        var name: String
        var path: String
        var folders: [String: Folder] = [:]
        /// Its notes by title (case aside), then path; its folders' names by name, case aside.
        /// Sorted once when the tree is made: every page's pager asks for its folder's order.
        private(set) var sortedNotes: [(title: String, path: VaultPath)] = []
        private var folderOrder: [String] = []

        var noteCount: Int { sortedNotes.count + folders.values.reduce(0) { $0 + $1.noteCount } }
        var sortedFolders: [Folder] { folderOrder.map { folders[$0]! } }

        init(name: String, path: String) {
            self.name = name
            self.path = path
        }

        mutating func add(_ notes: [(title: String, path: VaultPath)]) { sortedNotes += notes }

        mutating func sort() {
            sortedNotes = sortedNotes.map { (key: $0.title.lowercased(), note: $0) }
                .sorted { ($0.key, $0.note.path) < ($1.key, $1.note.path) }.map(\.note)
            folderOrder = folders.keys.map { (key: $0.lowercased(), name: $0) }
                .sorted { ($0.key, $0.name) < ($1.key, $1.name) }.map(\.name)
            for name in folderOrder { folders[name]!.sort() }
        }
    }

    private(set) var root = Folder(name: "", path: "")
    /// Each note's place in its folder's `sortedNotes`, and those: every note page's pager asks,
    /// and a search of the folder for it made a folder of ten thousand notes quadratic.
    private var positions: [VaultPath: (index: Int, siblings: [Entry])] = [:]

    init(notes: [Note]) {
        // Notes by folder first: a vault has a folder for every hundred notes or so, and a folder
        // is walked down to once.
        var byFolder: [Substring: [(title: String, path: VaultPath)]] = [:]
        for note in notes {
            let path = note.path.string
            byFolder[path.utf8.lastIndex(of: 0x2F).map { path[..<$0] } ?? "", default: []].append(
                (note.title, note.path))
        }
        for (folder, notes) in byFolder { insert(notes, into: folder) }
        root.sort()
        positions.reserveCapacity(notes.count)
        func number(_ folder: Folder) {
            for (index, note) in folder.sortedNotes.enumerated() { positions[note.path] = (index, folder.sortedNotes) }
            for child in folder.folders.values { number(child) }
        }
        number(root)
    }

    /// The notes before and after `path` in its folder, by title; nil where there is none.
    func neighbours(of path: VaultPath) -> (previous: Entry?, next: Entry?) {
        guard let (index, siblings) = positions[path] else { return (nil, nil) }
        func note(_ at: Int) -> Entry? { siblings.indices.contains(at) ? siblings[at] : nil }
        return (note(index - 1), note(index + 1))
    }

    private mutating func insert(_ notes: [(title: String, path: VaultPath)], into folderPath: Substring) {
        func add(into folder: inout Folder, _ parts: ArraySlice<Substring>) {
            guard let first = parts.first.map(String.init) else {
                folder.add(notes)
                return
            }
            let path = folder.path.isEmpty ? first : folder.path + "/" + first
            add(into: &folder.folders[first, default: Folder(name: first, path: path)], parts.dropFirst())
        }
        add(into: &root, folderPath.split(separator: "/")[...])
    }

    func folder(at path: String) -> Folder? {
        var folder = root
        for part in path.split(separator: "/") {
            guard let next = folder.folders[String(part)] else { return nil }
            folder = next
        }
        return folder
    }

    /// Every folder below the root, depth first.
    var allFolders: [Folder] {
        var result: [Folder] = []
        func walk(_ folder: Folder) {
            for child in folder.sortedFolders {
                result.append(child)
                walk(child)
            }
        }
        walk(root)
        return result
    }

    /// Nested lists of links for one page, with URLs relative to `page`.
    func html(from page: SitePath, siteMap: SiteMap) -> String {
        var out = ""
        func list(_ folder: Folder) {
            out += "<ul class=\"tree\">"
            for child in folder.sortedFolders {
                let url = page.url(to: siteMap.folderPage(child.path))
                out += "<li class=\"tree-folder\"><a href=\"\(url)\">\(HTML.escape(child.name))</a>"
                list(child)
                out += "</li>"
            }
            for (title, path) in folder.sortedNotes {
                guard let target = siteMap.pages[path] else { continue }
                out +=
                    "<li class=\"tree-note\"><a class=\"internal\" href=\"\(page.url(to: target))\">\(HTML.escape(title))</a></li>"
            }
            out += "</ul>"
        }
        list(root)
        return out
    }

    /// The tree as JSON for the explorer script, with URLs relative to the site root.
    func json(siteMap: SiteMap) -> String {
        func encode(_ folder: Folder) -> String {
            var items: [String] = []
            for child in folder.sortedFolders {
                items.append(
                    "{\"name\":\(JSON.string(child.name)),\"url\":\(JSON.string(siteMap.folderPage(child.path).string)),\"children\":\(encode(child))}"
                )
            }
            for (title, path) in folder.sortedNotes {
                guard let target = siteMap.pages[path] else { continue }
                items.append("{\"name\":\(JSON.string(title)),\"url\":\(JSON.string(target.string))}")
            }
            return "[" + items.joined(separator: ",") + "]"
        }
        return encode(root)
    }
}

/// JSON text for values Trellis writes by hand (the explorer tree, graph.json, the search index),
/// escaped so it is also safe inside a `<script>` file.
enum JSON {
    static func string(_ text: String) -> String {
        var out = ""
        append(text, to: &out)
        return out
    }

    /// `text` as a JSON string, appended to `out` (large documents are built without a string per
    /// value).
    static func append(_ text: String, to out: inout String) {
        let plain = text.utf8.allSatisfy {
            $0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C && $0 != 0x3C && $0 != 0x3E && $0 != 0x26
        }
        out += "\""
        if plain {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out +=
                        "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
}
