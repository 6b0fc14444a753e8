import Foundation

extension SiteRenderer {
    func head(for page: SitePath, title: String) -> PageHead {
        let canonical = resolved.config.baseURL.map { base in (base.hasSuffix("/") ? base : base + "/") + page.string }
        return PageHead(
            siteTitle: resolved.config.title, title: title, root: page.rootPrefix, url: page.string,
            canonical: canonical)
    }

    func notePage(_ path: VaultPath) -> RenderedPage {
        let note = notes[path]!
        let page = siteMap.pages[path]!
        let head = self.head(for: page, title: note.title)
        head.ogType = "article"
        head.description = note.frontmatter.description ?? summary(of: note)
        let scripts = scriptFeatures(ofPage: path)
        head.math = scripts.contains(.math)
        head.diagrams = scripts.contains(.diagram)
        let model = NotePage(head: head)
        model.path = path.string
        model.content = references.render(path, on: page)
        model.showTitle = !note.markdown.startsWithH1
        model.breadcrumbs = breadcrumbs(folder: path.folder, from: page)
        model.hasBreadcrumbs = page.string != "index.html"
        model.tags = note.tags.compactMap { tag in tagPages[tag].map { NamedLink(name: tag, url: page.url(to: $0)) } }
        model.date = note.frontmatter.date
        model.cssClasses = note.frontmatter.cssClasses.map { " " + $0 }.joined()
        model.properties = PropertyHTML(references: references, page: page).entries(
            for: note, resolutions: resolved.resolutions[path] ?? [], display: resolved.config.properties)
        model.toc = note.markdown.headings.filter { $0.level >= 2 && $0.level <= 4 }.map {
            TocEntry(text: $0.text, id: URLEncoding.fragment($0.id), level: String($0.level))
        }
        model.backlinks = (resolved.graph.backlinks[path] ?? []).compactMap { source in
            guard let target = siteMap.pages[source], let title = titles[source] else { return nil }
            return TitledLink(title: title, url: page.url(to: target))
        }
        model.localGraph = localGraph.json(for: path)
        if path == resolved.home {
            model.tree = tree.html(from: page, siteMap: siteMap)
            model.recent = recentlyChanged(from: page)
            model.hasRecent = !notes.isEmpty
        }
        (model.previous, model.next) = neighbours(of: path, from: page)
        return RenderedPage(path: page, bytes: theme.render(model))
    }

    /// The first words of the note, for `<meta name="description">`.
    private func summary(of note: Note) -> String {
        let text = note.markdown.leadText
        guard text.utf8.count > 160 else { return text.replacingNewlines() }
        var cut = text.prefix(156)
        if let space = cut.lastIndex(where: \.isWhitespace) { cut = cut[..<space] }
        return String(cut).replacingNewlines() + "…"
    }

    /// The site's home, then the folders down to `folder`: the deepest `SiteRenderer.shownFolders`
    /// of them, after a `…` that leads to the folder above those when there are more.
    private func breadcrumbs(folder: String, from page: SitePath) -> [NamedLink] {
        var crumbs = [NamedLink(name: resolved.config.title, url: page.url(to: SitePath("index.html")))]
        let parts = folder.split(separator: "/")
        let hidden = max(0, parts.count - SiteRenderer.shownFolders)
        // The folder's path down to part `index`: a cut of `folder` (its parts share its indices).
        func path(through index: Int) -> String { String(folder[..<parts[index].endIndex]) }
        if hidden > 0 {
            crumbs.append(NamedLink(name: "…", url: page.url(to: siteMap.folderPage(path(through: hidden - 1)))))
        }
        for index in hidden..<parts.count {
            let url = page.url(to: siteMap.folderPage(path(through: index)))
            crumbs.append(NamedLink(name: String(parts[index]), url: url))
        }
        return crumbs
    }

    /// The most folders breadcrumbs show. Each crumb's link climbs as many folders as the page is
    /// deep, so with every folder shown a page's breadcrumbs grew with the square of its depth:
    /// three notes nested 1,900 folders deep made gigabytes of folder pages.
    static let shownFolders = 12

    /// The notes before and after this one in its folder, by title.
    private func neighbours(of path: VaultPath, from page: SitePath) -> (TitledLink?, TitledLink?) {
        let (previous, next) = tree.neighbours(of: path)
        func link(_ note: FolderTree.Entry?) -> TitledLink? {
            guard let note, let target = siteMap.pages[note.path] else { return nil }
            return TitledLink(title: note.title, url: page.url(to: target))
        }
        return (link(previous), link(next))
    }

