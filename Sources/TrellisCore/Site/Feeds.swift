/// `sitemap.xml` and an Atom feed (`feed.xml`) of the latest notes, written when `base_url` is set:
/// both need absolute URLs, which only the configured address can give.
struct Feeds {
    let baseURL: String
    let title: String
    /// How many of the latest notes the feed lists.
    static let entries = 20

    private var base: String { baseURL.hasSuffix("/") ? baseURL : baseURL + "/" }

    func sitemap(_ pages: [SitePath]) -> String {
        var out =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages.sorted() { out += "<url><loc>\(HTML.escape(absolute(page)))</loc></url>\n" }
        return out + "</urlset>\n"
    }

    func atom(_ notes: [(Note, SitePath)]) -> String {
        let updated = notes.first.map { $0.0.changedDay } ?? "1970-01-01"
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <title>\(HTML.escape(title))</title>
            <link href="\(HTML.escape(base))"/>
            <link rel="self" href="\(HTML.escape(base + "feed.xml"))"/>
            <id>\(HTML.escape(base))</id>
            <updated>\(updated)T00:00:00Z</updated>

            """
        for (note, page) in notes {
            let url = HTML.escape(absolute(page))
            let summary = note.frontmatter.description ?? note.markdown.leadText
            out += """
                <entry><title>\(HTML.escape(note.title))</title><link href="\(url)"/><id>\(url)</id>\
                <updated>\(note.changedDay)T00:00:00Z</updated><summary>\(HTML.escape(String(summary.prefix(300))))</summary></entry>

                """
        }
        return out + "</feed>\n"
    }

    private func absolute(_ page: SitePath) -> String { base + page.encodedPath }
}
