/// A note's frontmatter properties as its page's template gets them:
///
///     properties: [{ name, isList, items: [{ html }] }]
///
/// `name` is text (the template escapes it); each item's `html` is made here, every piece of text
/// escaped: a property is never raw HTML. Links are drawn as the body draws them.
struct PropertyHTML {
    let references: ReferenceRenderer
    let page: SitePath

    /// The template's list; empty when the note's `properties` or the site's says `hide`.
    func context(for note: Note, resolutions: [Resolution], display: PropertyDisplay) -> [[String: Any]] {
        guard (note.frontmatter.propertyDisplay ?? display) == .show else { return [] }
        let links = Array(note.propertyResolutions(resolutions))
        return note.frontmatter.properties.map { property in
            let items = property.values.map { value in ["html": html(value, note.frontmatter.propertyLinks, links)] }
            return ["name": property.name, "isList": property.isList, "items": items]
        }
    }

    func html(_ value: [Property.Piece], _ references: [Reference], _ resolutions: [Resolution]) -> String {
        value.map { piece in
            switch piece {
            case .text(let text):
                return HTML.escape(text)
            case .link(let index):
                guard references.indices.contains(index) else { return "" }
                let resolution = resolutions.indices.contains(index) ? resolutions[index] : .dangling
                return self.references.wikiLink(references[index], resolution, on: page)
            case .url(let url):
                let escaped = HTML.escape(url)
                return "<a class=\"external\" href=\"\(escaped)\" rel=\"noopener\">\(escaped)</a>"
            case .date(let date):
                let escaped = HTML.escape(date)
                return "<time datetime=\"\(escaped)\">\(escaped)</time>"
            }
        }.joined()
    }
}
