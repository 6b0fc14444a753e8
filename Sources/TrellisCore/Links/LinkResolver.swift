/// What a reference turned out to point at.
public enum Resolution: Sendable, Hashable {
    /// A note, and the `id` of the heading or block the link names, if any.
    case note(VaultPath, anchor: String?)
    /// A note that has no heading or block by the name the link gives: the link still leads to
    /// the note (Obsidian opens it), and its edge and backlink stay; the diagnostic says what is
    /// missing.
    case missingAnchor(VaultPath)
    case attachment(VaultPath)
    /// Nothing: the diagnostic says why.
    case dangling
    /// A Markdown link to a fragment of its own note that names no heading by its text
    /// (`[x](#fn-1)`): it may name another element, so the page decides (`ReferenceRenderer`).
    case external

    /// The note the link leads to, whether or not its heading or block was found.
    public var notePath: VaultPath? {
        switch self {
        case .note(let path, _), .missingAnchor(let path): path
        case .attachment, .dangling, .external: nil
        }
    }
}

/// Resolves links against a `VaultIndex`, the way Obsidian does:
///
/// 1. `[[#Heading]]` is the linking note itself.
/// 2. A Markdown link (`[x](../Other.md)`, `[x](Other)`) is first a path relative to the linking
///    note's folder; with or without `.md`, it names a note as a wiki link does. A path that
///    starts with `/` is taken from the vault root, and matches only there.
/// 3. A name with a folder (`[[x/Same]]`) matches notes whose path ends with it; a bare name
///    matches notes of that name anywhere; names compare case-insensitively after NFC.
/// 4. If no note has that name, frontmatter `aliases` are tried; then attachments, by file name or
///    path suffix. `.md` is optional on notes.
/// 5. Several candidates: the one in the linking note's folder, else the one with the fewest
///    folders, else the first alphabetically; it resolves, with an `ambiguous-link` warning.
/// 6. `#A#B` names heading B under heading A; `#^id` names a block id. When the note has no such
///    heading or block, the link still leads to the note, with a `missing-heading` or
///    `missing-block` error.
public struct LinkResolver: Sendable {
    public let index: VaultIndex

    public init(index: VaultIndex) {
        self.index = index
    }

    /// How many candidates an `ambiguous-link` warning names.
    static let candidatesShown = 5

    public struct Outcome: Sendable {
        public var resolution: Resolution
        public var diagnostic: Diagnostic?
    }

    public func resolve(_ reference: Reference, from source: VaultPath) -> Outcome {
        let target = reference.target
        let candidates: Candidates
        let isAttachment: Bool
        if target.isSameNote {
            (candidates, isAttachment) = (Candidates(source), false)
        } else if let found = lookUp(target.path, from: source, pathRelative: reference.isPathRelative) {
            (candidates, isAttachment) = found
        } else {
            return Outcome(resolution: .dangling, diagnostic: dangling(reference, in: source))
        }
        let chosen = candidates.choice(from: source)
        var warning: Diagnostic?
        if candidates.count > 1 {
            // A name shared by thousands of notes must not make each link to it a page of names.
            let names = Wording.list(candidates.paths.lazy.map(\.string), atMost: LinkResolver.candidatesShown)
            warning = diagnostic(
                reference, in: source, severity: .warning, code: .ambiguousLink,
                message:
                    "ambiguous link \(shown(reference)): \(candidates.count) candidates (\(names)); using \(chosen)"
            )
        }
        if isAttachment { return Outcome(resolution: .attachment(chosen), diagnostic: warning) }
        switch subpathAnchor(target.subpath, in: chosen) {
        case .success(let anchor):
            return Outcome(
                resolution: .note(chosen, anchor: anchor), diagnostic: warning ?? unpublished(reference, source, chosen)
            )
        case .failure(let problem):
            let diagnostic = problem.diagnostic(self, reference, source, chosen)
            // `[x](#fragment)` keeps its href: it may name an anchor that is not a heading.
            let fallback: Resolution =
                reference.isPathRelative && target.isSameNote ? .external : .missingAnchor(chosen)
            return Outcome(resolution: fallback, diagnostic: diagnostic)
        }
    }

    /// A published note's link to one that gets no page: the page shows the link's text, not a
    /// link, so `check` must not call it working.
    private func unpublished(_ reference: Reference, _ source: VaultPath, _ target: VaultPath) -> Diagnostic? {
        guard index.unpublished.contains(target), !index.unpublished.contains(source) else { return nil }
        let embed = reference.embeds(.note(target, anchor: nil))
        return diagnostic(
            reference, in: source, severity: .warning, code: .unpublishedLink,
            message:
                "\(embed ? "embed" : "link") \(shown(reference)): \(target) is not published (draft: true or publish: false); the page shows \(embed ? "its name" : "the link's text"), not \(embed ? "the note" : "a link")"
        )
    }

    // MARK: Finding the note or file

