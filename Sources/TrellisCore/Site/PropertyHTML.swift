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
    func entries(for note: Note, resolutions: [Resolution], display: PropertyDisplay) -> [PropertyEntry] {
        guard (note.frontmatter.propertyDisplay ?? display) == .show else { return [] }
        let links = Array(note.propertyResolutions(resolutions))
        return note.frontmatter.properties.map { property in
            let items = property.values.map { value in
                PropertyValue(html: html(value, note.frontmatter.propertyLinks, links))
            }
            return PropertyEntry(name: property.name, isList: property.isList, items: items)
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

/// One property of a note page's list.
struct PropertyEntry: TemplateModel {
    static let modelName = "a property (`name`, `isList`, `items`)"
    static let fields: [String: TemplateField<PropertyEntry>] = [
        "name": .text { $0.name }, "isList": .flag { $0.isList }, "items": .list { $0.items },
    ]
    var name: String
    var isList: Bool
    var items: [PropertyValue]
}

/// One value of a property, as HTML made by `PropertyHTML` (every text in it escaped).
struct PropertyValue: TemplateModel {
    static let modelName = "a property value (`html`)"
    static let fields: [String: TemplateField<PropertyValue>] = ["html": .text { $0.html }]
    var html: String
}
