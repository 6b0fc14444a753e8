import Foundation

/// Turns the reference markers in a note's HTML into links, embeds and images, once every link is
/// resolved. URLs are relative to the page being written, so the same note HTML can be placed on
/// its own page or transcluded into another.
struct ReferenceRenderer {
    let notes: NoteTable
    let resolutions: [VaultPath: [Resolution]]
    let siteMap: SiteMap
    /// The page of each tag, for inline `#tags`.
    var tagPages: [String: SitePath] = [:]
    /// How much `![[Note]]` may add to one page, and how deep it may nest.
    var embedLimits = EmbedLimits()

    /// The HTML of `note`'s body (or of `html`, its part `part`) for the page at `page`.
    /// `embedStack`: the notes and parts embedding this one, the page's own note first;
    /// `idPrefix`: what the embeds inside begin their `id`s with.
    func render(
        _ note: VaultPath, html: String? = nil, part: EmbedCycles.Part = .whole, on page: SitePath,
        embedStack: [EmbedCycles.Node] = [], idPrefix: String = ""
    ) -> String {
        guard let parsed = notes[note] else { return "" }
        let source = html ?? parsed.markdown.html
        guard source[...].firstIndex(ofByte: 1) != nil else { return source }
        // The page's own embeds are decided before any is shown; inside one that is, all fit.
        let refused = embedStack.isEmpty ? embedBudget.refused(on: parsed) : [:]
        let context = Context(
            note: parsed, resolved: resolutions[note] ?? [], page: page,
            embedStack: embedStack + [EmbedCycles.Node(note: note, part: part)],
            refusedEmbeds: refused, idPrefix: idPrefix)
        return replaceMarkers(in: source[...], context)
    }

    private var embedBudget: EmbedBudget {
        EmbedBudget(limits: embedLimits, note: { notes[$0] }, resolutions: { resolutions[$0] })
    }

    private struct Context {
        let note: Note
        let resolved: [Resolution]
        let page: SitePath
        let embedStack: [EmbedCycles.Node]
        /// The embeds of the page's own note that it has no room for, by reference index.
        let refusedEmbeds: [Int: EmbedBudget.Charge]
        let idPrefix: String

        func reference(_ index: Int) -> (Reference, Resolution)? {
            guard index < note.markdown.references.count, index < resolved.count else { return nil }
            return (note.markdown.references[index], resolved[index])
        }
    }