    func folderPage(_ folderPath: String) -> RenderedPage {
        let page = siteMap.folderPage(folderPath)
        let folder = tree.folder(at: folderPath)!
        let model = ListPage(head: head(for: page, title: folder.name))
        let parent = folderPath.split(separator: "/").dropLast().joined(separator: "/")
        model.breadcrumbs = breadcrumbs(folder: parent, from: page)
        model.hasBreadcrumbs = true
        model.folders = folder.sortedFolders.map {
            FolderEntry(name: $0.name, url: page.url(to: siteMap.folderPage($0.path)), count: String($0.noteCount))
        }
        model.items = folder.sortedNotes.compactMap { entry in
            siteMap.pages[entry.path].map { ListedNote(title: entry.title, url: page.url(to: $0)) }
        }
        return RenderedPage(path: page, bytes: theme.render(model))
    }

    /// The ten notes changed last (frontmatter `date`, else the file's time), newest first.
    func recentlyChanged(from page: SitePath, count: Int = 10) -> [RecentNote] {
        recentNotes.prefix(count).compactMap { note in
            siteMap.pages[note.path].map { RecentNote(title: note.title, url: page.url(to: $0), date: note.changedDay) }
        }
    }

    func allNotesPage() -> RenderedPage {
        let page = SitePath("index.html")
        let model = ListPage(head: head(for: page, title: resolved.config.title))
        model.recent = recentlyChanged(from: page)
        model.hasRecent = !notes.isEmpty
        // A vault with no published note gets the theme's empty listing, not an empty tree.
        guard !notes.isEmpty else { return RenderedPage(path: page, bytes: theme.render(model)) }
        model.intro = "\(Wording.counted(notes.count, "note")). Pick one, or search with the box above."
        model.tree = tree.html(from: page, siteMap: siteMap)
        return RenderedPage(path: page, bytes: theme.render(model))
    }

    func tagIndexPage() -> RenderedPage {
        let page = SitePath("tags/index.html")
        let model = ListPage(head: head(for: page, title: "Tags"))
        model.breadcrumbs = breadcrumbs(folder: "", from: page)
        model.hasBreadcrumbs = true
        model.items = tagged.keys.sorted().map { tag in
            ListedNote(title: "#" + tag, url: page.url(to: tagPages[tag]!), detail: "\(tagged[tag]!.count)")
        }
        if model.items.isEmpty { model.intro = "No note has tags yet." }
        return RenderedPage(path: page, bytes: theme.render(model))
    }

    func tagPage(_ tag: String) -> RenderedPage {
        let page = tagPages[tag]!
        let model = ListPage(head: head(for: page, title: "#" + tag))
        model.breadcrumbs = breadcrumbs(folder: "", from: page)
        model.breadcrumbs.append(NamedLink(name: "Tags", url: page.url(to: SitePath("tags/index.html"))))
        model.hasBreadcrumbs = true
        // Sorted by lower-cased title, each key made once (a tag can have thousands of notes).
        model.items = (tagged[tag] ?? []).compactMap { path -> (key: String, item: ListedNote)? in
            guard let target = siteMap.pages[path], let title = titles[path] else { return nil }
            return (title.lowercased(), ListedNote(title: title, url: page.url(to: target), detail: path.folder))
        }.sorted { $0.key < $1.key }.map(\.item)
        let count = model.items.count
        let nested = tagged.keys.contains { $0.hasPrefix(tag + "/") }
        model.intro =
            "\(count) note\(count == 1 ? "" : "s") tagged #\(tag)\(nested ? " or a tag under it (#\(tag)/…)" : "")."
        return RenderedPage(path: page, bytes: theme.render(model))
    }

    func graphPage() -> RenderedPage {
        let page = SitePath("graph.html")
        let model = ListPage(head: head(for: page, title: "Graph"))
        model.intro = "Every note and the links between them. Drag to pan, scroll to zoom, click a note to open it."
        model.graph = true
        return RenderedPage(path: page, bytes: theme.render(model))
    }

    func notFoundPage() -> RenderedPage {
        let page = SitePath("404.html")
        return RenderedPage(path: page, bytes: theme.renderNotFound(head(for: page, title: "Page not found")))
    }
}

extension String {
    /// Line breaks become spaces, for one-line texts such as descriptions.
    fileprivate func replacingNewlines() -> String {
        utf8.contains(0x0A) ? String(map { $0.isNewline ? " " : $0 }) : self
    }
}
