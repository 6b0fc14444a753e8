extension ResolvedVault {
    /// With a notice, once and belonging to no file, when published notes have math and KaTeX
    /// is not installed: their pages will show the TeX source. Part of resolving, so `check`
    /// says it as `build` does. A notice, not a warning: it is a fact about the machine, not the
    /// vault, and `check --strict` on a CI runner without KaTeX must not fail a vault for its math. A warning an earlier resolve left (serve's quick resolve keeps
    /// the diagnostics that belong to no file) is replaced.
    func notingMissingKaTeX(_ katex: KaTeX?) -> ResolvedVault {
        func isNotice(_ diagnostic: Diagnostic) -> Bool { diagnostic.code == .math && diagnostic.file == nil }
        let withMath =
            katex == nil ? publishedNotes.reduce(0) { $0 + ($1.markdown.features.contains(.math) ? 1 : 0) } : 0
        // Looked for before anything is copied: a vault with thousands of broken links has as
        // many diagnostics.
        guard withMath > 0 || diagnostics.contains(where: isNotice) else { return self }
        var kept = diagnostics.filter { !isNotice($0) }
        if withMath > 0 {
            let warning = Diagnostic(
                file: nil, severity: .info, code: .math,
                message: "\(withMath) note\(withMath == 1 ? " has" : "s have") math, but KaTeX is not installed "
                    + "(\(KaTeX.debianFolder.path)): formulas show as TeX source. Install libjs-katex and fonts-katex "
                    + "(`make deps` does) and build again")
            if let adjusted = config.adjust(warning) { kept.append(adjusted) }
        }
        return replacingDiagnostics(kept.sortedByPlace())
    }
}