    private func replaceMarkers(in html: Substring, _ context: Context) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count + 256)
        var rest = html
        // Markers are single ASCII bytes: search the UTF-8, not Characters (no grapheme breaking).
        while let start = rest.firstIndex(ofByte: 0x01) {
            out += rest[..<start]
            guard let end = rest.firstIndex(ofByte: 0x02, from: start) else { break }
            let body = rest[rest.utf8.index(after: start)..<end]
            rest = rest[rest.utf8.index(after: end)...]
            let index: Int
            switch ReferenceMarker(body: body) {
            case .tag(let mention):
                out += tagLink(mention, context)
                continue
            case .reference(let number): index = number
            case .closing, nil: continue
            }
            guard let (reference, resolution) = context.reference(index) else { continue }
            switch reference.kind {
            case .wikiLink:
                out += wikiLink(reference, resolution, on: context.page)
            case .embed:
                place(embed(reference, resolution, index: index, context), reference, resolution, &out, &rest, context)
            case .markdownLink, .markdownImage:
                // cmark's own tag sits between this marker and its closing twin.
                let closing = ReferenceMarker.close(index)
                guard let close = rest.firstByteRange(of: closing) else { continue }
                let tag = replaceMarkers(in: rest[..<close.lowerBound], context)
                rest = rest[close.upperBound...]
                if reference.embeds(resolution) {  // `![](Note.md)`: the note, in place of cmark's <img>
                    place(
                        embed(reference, resolution, index: index, context), reference, resolution, &out, &rest, context
                    )
                    continue
                }
                out +=
                    reference.kind == .markdownLink
                    ? markdownLink(tag, reference, resolution, context)
                    : markdownImage(tag, reference, resolution, context)
            }
        }
        out += rest
        return out
    }

    /// Puts an embed's HTML on the page: a note's block where `EmbedHTML.place` finds room for it,
    /// else — in a heading, or inside inline markup — a link to what it embeds; anything else (an
    /// image, a PDF) as it is.
    private func place(
        _ html: String, _ reference: Reference, _ resolution: Resolution, _ out: inout String,
        _ rest: inout Substring, _ context: Context
    ) {
        guard html.hasPrefix("<div") else { return out += html }
        var link = reference
        if link.label?.isEmpty == true { link.label = nil }  // `![](Note.md)`: no alt text, the note's name
        switch EmbedHTML.place(html, in: &out, before: &rest) {
        case .placed: break
        case .inline: out += wikiLink(link, resolution, on: context.page)
        case .insideLink: out += HTML.escape(link.label.map(HTML.visibleLabel) ?? defaultLabel(link))
        }
    }

    /// An inline `#tag`: a link to its tag page, or plain text where the site has none.
    private func tagLink(_ index: Int, _ context: Context) -> String {
        guard index < context.note.markdown.tagMentions.count else { return "" }
        let written = context.note.markdown.tagMentions[index]
        let label = HTML.escape("#" + written)
        guard let page = tagPages[FrontmatterParser.normaliseTag(written)] else {
            return "<span class=\"tag\">\(label)</span>"
        }
        return "<a class=\"tag\" href=\"\(context.page.url(to: page))\">\(label)</a>"
    }

    // MARK: Wiki links

    /// A wiki link as the page at `page` shows it (frontmatter properties show theirs this way too).
    func wikiLink(_ reference: Reference, _ resolution: Resolution, on page: SitePath) -> String {
        let label = HTML.escape(reference.label.map(HTML.visibleLabel) ?? defaultLabel(reference))
        guard let href = href(resolution, from: page, for: reference) else {
            return dangling(reference, label, resolution)
        }
        return "<a \(linkAttributes(resolution)) href=\"\(href)\">\(label)</a>"
    }

    /// `class` (and `title`) of a link to a note or file: a link whose heading or block is
    /// missing leads to the note's page, marked so a theme can show the anchor is broken.
    private func linkAttributes(_ resolution: Resolution) -> String {
        guard case .missingAnchor = resolution else { return "class=\"internal\"" }
        return "class=\"internal broken-anchor\" title=\"No such heading or block in this note\""
    }

    /// `Networking#How does DNS work` reads `Networking > How does DNS work`, as Obsidian shows it.
    private func defaultLabel(_ reference: Reference) -> String {
        var text = reference.written[...]
        // `.md` in any case (no other letter lower-cases to these ASCII ones).
        var tail = text.utf8.suffix(3).lazy.map { $0 | 0x20 }.makeIterator()
        if text.utf8.count >= 3, tail.next() == 0x2E, tail.next() == 0x6D, tail.next() == 0x64 {
            text = text.dropLast(3)
        }
        if text.utf8.first == 0x23, text.hasPrefix("#") { text.removeFirst() }
        guard text.utf8.contains(0x23) else { return String(text) }
        // Every `#` reads ` > `: `Note#^id` reads `Note > ^id`. In ASCII text every `#` byte is a
        // `#` character, so the bytes are replaced without breaking the text into characters.
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.split(separator: "#", omittingEmptySubsequences: false).joined(separator: " > ")
        }
        var label: [UInt8] = []
        label.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            if byte == 0x23 { label += " > ".utf8 } else { label.append(byte) }
        }
        return String(decoding: label, as: UTF8.self)
    }

    /// `reference`: the link, whose `#page=N` a link to a PDF keeps (`PDFOptions`).
    private func href(_ resolution: Resolution, from page: SitePath, for reference: Reference? = nil) -> String? {
        switch resolution {
        case .note(let path, let anchor):
            guard let target = siteMap.pages[path] else { return nil }  // unpublished
            if target == page, let anchor { return "#" + URLEncoding.fragment(anchor) }
            return page.url(to: target, fragment: anchor)
        case .missingAnchor(let path):
            return siteMap.pages[path].map { page.url(to: $0) }
        case .attachment(let file):
            let fragment = reference.map { PDFOptions($0.target.subpath, of: file).fragment } ?? ""
            return siteMap.files[file].map { page.url(to: $0) + fragment }
        case .dangling, .external:
            return nil
        }
    }

    /// What a link to nothing shows; `resolution` tells a note that is there but not published.
    private func dangling(_ reference: Reference, _ label: String, _ resolution: Resolution = .dangling) -> String {
        guard resolution.notePath != nil else {
            return "<span class=\"internal dangling\" title=\"Not found in the vault\">\(label)</span>"
        }
        return "<span class=\"internal dangling unpublished\" title=\"Not published\">\(label)</span>"
    }

    // MARK: Markdown links and images

    /// Rewrites cmark's `<a href="…" …>…</a>` to point at the page, or turns it into a dangling span.
    private func markdownLink(_ tag: String, _ reference: Reference, _ resolution: Resolution, _ context: Context)
        -> String
    {
        var resolution = resolution
        if case .external = resolution {
            guard !Self.namesAnElement(reference, of: context.note) else { return tag }
            // No such element on the page: the link leads to the top of the note instead.
            resolution = .missingAnchor(context.note.path)
        }
        // `[x](Other.md#two-words)`: no heading of that text, but a heading of that `id` (as Foam
        // and GitHub write fragments): the link keeps it, as a bare `#fragment` does.
        if case .missingAnchor(let target) = resolution, target != context.note.path, let note = notes[target],
            let id = Self.elementID(reference, of: note)
        {
            resolution = .note(target, anchor: id)
        }
        // In bytes, not Characters: a link text that starts with a combining mark
        // (`[\u{301}x](Note.md)`) makes one Character of it and the tag's `>`, which a search for
        // the Character `>` passes over (and the page trapped), and a step past it drops the mark.
        guard tag.hasPrefix("<a "), tag.hasSuffix("</a>"), let open = tag[...].firstIndex(ofByte: UInt8(ascii: ">"))
        else { return tag }
        let inner = tag[tag.utf8.index(after: open)..<tag.utf8.index(tag.endIndex, offsetBy: -4)]
        guard let href = href(resolution, from: context.page, for: reference) else {
            return dangling(reference, String(inner), resolution)
        }
        // cmark escapes `<` inside attributes: the tag's own `<a ` is the only one.
        let attributes = HTMLTag.replacing("href", with: href, in: String(tag[..<open])).dropFirst(3)
        return "<a \(linkAttributes(resolution)) " + attributes + ">" + inner + "</a>"
    }

    /// Whether `[x](#fragment)`, which names no heading by its text, names an element the note's
    /// HTML has: a footnote (`#fn-1`), or a heading by its `id` (`#how-does-dns-work`).
    private static func namesAnElement(_ reference: Reference, of note: Note) -> Bool {
        reference.target.isSameNote && elementID(reference, of: note) != nil
    }

    /// The fragment of a Markdown link, when `note`'s HTML has an element of that `id`.
    private static func elementID(_ reference: Reference, of note: Note) -> String? {
        guard let hash = reference.written.firstIndex(of: "#") else { return nil }
        let written = String(reference.written[reference.written.index(after: hash)...])
        let id = written.removingPercentEncoding ?? written
        guard !id.isEmpty, note.markdown.html.contains(" id=\"\(HTML.escape(id))\"") else { return nil }
        return id
    }

    /// Rewrites cmark's `<img src="…" alt="…" />` to the attachment's place in the site.
    private func markdownImage(_ tag: String, _ reference: Reference, _ resolution: Resolution, _ context: Context)
        -> String
    {
        if case .external = resolution { return tag }
        guard let href = href(resolution, from: context.page) else {
            return dangling(
                reference, HTML.escape(reference.label.flatMap { $0.isEmpty ? nil : $0 } ?? reference.written))
        }
        return HTMLTag.replacing("src", with: href, in: tag)
    }

    // MARK: Embeds

    private static let imageExtensions: Set<String> = [
        "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp", "ico",
    ]
    private static let audioExtensions: Set<String> = ["mp3", "wav", "ogg", "m4a", "flac", "webm"]
    private static let videoExtensions: Set<String> = ["mp4", "mov", "mkv", "ogv"]

    private func embed(_ reference: Reference, _ resolution: Resolution, index: Int, _ context: Context) -> String {
        switch resolution {
        case .dangling, .external:
            return dangling(reference, HTML.escape(reference.written))
        case .attachment(let file):
            guard let site = siteMap.files[file] else { return dangling(reference, HTML.escape(reference.written)) }
            let src = context.page.url(to: site)
            let name = HTML.escape(file.fileName)
            let ext = file.fileExtension
            if ReferenceRenderer.imageExtensions.contains(ext) {
                return
                    "<img class=\"embed\" src=\"\(src)\"\(imageAttributes(reference.label, name: name)) loading=\"lazy\">"
            }
            if ReferenceRenderer.audioExtensions.contains(ext) {
                return "<audio class=\"embed\" controls src=\"\(src)\"></audio>"
            }
            if ReferenceRenderer.videoExtensions.contains(ext) {
                return "<video class=\"embed\" controls src=\"\(src)\"></video>"
            }
            if ext == "pdf" {
                let options = PDFOptions(reference.target.subpath, of: file)
                return "<iframe class=\"embed embed-pdf\" src=\"\(src)\(options.fragment)\" title=\"\(name)\""
                    + "\(options.heightStyle)></iframe>"
            }
            return "<a class=\"internal attachment\" href=\"\(src)\">\(name)</a>"
        case .note(let path, let anchor):
            return transclusion(reference, path, anchor, index: index, context)
        case .missingAnchor(let path):
            // Obsidian shows that the section is not there, not the whole note.
            let title = HTML.escape(notes[path]?.title ?? path.stem)
            guard let link = href(resolution, from: context.page) else { return dangling(reference, title, resolution) }
            let kind = if case .block = reference.target.subpath { "block" } else { "heading" }
            let name = HTML.escape(String(reference.written.drop { $0 != "#" }))
            return "<div class=\"transclusion transclusion-stopped\"><a \(linkAttributes(resolution)) href=\"\(link)\">"
                + "\(title)</a> <em>(no \(kind) \(name) in this note)</em></div>"
        }
    }

    /// An image embed's `alt`, `width` and `height`, from its label as Obsidian reads it: `|300` is a
    /// width, `|300x200` width and height, `|A diagram` the alt text, `|A diagram|300` both. Without
    /// alt text, the alt is the file's name (`name`, escaped).
    private func imageAttributes(_ label: String?, name: String) -> String {
        guard let label else { return " alt=\"\(name)\"" }
        guard let (alt, size, _) = ImageSize.split(label) else {
            return " alt=\"\(label.isEmpty ? name : HTML.escape(label))\""
        }
        let width = " width=\"\(size.width)\"" + (size.height.map { " height=\"\($0)\"" } ?? "")
        return " alt=\"\(alt.isEmpty ? name : HTML.escape(alt))\"" + width
    }

    private func transclusion(
        _ reference: Reference, _ path: VaultPath, _ anchor: String?, index: Int, _ context: Context
    ) -> String {
        let title = HTML.escape(notes[path]?.title ?? path.stem)
        let link = href(.note(path, anchor: anchor), from: context.page)
        let heading = link.map { "<a class=\"internal\" href=\"\($0)\">\(title)</a>" } ?? title
        // A part of a note that is already being shown around this embed comes round again; another
        // part of it (`![[#Definition]]` in the note itself) does not.
        let part = EmbedCycles.Part(reference.target.subpath, anchor: anchor)
        let stoppedBecause: String? =
            if context.embedStack.contains(EmbedCycles.Node(note: path, part: part)) {
                "embed cycle"
            } else if context.refusedEmbeds[index] != nil {
                "not shown: this page has reached its embed limit"
            }
            // The stack holds the page's note and the embeds around this one: its count is this
            // embed's level, 1 in the page's own note.
            else if context.embedStack.count > embedLimits.depth { "embeds nested too deep" } else { nil }
        if let why = stoppedBecause {
            return "<div class=\"transclusion transclusion-stopped\">\(heading) <em>(\(why))</em></div>"
        }
        guard let note = notes[path], siteMap.pages[path] != nil else {
            return dangling(reference, HTML.escape(reference.written), .note(path, anchor: nil))  // unpublished
        }
        // Each embed's ids begin with where it sits: `embed-3-`, `embed-3-embed-1-` inside it.
        let prefix = context.idPrefix + "embed-\(index)-"
        let shown = EmbedHTML.prefixingIDs(
            excerpt(of: note, anchor: anchor, subpath: reference.target.subpath), with: prefix)
        let body = render(
            path, html: shown, part: part, on: context.page, embedStack: context.embedStack, idPrefix: prefix)
        return "<div class=\"transclusion\"><div class=\"transclusion-title\">\(heading)</div>\(body)</div>"
    }

    /// The HTML an embed shows: the whole note, one section (heading to the next heading of the
    /// same or a higher level, or to the end of the list item or quote the heading is in), or one
    /// block.
    /// A section or block shows the footnotes it refers to (`EmbeddedFootnotes`).
    private func excerpt(of note: Note, anchor: String?, subpath: LinkTarget.Subpath) -> String {
        switch subpath {
        case .none:
            return note.markdown.html
        case .block(let id):
            // The anchor is the id as the note writes it (`LinkResolver.findBlock`), in whatever case.
            let written = anchor.map { String($0.dropFirst()) } ?? id
            let footnotes = EmbeddedFootnotes.split(note.markdown.html).list
            return EmbeddedFootnotes.appending(to: note.markdown.blockHTML[written] ?? "", from: footnotes)
        case .heading:
            guard let anchor, let index = note.markdown.headings.firstIndex(where: { $0.id == anchor }) else {
                return note.markdown.html
            }
            let (body, footnotes) = EmbeddedFootnotes.split(note.markdown.html)
            let html = String(body)
            let heading = note.markdown.headings[index]
            // As bytes: a heading whose text opens with a combining mark makes one Character of
            // it and the tag's `>`, which Foundation's `range(of:)` then does not find.
            guard let start = html[...].firstByteRange(of: "<h\(heading.level) id=\"\(heading.id)\">")?.lowerBound
            else {
                return note.markdown.html
            }
            var end = html.endIndex
            if let next = note.markdown.headings[(index + 1)...].first(where: { $0.level <= heading.level }),
                let found = html[start...].firstByteRange(of: "<h\(next.level) id=\"\(next.id)\">")
            {
                end = found.lowerBound
            }
            return EmbeddedFootnotes.appending(to: HTMLSlice.balanced(html, from: start, to: end), from: footnotes)
        }
    }
}

