import Foundation
import Mustache

// The default theme's note page, with a context shaped like a generated note's: a 9 KB body, three
// breadcrumbs, two tags, six headings, five backlinks.
let templates = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().appendingPathComponent("../../../../Theme/templates").standardizedFileURL
var library = MustacheLibrary()
for name in ["base", "note"] {
    try library.register(String(contentsOf: templates.appendingPathComponent(name + ".mustache"), encoding: .utf8), named: name)
}
let body = String(repeating: "<p>Some text with <a href=\"x.html\">a link</a> and more words.</p>\n", count: 40)

func context(_ i: Int) -> [String: Any] {
    [
        "siteTitle": "Bench", "pageTitle": "Note \(i)", "title": "Note \(i)", "root": "../../",
        "url": "a/b/note-\(i).html", "language": "en", "ogType": "article", "description": "A description",
        "path": "a/b/Note \(i).md", "content": body, "showTitle": true, "hasBreadcrumbs": true, "hasMeta": true,
        "date": "2024-01-01", "hasToc": true, "hasBacklinks": true, "localGraph": "{\"nodes\":[]}", "hasPager": true,
        "breadcrumbs": [["name": "Bench", "url": "../../index.html"], ["name": "a", "url": "../index.html"], ["name": "b", "url": "index.html"]],
        "tags": [["name": "one", "url": "../../tags/one.html"], ["name": "two", "url": "../../tags/two.html"]],
        "toc": (0..<6).map { ["text": "Heading \($0)", "id": "heading-\($0)", "level": "2"] },
        "backlinks": (0..<5).map { ["title": "Other \($0)", "url": "other-\($0).html"] },
        "previous": ["title": "Previous", "url": "previous.html"], "next": ["title": "Next", "url": "next.html"],
    ]
}

func measure(_ label: String, _ library: MustacheLibrary, _ template: String, _ contexts: [[String: Any]]) {
    let start = DispatchTime.now().uptimeNanoseconds
    var bytes = 0
    for context in contexts { bytes += library.render(context, withTemplate: template)?.utf8.count ?? 0 }
    let perPage = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(contexts.count) / 1000
    print("\(label): \(String(format: "%.1f", perPage)) µs per page (\(bytes / contexts.count) bytes), one thread")
}

let contexts = (0..<2000).map(context)
measure("note page of the default theme", library, "note", contexts)
var lookups = MustacheLibrary()
try lookups.register(String(repeating: "<a href=\"{{root}}x\">", count: 100), named: "lookups")
measure("100 lookups of {{root}}", lookups, "lookups", contexts)
