/// Everything a link can name in a vault, learnt before any link is resolved: notes by name, by
/// path and by alias, attachments, and each note's headings and block ids.
public struct VaultIndex: Sendable {
    struct NoteFacts: Sendable {
        var headings: [ParsedMarkdown.Heading]
        var blockIDs: Set<String>
    }

    /// Notes by every path suffix, without `.md`: `topics/deeper/leader election`,
    /// `deeper/leader election`, `leader election`.
    private(set) var notesBySuffix: [String: Candidates] = [:]
    /// Notes by their whole path, without `.md`, for Markdown links, which name a file exactly.
    private(set) var notesByPath: [String: Candidates] = [:]
    private(set) var notesByAlias: [String: Candidates] = [:]
    /// Attachments by every path suffix: `media/chart.png`, `chart.png`.
    private(set) var attachmentsBySuffix: [String: Candidates] = [:]
    private(set) var attachmentsByPath: [String: Candidates] = [:]
    private(set) var facts: [VaultPath: NoteFacts] = [:]
    /// Notes that get no page (`draft: true`, `publish: false`).
    private(set) var unpublished: Set<VaultPath> = []
    /// Note names, for "did you mean" suggestions.
    private(set) var suggestions = Suggestions(names: { [] })

    public init(notes: [Note], attachments: [VaultPath], aliasesResolve: Bool = true, jobs: Int? = nil) {
        // The keys (the costly part) in parallel; the tables in order, so candidates keep it.
        let keys = Parallel.map(notes, jobs: jobs) { note -> (suffixes: [String], aliases: [String]) in
            let withoutExtension = String(note.path.string.dropLast(3))
            return (
                VaultIndex.suffixKeys(of: withoutExtension),
                aliasesResolve ? note.frontmatter.aliases.map(LinkKey.of) : []
            )
        }
        // The tables below are filled on one core: the other makes the did-you-mean index meanwhile.
        let paths = notes.map(\.path)
        suggestions = Suggestions(names: { paths.map(\.stem) }, jobs: jobs)
        notesBySuffix.reserveCapacity(notes.count * 2)
        facts.reserveCapacity(notes.count)
        for (note, noteKeys) in zip(notes, keys) {
            for key in noteKeys.suffixes { notesBySuffix.add(note.path, for: key) }
            if let whole = noteKeys.suffixes.first { notesByPath.add(note.path, for: whole) }
            for key in noteKeys.aliases { notesByAlias.add(note.path, for: key) }
            facts[note.path] = NoteFacts(headings: note.markdown.headings, blockIDs: note.markdown.blockIDs)
            if !note.isPublished { unpublished.insert(note.path) }
        }
        for attachment in attachments {
            for suffix in VaultIndex.suffixes(of: attachment.string) {
                attachmentsBySuffix.add(attachment, for: LinkKey.of(suffix))
            }
            attachmentsByPath.add(attachment, for: LinkKey.of(attachment.string))
        }
    }

    /// `LinkKey.of` each of `suffixes(of:)`; for an ASCII path, the suffixes of its key (lower
    /// case is the same taken whole or in parts), made once.
    static func suffixKeys(of path: String) -> [String] {
        guard path.utf8.allSatisfy({ $0 < 0x80 }) else { return suffixes(of: path).map(LinkKey.of) }
        return suffixes(of: LinkKey.of(path))
    }

    /// A link key without its `.md`: links may name a note with or without it.
    static func withoutNoteExtension(_ key: String) -> String {
        key.hasSuffix(".md") ? String(key.dropLast(3)) : key
    }

    static func suffixes(of path: String) -> [String] {
        var result = [path]
        var rest = path[...]
        while let slash = rest.firstIndex(of: "/") {
            rest = rest[rest.index(after: slash)...]
            result.append(String(rest))
        }
        return result
    }
}