/// Edits one attribute of a tag cmark rendered.
enum HTMLTag {
    /// Replaces the value of `attribute="…"` in `tag` with `value` (already escaped for HTML).
    static func replacing(_ attribute: String, with value: String, in tag: String) -> String {
        guard let start = tag[...].firstByteRange(of: " \(attribute)=\""),
            let end = tag[start.upperBound...].firstIndex(ofByte: UInt8(ascii: "\""))
        else { return tag }
        return String(tag[..<start.upperBound]) + HTML.escape(value) + String(tag[end...])
    }
}

extension Substring {
    /// Where `needle` first occurs, compared byte by byte: the standard library's
    /// `firstRange(of:)` runs as unspecialised generic code and Foundation's `range(of:)` through
    /// NSString, each many times slower on a page's every link.
    func firstByteRange(of needle: String) -> Range<String.Index>? {
        let needle = Array(needle.utf8)
        guard let first = needle.first else { return startIndex..<startIndex }
        var from = startIndex
        while let hit = firstIndex(ofByte: first, from: from) {
            guard let end = utf8.index(hit, offsetBy: needle.count, limitedBy: utf8.endIndex) else { return nil }
            if utf8[hit..<end].elementsEqual(needle) { return hit..<end }
            from = utf8.index(after: hit)
        }
        return nil
    }

    /// Where `byte` first occurs from `start` on, found with `memchr` in the UTF-8 (a loop over
    /// the UTF-8 view steps through its index a byte at a time).
    func firstIndex(ofByte byte: UInt8, from start: String.Index? = nil) -> String.Index? {
        let rest = utf8[(start ?? startIndex)...]
        let offset = rest.withContiguousStorageIfAvailable { bytes -> Int? in
            guard let base = bytes.baseAddress, let hit = memchr(base, Int32(byte), bytes.count) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        guard let offset else { return rest.firstIndex(of: byte) }  // a bridged string
        return offset.map { rest.index(rest.startIndex, offsetBy: $0) }
    }
}