    private func lookUp(_ rawPath: String, from source: VaultPath, pathRelative: Bool) -> (Candidates, Bool)? {
        guard let path = PathNormaliser.normalise(rawPath, relativeTo: source.folder, pathRelative: pathRelative)
        else { return nil }
        let key = LinkKey.of(path.relative)
        if let exact = path.fromFolder {  // Markdown links: the file next to the note comes first
            let exactKey = LinkKey.of(exact)
            if let notes = index.notesByPath[VaultIndex.withoutNoteExtension(exactKey)] { return (notes, false) }
            if let files = index.attachmentsByPath[exactKey] { return (files, true) }
        }
        guard path.matchesAnywhere else { return nil }
        if let notes = index.notesBySuffix[VaultIndex.withoutNoteExtension(key)] { return (notes, false) }
        // `/` looked for as a byte: `contains("/")` is Foundation's substring search.
        if !key.hasSuffix(".md"), !key.utf8.contains(UInt8(ascii: "/")), let notes = index.notesByAlias[key] {
            return (notes, false)
        }
        if let files = index.attachmentsBySuffix[key] { return (files, true) }
        return nil
    }

    // MARK: Headings and blocks

    enum SubpathProblem: Error {
        case missingHeading
        case missingBlock

        func diagnostic(_ resolver: LinkResolver, _ reference: Reference, _ source: VaultPath, _ note: VaultPath)
            -> Diagnostic
        {
            switch self {
            case .missingHeading:
                resolver.diagnostic(
                    reference, in: source, severity: .error, code: .missingHeading,
                    message:
                        "no heading \(reference.written.drop { $0 != "#" }) in \(note) for \(resolver.shown(reference))"
                )
            case .missingBlock:
                resolver.diagnostic(
                    reference, in: source, severity: .error, code: .missingBlock,
                    message:
                        "no block \(reference.written.drop { $0 != "#" }) in \(note) for \(resolver.shown(reference))")
            }
        }
    }

    private func subpathAnchor(_ subpath: LinkTarget.Subpath, in note: VaultPath) -> Result<String?, SubpathProblem> {
        if case .none = subpath { return .success(nil) }  // most links: the note's facts are not needed
        guard let facts = index.facts[note] else { return .success(nil) }
        switch subpath {
        case .none:
            return .success(nil)
        case .block(let id):
            guard let found = LinkResolver.findBlock(id, in: facts.blockIDs) else { return .failure(.missingBlock) }
            return .success("^" + found)
        case .heading(let path):
            guard let heading = LinkResolver.findHeading(path, in: facts.headings) else {
                return .failure(.missingHeading)
            }
            return .success(heading.id)
        }
    }

    /// The block id `id` names, as the note writes it: Obsidian keeps block ids in lower case and
    /// looks a link's up so, so `[[Note#^fifo]]` finds `^FIFO`. The id as written, when the note
    /// has it; else the first, in code order, of those that differ from it only in case.
    static func findBlock(_ id: String, in ids: Set<String>) -> String? {
        if ids.contains(id) { return id }
        let wanted = id.lowercased()
        return ids.filter { $0.lowercased() == wanted }.min()
    }

    /// Finds heading `path.last` nested under each earlier heading of `path`, in document order.
    /// A part names a heading as Obsidian matches it, by the heading as written
    /// (`LinkKey.strippedHeading`), or by the text the heading reads as (`LinkKey.heading`).
    static func findHeading(_ path: [String], in headings: [ParsedMarkdown.Heading]) -> ParsedMarkdown.Heading? {
        let keys = path.map { (read: LinkKey.heading($0), written: LinkKey.strippedHeading($0)) }
        var range = headings.startIndex..<headings.endIndex
        var found: ParsedMarkdown.Heading?
        for key in keys {
            guard
                let index = headings[range].firstIndex(where: {
                    LinkKey.strippedHeading($0.written, matches: key.written)
                        || LinkKey.heading($0.text, matches: key.read)
                })
            else {
                return nil
            }
            let heading = headings[index]
            found = heading
            let end = headings[(index + 1)...].firstIndex { $0.level <= heading.level } ?? headings.endIndex
            range = (index + 1)..<end
        }
        return found
    }

    // MARK: Diagnostics

    private func dangling(_ reference: Reference, in source: VaultPath) -> Diagnostic {
        let suggestion = index.suggestions.closest(to: reference.target.path)
        var message = "dangling link \(shown(reference))"
        if let suggestion { message += "; did you mean [[\(suggestion)]]?" }
        var diagnostic = diagnostic(reference, in: source, severity: .error, code: .danglingLink, message: message)
        diagnostic.suggestion = suggestion
        return diagnostic
    }

    func shown(_ reference: Reference) -> String {
        switch reference.kind {
        case .wikiLink: "[[\(reference.written)]]"
        case .embed: "![[\(reference.written)]]"
        case .markdownLink: "(\(reference.written))"
        case .markdownImage: "![](\(reference.written))"
        }
    }

    func diagnostic(
        _ reference: Reference, in source: VaultPath, severity: Diagnostic.Severity, code: Diagnostic.Code,
        message: String
    ) -> Diagnostic {
        Diagnostic(
            file: source.string, line: reference.line, column: reference.column, severity: severity, code: code,
            message: message, target: reference.written)
    }
}
