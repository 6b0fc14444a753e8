import Foundation

@testable import TrellisCore

/// What every site Trellis builds must hold, read off the files it wrote:
///
/// 1. every `href="page#fragment"` names an element `id` that exists on that page (and every
///    internal `href` or `src` names a file of the site);
/// 2. every page is well-formed: each end tag closes the element opened last (void elements
///    aside), and every element is closed;
/// 3. every link `check` calls resolved is a working link on the page of the note it is in.
///
/// Links to a note that is not published are deliberately not links (the page shows a dangling
/// span, so a draft's address is never given away): invariant 3 leaves them out.
struct SiteInvariants {
    let site: URL
    private var pages: [String: HTMLScan] = [:]

    /// Builds `vault` into a temporary folder and returns what breaks the invariants, each as
    /// `page: problem`.
    static func problems(building vault: URL) throws -> [String] {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("trellis-inv-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try Pipeline.build(RunOptions(vault: vault, output: output, defaultTheme: Repository.theme))
        var timings = StageTimings()
        let resolved = try Pipeline.resolve(RunOptions(vault: vault), render: false, timings: &timings)
        var invariants = try SiteInvariants(site: output)
        return invariants.linksAndTags() + invariants.resolvedLinks(resolved)
    }

    init(site: URL) throws {
        self.site = site
        let root = site.standardizedFileURL.path
        for case let url as URL in FileManager.default.enumerator(at: site, includingPropertiesForKeys: nil) ?? .init()
        where url.pathExtension == "html" {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.count + 1))
            pages[relative] = HTMLScan(try String(contentsOf: url, encoding: .utf8))
        }
    }

    /// Invariants 1 and 2.
    func linksAndTags() -> [String] {
        var problems: [String] = []
        for (page, scan) in pages.sorted(by: { $0.key < $1.key }) {
            problems += scan.unbalanced.map { "\(page):\($0)" }
            for tag in scan.tags {
                for attribute in ["href", "src"] {
                    guard let url = tag.attributes[attribute], let problem = check(url, on: page) else { continue }
                    problems.append("\(page):\(tag.line): \(attribute)=\"\(url)\" \(problem)")
                }
            }
        }
        return problems
    }

    /// Invariant 3: each resolved reference of each published note appears on its page as a URL
    /// that works.
    func resolvedLinks(_ resolved: ResolvedVault) -> [String] {
        var problems: [String] = []
        for note in resolved.publishedNotes {
            guard let page = resolved.siteMap.pages[note.path], let scan = pages[page.string] else {
                problems.append("\(note.path): no page")
                continue
            }
            let urls = Set(scan.tags.flatMap { [$0.attributes["href"], $0.attributes["src"]].compactMap { $0 } })
            for (reference, resolution) in zip(note.markdown.references, resolved.resolutions[note.path] ?? []) {
                guard let url = expectedURL(resolution, of: reference, in: note.path, from: page, in: resolved) else {
                    continue
                }
                let written = "\(note.path):\(reference.line):\(reference.column) \(reference.written)"
                if !urls.contains(url) {
                    problems.append("\(written): resolved, but no link to \(url) on \(page)")
                } else if let problem = check(url, on: page.string) {
                    problems.append("\(written): \(url) \(problem)")
                }
            }
        }
        return problems
    }

    /// The URL a resolved reference must have on `page`; nil for what is not a link on purpose.
    private func expectedURL(
        _ resolution: Resolution, of reference: Reference, in source: VaultPath, from page: SitePath,
        in resolved: ResolvedVault
    ) -> String? {
        switch resolution {
        case .note(let target, let anchor):
            guard let targetPage = resolved.siteMap.pages[target] else { return nil }  // not published
            if targetPage == page, let anchor { return "#" + URLEncoding.fragment(anchor) }
            return page.url(to: targetPage, fragment: anchor)
        case .missingAnchor(let target):
            guard let targetPage = resolved.siteMap.pages[target] else { return nil }
            // A Markdown link whose fragment is an element's id on that page keeps it.
            if reference.kind == .markdownLink, target != source,
                let hash = reference.written.firstIndex(of: "#"),
                let id = String(reference.written[reference.written.index(after: hash)...]).removingPercentEncoding,
                !id.isEmpty, pages[targetPage.string]?.tags.contains(where: { $0.attributes["id"] == id }) == true
            {
                return page.url(to: targetPage, fragment: id)
            }
            return page.url(to: targetPage)
        case .attachment(let file):
            // A PDF's `#page=N` is kept (`PDFOptions`).
            let fragment = PDFOptions(reference.target.subpath, of: file).fragment
            return resolved.siteMap.files[file].map { page.url(to: $0) + fragment }
        case .dangling, .external:
            return nil
        }
    }

    /// Why `url`, found on `page`, does not work; nil when it does or is not the site's own.
    private func check(_ url: String, on page: String) -> String? {
        if url.hasPrefix("//") || url.hasPrefix("data:") || url.isEmpty { return nil }
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/"), !url[..<colon].contains("#") {
            return nil
        }
        if url.hasPrefix("/") { return "is root-absolute" }
        let hash = url.firstIndex(of: "#")
        let pathPart =
            String(url[..<(hash ?? url.endIndex)]).split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        let fragment = hash.map { String(url[url.index(after: $0)...]) }
        var target = page
        if !pathPart.isEmpty {
            guard let decoded = pathPart.removingPercentEncoding else { return "is not percent-encoded properly" }
            var parts = page.split(separator: "/").dropLast().map(String.init)
            for part in decoded.split(separator: "/", omittingEmptySubsequences: false) where part != "." {
                if part != ".." {
                    parts.append(String(part))
                } else if parts.popLast() == nil {
                    return "leaves the site"
                }
            }
            target = parts.joined(separator: "/")
            var isFolder: ObjCBool = false
            guard
                FileManager.default.fileExists(atPath: site.appendingPathComponent(target).path, isDirectory: &isFolder)
            else { return "names no file of the site" }
            if isFolder.boolValue { target += "/index.html" }
        }
        guard let fragment, !fragment.isEmpty, target.hasSuffix(".html") else { return nil }
        let id = fragment.removingPercentEncoding ?? fragment
        guard let scan = pages[target] else { return "names a page that was not read" }
        let ids =
            scan.tags.compactMap { $0.attributes["id"] }
            + scan.tags.filter { $0.name == "a" }.compactMap { $0.attributes["name"] }
        return ids.contains(id) ? nil : "names no element id=\"\(id)\" on \(target)"
    }
}
