import Foundation

extension SiteRenderer {
    func baseContext(for page: SitePath, title: String) -> [String: Any] {
        var context: [String: Any] = [
            "siteTitle": resolved.config.title,
            "pageTitle": title,
            "title": title,
            "root": page.rootPrefix,
            "url": page.string,
            "language": "en",
            "ogType": "website",
            "description": "",
        ]
        if let base = resolved.config.baseURL {
            context["canonical"] = (base.hasSuffix("/") ? base : base + "/") + page.string
        }
        return context
    }

    func notePage(_ path: VaultPath) -> RenderedPage {
        let note = notes[path]!
        let page = siteMap.pages[path]!
        var context = baseContext(for: page, title: note.title)
        context["ogType"] = "article"
        context["path"] = path.string
        context["description"] = note.frontmatter.description ?? summary(of: note)
        context["content"] = references.render(path, on: page)
        context["showTitle"] = !note.markdown.startsWithH1
        let crumbs = breadcrumbs(folder: path.folder, from: page)
        context["breadcrumbs"] = crumbs
        context["hasBreadcrumbs"] = page.string != "index.html"
        let tags = note.tags.compactMap { tag in tagPages[tag].map { ["name": tag, "url": page.url(to: $0)] } }
        context["tags"] = tags
        context["date"] = note.frontmatter.date
        context["hasMeta"] = !tags.isEmpty || note.frontmatter.date != nil
        let properties = PropertyHTML(references: references, page: page).context(
            for: note, resolutions: resolved.resolutions[path] ?? [], display: resolved.config.properties)
        context["properties"] = properties
        context["hasProperties"] = !properties.isEmpty
        let toc = note.markdown.headings.filter { $0.level >= 2 && $0.level <= 4 }.map {
            ["text": $0.text, "id": URLEncoding.fragment($0.id), "level": String($0.level)]
        }
        context["toc"] = toc
        context["hasToc"] = toc.count >= 2
        let backlinks = (resolved.graph.backlinks[path] ?? []).compactMap { source -> [String: String]? in
            guard let target = siteMap.pages[source], let title = notes[source]?.title else { return nil }
            return ["title": title, "url": page.url(to: target)]
        }
        context["backlinks"] = backlinks
        context["hasBacklinks"] = !backlinks.isEmpty
        context["localGraph"] = localGraph.json(for: path)
        let scripts = scriptFeatures(ofPage: path)
        context["math"] = scripts.contains(.math)
        context["diagrams"] = scripts.contains(.diagram)
        if path == resolved.home {
            context["tree"] = tree.html(from: page, siteMap: siteMap)
            context["recent"] = recentlyChanged(from: page)
            context["hasRecent"] = !notes.isEmpty
        }
        let (previous, next) = neighbours(of: path, from: page)
        context["previous"] = previous
        context["next"] = next
        context["hasPager"] = previous != nil || next != nil
        return RenderedPage(path: page, html: theme.render("note", context))
    }

    /// The first words of the note, for `<meta name="description">`.
    private func summary(of note: Note) -> String {
        let text = note.markdown.leadText
        guard text.utf8.count > 160 else { return text.replacingNewlines() }
        var cut = text.prefix(156)
        if let space = cut.lastIndex(where: \.isWhitespace) { cut = cut[..<space] }
        return String(cut).replacingNewlines() + "…"
    }

    private func breadcrumbs(folder: String, from page: SitePath) -> [[String: String]] {
        var crumbs: [[String: String]] = [["name": resolved.config.title, "url": page.url(to: SitePath("index.html"))]]
        var prefix = ""
        for part in folder.split(separator: "/") {
            prefix = prefix.isEmpty ? String(part) : prefix + "/" + part
            crumbs.append(["name": String(part), "url": page.url(to: siteMap.folderPage(prefix))])
        }
        return crumbs
    }

    /// The notes before and after this one in its folder, by title.
    private func neighbours(of path: VaultPath, from page: SitePath) -> ([String: String]?, [String: String]?) {
        guard let folder = tree.folder(at: path.folder) else { return (nil, nil) }
        let siblings = folder.sortedNotes
        guard let index = siblings.firstIndex(where: { $0.path == path }) else { return (nil, nil) }
        func link(_ offset: Int) -> [String: String]? {
            let other = index + offset
            guard siblings.indices.contains(other), let target = siteMap.pages[siblings[other].path] else { return nil }
            return ["title": siblings[other].title, "url": page.url(to: target)]
        }
        return (link(-1), link(1))
    }

