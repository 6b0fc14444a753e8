/// The typed models the theme's templates render: what each name in a template stands for.
/// A template is bound to its page's model when the theme loads, so a name the model lacks is a
/// theme error there, not an empty string on a page.
///
/// To give templates a new name: add the property to the page's class, one line to its `fields`
/// table, and set it where `SiteRenderer+Pages` makes the page.

/// What every page has, for `base.mustache`. The 404 page has only these.
final class PageHead: TemplateModel {
    static let modelName = "every page"
    static let fields: [String: TemplateField<PageHead>] = [
        "siteTitle": .text { $0.siteTitle },
        "title": .text { $0.title },
        "pageTitle": .text { $0.title },
        "root": .text { $0.root },
        "url": .text { $0.url },
        "language": .text { _ in "en" },
        "ogType": .text { $0.ogType },
        "description": .text { $0.description },
        "canonical": .optional { $0.canonical },
        "math": .flag { $0.math },
        "diagrams": .flag { $0.diagrams },
    ]

    let siteTitle: String
    let title: String
    /// `../` as many times as the page is deep: the way back to the site's root.
    let root: String
    /// The page's own path in the site.
    let url: String
    let canonical: String?
    var ogType = "website"
    var description = ""
    /// Whether the page loads KaTeX and Mermaid.
    var math = false
    var diagrams = false

    init(siteTitle: String, title: String, root: String, url: String, canonical: String?) {
        self.siteTitle = siteTitle
        self.title = title
        self.root = root
        self.url = url
        self.canonical = canonical
    }
}

/// A note's page (`note.mustache`).
final class NotePage: TemplateModel {
    static let modelName = "a note page"
    static let fields: [String: TemplateField<NotePage>] = PageHead.fields(in: { (page: NotePage) in page.head })
        .merging([
            "path": .text { $0.path },
            "cssClasses": .text { $0.cssClasses },
            "content": .text { $0.content },
            "showTitle": .flag { $0.showTitle },
            "breadcrumbs": .list { $0.breadcrumbs },
            "hasBreadcrumbs": .flag { $0.hasBreadcrumbs },
            "tags": .list { $0.tags },
            "date": .optional { $0.date },
            "hasMeta": .flag { !$0.tags.isEmpty || $0.date != nil },
            "properties": .list { $0.properties },
            "hasProperties": .flag { !$0.properties.isEmpty },
            "toc": .list { $0.toc },
            "hasToc": .flag { $0.toc.count >= 2 },
            "backlinks": .list { $0.backlinks },
            "hasBacklinks": .flag { !$0.backlinks.isEmpty },
            "localGraph": .text { $0.localGraph },
            "tree": .optional { $0.tree },
            "recent": .list { $0.recent },
            "hasRecent": .flag { $0.hasRecent },
            "previous": .object { $0.previous },
            "next": .object { $0.next },
            "hasPager": .flag { $0.previous != nil || $0.next != nil },
        ]) { _, own in own }

    let head: PageHead
    /// The note's path in the vault.
    var path = ""
    /// The frontmatter's `cssclasses`, each after a space (`" wide-page"`), or empty.
    var cssClasses = ""
    /// The note's HTML.
    var content = ""
    /// False when the note starts with its own `# heading`.
    var showTitle = true
    var breadcrumbs: [NamedLink] = []
    var hasBreadcrumbs = false
    var tags: [NamedLink] = []
    var date: String?
    /// The frontmatter shown under the title: empty when hidden.
    var properties: [PropertyEntry] = []
    var toc: [TocEntry] = []
    var backlinks: [TitledLink] = []
    /// The JSON of the note's neighbours in the link graph.
    var localGraph = ""
    /// The home note's: the HTML of every folder and note, and the notes changed last.
    var tree: String?
    var recent: [RecentNote] = []
    var hasRecent = false
    /// The notes before and after this one in its folder.
    var previous: TitledLink?
    var next: TitledLink?

    init(head: PageHead) { self.head = head }
}

/// A listing (`list.mustache`): a folder, a tag, all tags, the home page when no note is it,
/// and the graph page (`graph.mustache`, or `list` when the theme has no `graph`).
final class ListPage: TemplateModel {
    static let modelName = "a list page"
    static let fields: [String: TemplateField<ListPage>] = PageHead.fields(in: { (page: ListPage) in page.head })
        .merging([
            "breadcrumbs": .list { $0.breadcrumbs },
            "hasBreadcrumbs": .flag { $0.hasBreadcrumbs },
            "intro": .optional { $0.intro },
            "folders": .list { $0.folders },
            "hasFolders": .flag { !$0.folders.isEmpty },
            "items": .list { $0.items },
            "hasItems": .flag { !$0.items.isEmpty },
            "recent": .list { $0.recent },
            "hasRecent": .flag { $0.hasRecent },
            "tree": .optional { $0.tree },
            "graph": .flag { $0.graph },
        ]) { _, own in own }

    let head: PageHead
    var breadcrumbs: [NamedLink] = []
    var hasBreadcrumbs = false
    var intro: String?
    var folders: [FolderEntry] = []
    var items: [ListedNote] = []
    var recent: [RecentNote] = []
    var hasRecent = false
    var tree: String?
    /// True on the graph page.
    var graph = false

    init(head: PageHead) { self.head = head }
}

/// A breadcrumb or a tag: `{{name}}` and `{{url}}`.
struct NamedLink: TemplateModel {
    static let modelName = "a breadcrumb or tag"
    static let fields: [String: TemplateField<NamedLink>] = ["name": .text { $0.name }, "url": .text { $0.url }]
    var name: String
    var url: String
}

/// A backlink, or the previous or next note: `{{title}}` and `{{url}}`.
struct TitledLink: TemplateModel {
    static let modelName = "a backlink or neighbouring note"
    static let fields: [String: TemplateField<TitledLink>] = ["title": .text { $0.title }, "url": .text { $0.url }]
    var title: String
    var url: String
}

/// A note in a listing; `detail`: its folder on a tag page, the number of notes on the tag index.
struct ListedNote: TemplateModel {
    static let modelName = "a listed note"
    static let fields: [String: TemplateField<ListedNote>] = [
        "title": .text { $0.title }, "url": .text { $0.url }, "detail": .optional { $0.detail },
    ]
    var title: String
    var url: String
    var detail: String?
}

/// One of the notes changed last; `date`: the day, `YYYY-MM-DD`.
struct RecentNote: TemplateModel {
    static let modelName = "a recent note"
    static let fields: [String: TemplateField<RecentNote>] = [
        "title": .text { $0.title }, "url": .text { $0.url }, "date": .text { $0.date },
    ]
    var title: String
    var url: String
    var date: String
}

/// A subfolder in a folder's listing, with how many notes it holds.
struct FolderEntry: TemplateModel {
    static let modelName = "a folder"
    static let fields: [String: TemplateField<FolderEntry>] = [
        "name": .text { $0.name }, "url": .text { $0.url }, "count": .text { $0.count },
    ]
    var name: String
    var url: String
    var count: String
}

/// A heading in the note's table of contents; `id` is already escaped for a fragment.
struct TocEntry: TemplateModel {
    static let modelName = "a heading"
    static let fields: [String: TemplateField<TocEntry>] = [
        "text": .text { $0.text }, "id": .text { $0.id }, "level": .text { $0.level },
    ]
    var text: String
    var id: String
    var level: String
}
