/// Which pages load KaTeX and Mermaid, and which sites need their files: only those with math
/// or diagrams that a script is there to show.
extension SiteRenderer {
    /// The features of `notes` that `scripts` can show.
    static func features(of notes: [Note], shownBy scripts: ContentScripts) -> ContentFeatures {
        let shown = scripts.shown([.math, .diagram])
        var features: ContentFeatures = []
        for note in notes where !note.markdown.features.isEmpty {
            features.formUnion(note.markdown.features.intersection(shown))
            if features == shown { break }
        }
        return features
    }

    /// What the page of the note at `path` must load a script for: the note's own math and
    /// diagrams, and those of every note it embeds, embeds of embeds included. A note embedded
    /// only in part (a section, a block) counts whole: loading a script the part does not need
    /// costs less than missing one it does.
    func scriptFeatures(ofPage path: VaultPath) -> ContentFeatures {
        let shown = theme.scripts.shown(siteFeatures)
        guard !shown.isEmpty else { return [] }
        var features: ContentFeatures = []
        var seen: Set<VaultPath> = [path]
        var waiting = [path]
        while let next = waiting.popLast() {
            guard let note = notes[next] else { continue }  // unpublished: not embedded
            features.formUnion(note.markdown.features.intersection(shown))
            if features == shown { break }
            // By index: a reference is read where it is, not copied with its texts.
            let (references, resolutions) = (note.markdown.references, resolved.resolutions[next] ?? [])
            for index in 0..<min(references.count, resolutions.count) where references[index].embeds(resolutions[index])
            {
                if let target = resolutions[index].notePath, seen.insert(target).inserted { waiting.append(target) }
            }
        }
        return features
    }
}
