import Foundation

/// Starts a new vault (`trellis init`): a documented `trellis.toml`, a home note and a second note
/// the home note links to, so that `trellis check` is clean and `trellis build` works at once.
///
/// It never overwrites: when any of its files already exists (or a file whose name differs only in
/// case, which would make `[[Home]]` ambiguous), it writes nothing and throws
/// `VaultInitializer.Refusal`.
public struct VaultInitializer: Sendable {
    /// A file of the new vault: its path relative to the vault folder, and its text.
    public struct File: Sendable, Equatable {
        public var path: String
        public var contents: String
    }

    /// What `write()` did, for the command's summary.
    public struct Report: Sendable, Equatable {
        /// The files written, in the order of `files`.
        public var written: [String]
        /// Whether the vault folder had to be created.
        public var createdFolder: Bool
        /// Visible files and folders that were already in the folder; they are part of the vault now.
        public var existingEntries: [String]
    }

    /// Why nothing was written.
    public enum Refusal: Error, CustomStringConvertible, Equatable {
        /// Some of the files exist (paths relative to the vault folder, as found on disk).
        case filesExist([String], folder: String)
        /// The vault path names something that is not a folder.
        case notAFolder(String)
        /// The file system refused a write.
        case cannotWrite(String, reason: String)

        public var description: String {
            switch self {
            case .filesExist(let paths, let folder):
                let names = paths.map { "`\($0)`" }.joined(separator: ", ")
                let verb = paths.count == 1 ? "exists" : "exist"
                return
                    "\(names) already \(verb) in \(folder); trellis init never overwrites files, so nothing was written. "
                    + "Start the vault in a new folder (`trellis init my-notes`), or move \(paths.count == 1 ? "that file" : "those files") away first"
            case .notAFolder(let path):
                return "\(path) exists and is not a folder; pass a new or existing folder, e.g. `trellis init my-notes`"
            case .cannotWrite(let path, let reason):
                return "cannot write \(path): \(reason); check the folder's permissions"
            }
        }
    }

    /// The vault folder; created when missing.
    public let folder: URL
    /// The site's title, written to `trellis.toml`.
    public let title: String

    /// - Parameters:
    ///   - folder: where the vault goes.
    ///   - title: the site's title; by default the folder's name.
    public init(folder: URL, title: String? = nil) {
        self.folder = folder.standardizedFileURL
        let name = self.folder.lastPathComponent
        self.title = title ?? (name.isEmpty || name == "/" ? "Notes" : name)
    }

    /// The files `write()` creates, in order.
    public var files: [File] {
        [
            File(path: Config.fileName, contents: VaultTemplate.config(title: title, home: VaultTemplate.homeName)),
            File(path: VaultTemplate.homeName + ".md", contents: VaultTemplate.home),
            File(path: VaultTemplate.secondName + ".md", contents: VaultTemplate.gettingStarted),
        ]
    }

    /// The files of the folder that `write()` would collide with: exactly one of ours, or one
    /// whose name differs from one of ours only in case or Unicode normalisation.
    public func collisions() -> [String] {
        let present = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let ours = Set(files.map { LinkKey.of($0.path) })
        return present.filter { ours.contains(LinkKey.of($0)) }.sorted()
    }

    /// Creates the folder if needed and writes every file, or nothing at all.
    @discardableResult
    public func write() throws -> Report {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        let existed = manager.fileExists(atPath: folder.path, isDirectory: &isFolder)
        if existed && !isFolder.boolValue { throw Refusal.notAFolder(folder.path) }
        let clashes = collisions()
        if !clashes.isEmpty { throw Refusal.filesExist(clashes, folder: folder.path) }
        let before = existed ? visibleEntries() : []
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw Refusal.cannotWrite(folder.path, reason: Self.reason(error))
        }
        var written: [String] = []
        for file in files {
            let url = folder.appendingPathComponent(file.path, isDirectory: false)
            do {
                // `.withoutOverwriting` also guards against a file appearing since `collisions()`.
                try Data(file.contents.utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                for path in written { try? manager.removeItem(at: folder.appendingPathComponent(path)) }
                if manager.fileExists(atPath: url.path) { throw Refusal.filesExist([file.path], folder: folder.path) }
                throw Refusal.cannotWrite(url.path, reason: Self.reason(error))
            }
            written.append(file.path)
        }
        return Report(written: written, createdFolder: !existed, existingEntries: before)
    }