    func folderPage(_ folderPath: String) -> RenderedPage {
        let page = siteMap.folderPage(folderPath)
        let folder = tree.folder(at: folderPath)!
        var context = baseContext(for: page, title: folder.name)
        let parent = folderPath.split(separator: "/").dropLast().joined(separator: "/")
        context["breadcrumbs"] = breadcrumbs(folder: parent, from: page)
        context["hasBreadcrumbs"] = true
        fillListing(&context, folder: folder, from: page)
        return RenderedPage(path: page, html: theme.render("list", context))
    }

    /// The ten notes changed last (frontmatter `date`, else the file's time), newest first.
    func recentlyChanged(from page: SitePath, count: Int = 10) -> [[String: String]] {
        recentNotes.prefix(count).compactMap { note in
            siteMap.pages[note.path].map { ["title": note.title, "url": page.url(to: $0), "date": note.changedDay] }
        }
    }

    func allNotesPage() -> RenderedPage {
        let page = SitePath("index.html")
        var context = baseContext(for: page, title: resolved.config.title)
        context["recent"] = recentlyChanged(from: page)
        context["hasRecent"] = !notes.isEmpty
        context["intro"] = "\(Wording.counted(notes.count, "note")). Pick one, or search with the box above."
        context["tree"] = tree.html(from: page, siteMap: siteMap)
        context["hasItems"] = false
        context["hasFolders"] = false
        return RenderedPage(path: page, html: theme.render("list", context))
    }

    private func fillListing(_ context: inout [String: Any], folder: FolderTree.Folder, from page: SitePath) {
        let folders = folder.sortedFolders.map {
            ["name": $0.name, "url": page.url(to: siteMap.folderPage($0.path)), "count": String($0.noteCount)]
        }
        let items = folder.sortedNotes.compactMap { entry -> [String: String]? in
            guard let target = siteMap.pages[entry.path] else { return nil }
            return ["title": entry.title, "url": page.url(to: target)]
        }
        context["folders"] = folders
        context["hasFolders"] = !folders.isEmpty
        context["items"] = items
        context["hasItems"] = !items.isEmpty
    }

    func tagIndexPage() -> RenderedPage {
        let page = SitePath("tags/index.html")
        var context = baseContext(for: page, title: "Tags")
        context["breadcrumbs"] = breadcrumbs(folder: "", from: page)
        context["hasBreadcrumbs"] = true
        let items = tagged.keys.sorted().map { tag -> [String: String] in
            ["title": "#" + tag, "url": page.url(to: tagPages[tag]!), "detail": "\(tagged[tag]!.count)"]
        }
        context["items"] = items
        context["hasItems"] = !items.isEmpty
        context["hasFolders"] = false
        if items.isEmpty { context["intro"] = "No note has tags yet." }
        return RenderedPage(path: page, html: theme.render("list", context))
    }

    func tagPage(_ tag: String) -> RenderedPage {
        let page = tagPages[tag]!
        var context = baseContext(for: page, title: "#" + tag)
        var crumbs = breadcrumbs(folder: "", from: page)
        crumbs.append(["name": "Tags", "url": page.url(to: SitePath("tags/index.html"))])
        context["breadcrumbs"] = crumbs
        context["hasBreadcrumbs"] = true
        // Sorted by lower-cased title, each key made once (a tag can have thousands of notes).
        let items = (tagged[tag] ?? []).compactMap { path -> (key: String, item: [String: String])? in
            guard let target = siteMap.pages[path], let note = notes[path] else { return nil }
            let title = note.title
            return (title.lowercased(), ["title": title, "url": page.url(to: target), "detail": path.folder])
        }.sorted { $0.key < $1.key }.map(\.item)
        context["items"] = items
        context["hasItems"] = !items.isEmpty
        context["hasFolders"] = false
        context["intro"] = "\(items.count) note\(items.count == 1 ? "" : "s") tagged #\(tag)."
        return RenderedPage(path: page, html: theme.render("list", context))
    }

    func graphPage() -> RenderedPage {
        let page = SitePath("graph.html")
        var context = baseContext(for: page, title: "Graph")
        context["intro"] = "Every note and the links between them. Drag to pan, scroll to zoom, click a note to open it."
        context["hasItems"] = false
        context["hasFolders"] = false
        context["graph"] = true
        return RenderedPage(path: page, html: theme.render(theme.has("graph") ? "graph" : "list", context))
    }
}

extension String {
    /// Line breaks become spaces, for one-line texts such as descriptions.
    fileprivate func replacingNewlines() -> String {
        utf8.contains(0x0A) ? String(map { $0.isNewline ? " " : $0 }) : self
    }
}
