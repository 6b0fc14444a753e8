extension SiteMap {
    /// The attachments the site holds: those a published note links to or embeds, its
    /// frontmatter's links included, in the vault's order. One that only a draft (or a note with
    /// `publish: false`) uses, or that no note uses, stays out of the site, as that note's text
    /// does: the README promises "the attachments notes use", and a scan dropped in the vault is
    /// not published by being there.
    static func publishedAttachments<Resolutions: Sequence<Resolution>>(
        _ notes: [Note], resolutions: (Int, Note) -> Resolutions, among attachments: [VaultPath]
    ) -> [VaultPath] {
        guard !attachments.isEmpty else { return [] }
        var used: Set<VaultPath> = []
        for (index, note) in notes.enumerated() where note.isPublished {
            for case .attachment(let file) in resolutions(index, note) { used.insert(file) }
        }
        return attachments.filter(used.contains)
    }

    static func publishedAttachments(
        _ notes: [Note], _ resolutions: [VaultPath: [Resolution]], among attachments: [VaultPath]
    ) -> [VaultPath] {
        publishedAttachments(notes, resolutions: { resolutions[$1.path] ?? [] }, among: attachments)
    }
}
