/// What a build must do again, decided from what the last build knew and what changed. Pure: it
/// reads no file and holds no state, so its rules are tested with tables of cases
/// (`IncrementalPlannerTests`) and by random edit sequences against full builds
/// (`EditSequenceTests`). `SiteBuilder` carries the plan out.
enum IncrementalPlanner {
    /// For each note of the vault, whether the last build's record of it can be kept without
    /// reading its file: the build had the note, and its file has the same size and time, a time
    /// older than `FileStamp.coarseness` before the last build took its stamps (`stampedAt`): a
    /// file changed that close to it may have changed again within the same step of the file
    /// system's clock. The others are read; one whose bytes hash as before was only touched
    /// (`touched`).
    static func keptUnread(
        _ notes: [VaultPath], before: [VaultPath: FileStamp]?, stampedAt: Int64, now: [VaultPath: FileStamp],
        known: @Sendable (VaultPath) -> Bool,
        jobs: Int?
    ) -> [Bool] {
        guard let before else { return Array(repeating: false, count: notes.count) }
        let settled = stampedAt - FileStamp.coarseness
        return Parallel.map(notes, jobs: jobs) { path in
            guard let stamp = now[path], before[path] == stamp else { return false }
            return stamp.modified < settled && known(path)
        }
    }

    /// Whether a note read again was only touched: its bytes hash as the last build's did.
    static func touched(hash: UInt64?, was: UInt64?) -> Bool { hash != nil && hash == was }

    /// Whether every link of an unchanged note still resolves as it did: each edited note (as it
    /// was, as it is now) kept what other notes can see of it. A note that was not there before
    /// (nil) changes names.
    static func keepsNames(_ edits: [(before: Note?, after: Note)]) -> Bool {
        edits.allSatisfy { edit in edit.before.map { NoteFacts($0) == NoteFacts(edit.after) } ?? false }
    }

    /// The pages to render again when only the contents of `edited` changed (names kept):
    /// - the edited notes;
    /// - when links between notes changed, every note within two links of an edited one, before or
    ///   after the edit (a page's local graph shows two links out, with the links between the
    ///   notes it shows; backlinks are one link out);
    /// - the notes that embed an edited one, and those that embed them, as deep as embeds nest
    ///   (`EmbedLimits.depth`): an embed shows the embedded note's own embeds.
    static func pages(
        edited: Set<VaultPath>, linksChanged: Bool, before: (VaultPath) -> [VaultPath],
        after: (VaultPath) -> [VaultPath],
        embedders: (VaultPath) -> [VaultPath], embedDepth: Int = EmbedLimits().depth
    ) -> Set<VaultPath> {
        var pages = edited
        if linksChanged {
            func withinTwo(of path: VaultPath, _ neighbours: (VaultPath) -> [VaultPath]) {
                let near = neighbours(path)
                pages.formUnion(near)
                for other in near { pages.formUnion(neighbours(other)) }
            }
            for path in edited {
                withinTwo(of: path, before)
                withinTwo(of: path, after)
            }
        }
        var layer = edited
        for _ in 0..<embedDepth {
            var next = Set<VaultPath>()
            for path in layer { next.formUnion(embedders(path)) }
            next.subtract(pages)
            guard !next.isEmpty else { break }
            pages.formUnion(next)
            layer = next
        }
        return pages
    }
}

/// Which pages a build renders.
enum RenderPlan: Sendable {
    case everything
    /// Only these notes' pages; the graph files too when links between notes changed, and the
    /// all-notes page and the feed when the list of recently changed notes did.
    case notes(Set<VaultPath>, graphChanged: Bool, listsChanged: Bool)

    /// Whether only some notes' pages are rendered again (the others are trusted as they are).
    var isNotes: Bool {
        if case .notes = self { return true }
        return false
    }

    func includes(_ note: VaultPath) -> Bool {
        switch self {
        case .everything: true
        case .notes(let set, _, _): set.contains(note)
        }
    }

    var rewritesGraph: Bool {
        switch self {
        case .everything: true
        case .notes(_, let changed, _): changed
        }
    }

    var rewritesLists: Bool {
        switch self {
        case .everything: true
        case .notes(_, _, let changed): changed
        }
    }

    func count(of total: Int) -> Int {
        switch self {
        case .everything: total
        case .notes(let set, _, _): set.count
        }
    }
}

/// What other notes can see of a note: if these stay the same, no other page needs to change.
struct NoteFacts: Equatable {
    let title: String
    let aliases: [String]
    let tags: [String]
    let headings: [ParsedMarkdown.Heading]
    let blockIDs: Set<String>
    let isPublished: Bool
    let description: String?

    init(_ note: Note) {
        title = note.title
        aliases = note.frontmatter.aliases
        tags = note.tags
        headings = note.markdown.headings
        blockIDs = note.markdown.blockIDs
        isPublished = note.isPublished
        description = note.frontmatter.description
    }
}
