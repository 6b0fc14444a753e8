extension VaultStats {
    /// The statistics for people: aligned lines, then the most-linked notes.
    public func text() -> String {
        let linkParts = [
            "\(links.resolved) resolved", "\(links.dangling) dangling", "\(links.ambiguous) ambiguous",
            "\(links.external) external",
        ]
        var lines = [
            TerminalText.escaped(title),
            "  notes        \(notes) (\(publishedNotes) published)",
            "  attachments  \(attachments)",
            "  links        \(links.total) (\(linkParts.joined(separator: ", ")))",
            "  orphans      \(orphans.count)" + (orphans.isEmpty ? "" : " (list them with `trellis check --orphans`)"),
            "  tags         \(tags)",
            "  problems     \(Wording.counted(errors, "error")), \(Wording.counted(warnings, "warning"))",
        ]
        if !mostLinked.isEmpty {
            lines.append("Most linked (backlinks):")
            let width = String(mostLinked.map(\.backlinks).max() ?? 0).count
            for note in mostLinked {
                let count = String(note.backlinks)
                let padded = String(repeating: " ", count: width - count.count) + count
                lines.append("  \(padded)  \(TerminalText.escaped(note.title))  (\(TerminalText.escaped(note.path)))")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The statistics for programs:
    /// `{"title","notes","publishedNotes","attachments","links":{"total","resolved","dangling","ambiguous","external"},
    /// "orphans":[path],"mostLinked":[{"path","title","backlinks"}],"tags","errors","warnings"}`.
    public func json() -> String {
        let linkFields = [
            "\"total\":\(links.total)", "\"resolved\":\(links.resolved)", "\"dangling\":\(links.dangling)",
            "\"ambiguous\":\(links.ambiguous)", "\"external\":\(links.external)",
        ]
        let ranked = mostLinked.map {
            "{\"path\":\(JSON.string($0.path)),\"title\":\(JSON.string($0.title)),\"backlinks\":\($0.backlinks)}"
        }
        let fields = [
            "\"title\":\(JSON.string(title))",
            "\"notes\":\(notes)",
            "\"publishedNotes\":\(publishedNotes)",
            "\"attachments\":\(attachments)",
            "\"links\":{\(linkFields.joined(separator: ","))}",
            "\"orphans\":\(JSON.array(orphans.map(JSON.string)))",
            "\"mostLinked\":[\(ranked.joined(separator: ","))]",
            "\"tags\":\(tags)",
            "\"errors\":\(errors)",
            "\"warnings\":\(warnings)",
        ]
        return "{" + fields.joined(separator: ",") + "}"
    }
}