    /// The folder's entries that the scanner will see (hidden ones are skipped).
    private func visibleEntries() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }
            .sorted()
    }

    private static func reason(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        return underlying?.localizedDescription ?? (error as NSError).localizedDescription
    }
}

/// The text of the files `trellis init` writes.
enum VaultTemplate {
    static let homeName = "Home"
    static let secondName = "Getting Started"

    /// `trellis.toml`, with every key explained; the optional ones are commented out with an
    /// example value, so uncommenting one gives a valid file.
    static func config(title: String, home: String) -> String {
        """
        # trellis.toml: the settings of this vault, read by `trellis build`, `check` and `serve`.
        # Every key is optional. Command-line flags win over this file. An unknown key or a value of
        # the wrong type is an error that names the key and its line.

        # The site's name, shown in the header and in page titles.
        title = \(TOML.string(title))

        # The note shown as the home page (index.html), by name or by path. Without it, a note at the
        # vault root named index, home or readme is used; without one, the home page lists the notes.
        home = \(TOML.string(home))

        # Where `trellis build` writes the site, relative to the vault. A folder inside the vault must be
        # hidden (its name starts with a dot) so that it never becomes part of the notes. Without this
        # key the site goes to ./public, in the folder you run trellis from.
        output = ".site"

        # The public address of the site. It adds canonical links; pages still link to each other
        # relatively, so the site works from any address and straight from disk.
        # base_url = "https://example.org/notes/"

        # A folder, relative to the vault, whose files override the default theme file by file: copy
        # templates (templates/*.mustache) or assets (assets/*) from Trellis's Theme/ folder into the
        # same place under it and edit them. Also list the folder in `ignore`, or its files are
        # published as attachments.
        # theme = "theme"

        # Glob patterns of vault paths to leave out of the site and the checks. `*` matches across
        # folders, and a folder's name leaves out everything in it.
        # ignore = ["theme", "drafts", "*.excalidraw.md"]

        # Keep raw HTML written in notes. Off by default: raw HTML is left out, and `check` says where.
        # unsafe_html = false

        [links]
        # Whether the `aliases` in a note's frontmatter resolve links to it.
        # aliases_resolve = true
        # What a link that several notes match is: "warn" (the default) or "error".
        # ambiguous = "warn"

        [check]
        # A severity per diagnostic code: "error", "warning", "info" or "off". The codes are listed
        # in Trellis's README; for example:
        # dangling-link = "error"
        # orphan-note = "info"

        """
    }

    static let home = """
        # Welcome

        This is the home page of your new vault: a folder of Markdown notes joined by links. Write
        notes in any editor (Obsidian works well), then turn them into a website with Trellis.

        ## Linking notes

        Put a note's name in double square brackets to link to it: `[[Getting Started]]` becomes
        [[Getting Started]]. A few more forms:

        - `[[Getting Started|the first steps]]` shows your own text: [[Getting Started|the first steps]].
        - `[[Getting Started#Next steps]]` links to a heading: [[Getting Started#Next steps]].
        - `![[Getting Started#Next steps]]` embeds that section in the page.
        - `[[A note that does not exist yet]]` is a dangling link: `trellis check` reports it.

        Names ignore case, and `.md` is optional. A link to a note in a folder can say the folder:
        `[[folder/Note]]`.

        Every page lists the notes that link to it, so links work in both directions.

        """

    static let gettingStarted = """
        # Getting Started

        Back to [[Home]].

        ## Writing

        Create a Markdown file (`My Topic.md`) anywhere in this folder, in any subfolder. Its title is
        its first `# Heading`, or its file name. Add frontmatter at the very top to set more:

        ```yaml
        ---
        title: My Topic
        aliases: [Topic]
        tags: [ideas]
        ---
        ```

        Tags can also go inline, like #ideas. Notes with `draft: true` stay out of the site.

        ## Next steps

        Run these from the folder that holds this vault (replace `VAULT` with its path, or `.`):

        1. `trellis serve VAULT --open` shows the site, rebuilds it when you save, and reloads the page.
        2. `trellis check VAULT` finds links that lead nowhere, with their file, line and column.
        3. `trellis build VAULT` writes the site to the `output` folder set in `trellis.toml`, ready to
           open from disk or to copy to any static host.

        Settings such as the site's title are in `trellis.toml`; each one is explained there.

        """
}

/// TOML text helpers.
enum TOML {
    /// A TOML basic string: quoted, with `"`, `\` and control characters escaped.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
