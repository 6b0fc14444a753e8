/// The theme's page templates, each compiled for its page's model when the theme loads.
struct PageTemplates: Sendable {
    let note: TemplateRenderer<NotePage>
    let list: TemplateRenderer<ListPage>
    /// `graph.mustache`, else `list.mustache`.
    let graph: TemplateRenderer<ListPage>
    let notFound: TemplateRenderer<PageHead>

    /// `sources` and `files`: each template's text and file, by name (`note` for `note.mustache`).
    /// Every template must parse, used or not, and every name in one that renders a page must
    /// be a field of that page's model.
    init(sources: [String: String], files: [String: String]) throws(Theme.ThemeError) {
        var problems: [TemplateError] = []
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                _ = try TemplateParser.parse(source, template: name)
            } catch {
                problems.append(error)
            }
        }
        let compiler = TemplateCompiler(sources: sources)
        note = compiler.compile(template: "note", for: NotePage.self)
        list = compiler.compile(template: "list", for: ListPage.self)
        graph = sources["graph"] == nil ? list : compiler.compile(template: "graph", for: ListPage.self)
        notFound = compiler.compile(template: "404", for: PageHead.self)
        problems += compiler.errors
        guard problems.isEmpty else { throw Theme.ThemeError(Self.diagnostics(problems, files: files)) }
    }

    /// One diagnostic per place (a template bound to several pages may have one problem in
    /// each), in file order.
    private static func diagnostics(_ problems: [TemplateError], files: [String: String]) -> [Diagnostic] {
        var seen: Set<TemplatePosition> = []
        return problems.filter { seen.insert($0.position).inserted }.map { problem in
            Diagnostic(
                file: files[problem.position.template] ?? problem.position.template + ".mustache",
                line: problem.position.line, column: problem.position.column, severity: .error, code: .theme,
                message: problem.message)
        }.sorted { ($0.file ?? "", $0.line, $0.column) < ($1.file ?? "", $1.line, $1.column) }
    }
}
