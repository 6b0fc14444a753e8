/// How much embedding may add to one page.
///
/// `![[Note]]` copies a note into the page, with the notes that note embeds: five small notes that
/// each embed the next a hundred times would make one page of a hundred million copies. Past
/// these limits an embed shows a notice instead, and an `embed-limit` warning says where.
public struct EmbedLimits: Sendable, Hashable {
    /// Embedded notes on one page, nested ones included.
    public var embeds: Int
    /// Bytes of embedded notes on one page (their files' sizes), nested ones included.
    public var bytes: Int
    /// How many levels deep a page's embeds may nest: an embed in the page's own note is level 1,
    /// an embed inside that note level 2. Deeper embeds show a notice.
    public var depth: Int

    public init(embeds: Int = 200, bytes: Int = 4 << 20, depth: Int = 4) {
        self.embeds = embeds
        self.bytes = bytes
        self.depth = depth
    }

    /// `4 MB`, `64 KB`, `100 bytes`.
    static func describe(bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KB" }
        return "\(bytes) bytes"
    }
}

/// Decides which of a page's embeds are shown, from the parsed notes and their resolved links
/// alone — no HTML — so `check` reports the same `embed-limit` warnings that `build` shows as
/// notices, and both call this one type.
///
/// Each embed in the page's own note is charged all it would bring in: the note it shows and,
/// nested, every note that one embeds, down to the depth limit. An embed whose charge does not fit
/// in what the page has left is not shown (those after it still may be). Inside an embed that is
/// shown everything fits by construction, so only the page's own embeds are ever decided. The
/// charge counts whole notes, even for an embed of one section or block, and counts a nested
/// cycle as if it were shown: it is never less than what the page shows.
struct EmbedBudget {
    struct Charge: Equatable, Sendable {
        var embeds = 0
        var bytes = 0
    }

    let limits: EmbedLimits
    /// The published notes: an embed of any other note shows none.
    let note: (VaultPath) -> Note?
    let resolutions: (VaultPath) -> [Resolution]?

    /// The page's own embeds that are not shown, by reference index, each with its charge.
    func refused(on page: Note) -> [Int: Charge] {
        guard let resolved = resolutions(page.path) else { return [:] }
        var memo: [Level: Charge] = [:]
        var used = Charge()
        var refused: [Int: Charge] = [:]
        for (index, target) in embeddedNotes(page, resolved) {
            let charge = self.charge(target, level: 1, page: page.path, memo: &memo)
            let after = used.adding(charge, within: limits)
            if after.fits(limits) { used = after } else { refused[index] = charge }
        }
        return refused
    }

    /// An `embed-limit` warning at the page's first embed not shown; nil when all are.
    func diagnostic(for page: Note) -> Diagnostic? {
        let refused = refused(on: page)
        guard let first = refused.keys.min() else { return nil }
        let reference = page.markdown.references[first]
        let more = refused.count > 1 ? " So do \(refused.count - 1) more embeds after it." : ""
        return Diagnostic(
            file: page.path.string, line: reference.line, column: reference.column, severity: .warning,
            code: .embedLimit,
            message: "embed not shown: with it the page would take in more than \(limits.embeds) embedded notes "
                + "or \(EmbedLimits.describe(bytes: limits.bytes)) of them (nested embeds count); it shows a notice "
                + "instead.\(more)",
            target: reference.written)
    }

    /// The `embed-limit` warnings of every published note.
    static func diagnostics(
        _ notes: [Note], _ resolutions: [VaultPath: [Resolution]], limits: EmbedLimits = EmbedLimits()
    )
        -> [Diagnostic]
    {
        guard notes.contains(where: mayEmbed) else { return [] }
        // (Most vaults publish every note: then the table shares `notes` rather than copying them.)
        let published = NoteTable(notes.allSatisfy(\.isPublished) ? notes : notes.filter(\.isPublished))
        return diagnostics(on: notes, note: { published[$0] }, resolutions: { resolutions[$0] }, limits: limits)
    }

    /// The `embed-limit` warnings of those of `pages` that are published and embed; `note` finds a
    /// published note.
    static func diagnostics(
        on pages: [Note], note: @escaping (VaultPath) -> Note?, resolutions: @escaping (VaultPath) -> [Resolution]?,
        limits: EmbedLimits = EmbedLimits()
    ) -> [Diagnostic] {
        let budget = EmbedBudget(limits: limits, note: note, resolutions: resolutions)
        return pages.filter(mayEmbed).compactMap(budget.diagnostic(for:))
    }

    /// A published note with an embed. (`references` adds the frontmatter's links, which are
    /// never embeds.)
    private static func mayEmbed(_ note: Note) -> Bool {
        note.isPublished && note.references.contains(where: \.mayEmbed)
    }

    // MARK: Charges

    private struct Level: Hashable {
        var path: VaultPath
        var depth: Int
    }

    /// What embedding `path` at `level` (1 for an embed in the page's own note) brings in, as
    /// `ReferenceRenderer.transclusion` would show it; capped just past the limits.
    private func charge(_ path: VaultPath, level: Int, page: VaultPath, memo: inout [Level: Charge]) -> Charge {
        // Where the renderer shows a notice rather than a note.
        guard path != page, level <= limits.depth, let note = note(path), let resolved = resolutions(path) else {
            return Charge()
        }
        let key = Level(path: path, depth: level)
        if let known = memo[key] { return known }
        var total = Charge(embeds: 1, bytes: min(note.fileSize, limits.bytes + 1))
        for (_, target) in embeddedNotes(note, resolved) where total.fits(limits) {
            total = total.adding(charge(target, level: level + 1, page: page, memo: &memo), within: limits)
        }
        memo[key] = total
        return total
    }

    /// The notes `note` embeds, with the index of each embed.
    /// (By index, not zipped: every page asks, and zipping copied each of its references.)
    private func embeddedNotes(_ note: Note, _ resolved: [Resolution]) -> [(Int, VaultPath)] {
        let references = note.markdown.references
        return references.indices.compactMap { index in
            guard index < resolved.count, references[index].embeds(resolved[index]),
                case .note(let target, _) = resolved[index]
            else { return nil }
            return (index, target)
        }
    }
}

extension EmbedBudget.Charge {
    func fits(_ limits: EmbedLimits) -> Bool { embeds <= limits.embeds && bytes <= limits.bytes }

    /// The sum, each part capped just past its limit: a hundred million nested copies add up to
    /// "too many", not to an overflow.
    func adding(_ other: Self, within limits: EmbedLimits) -> Self {
        Self(
            embeds: min(embeds + other.embeds, limits.embeds + 1),
            bytes: min(bytes + other.bytes, limits.bytes + 1))
    }
}
