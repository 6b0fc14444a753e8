import Foundation
import Testing

@testable import TrellisServer

@Suite("Request paths stay inside the site")
struct SiteRequestPathTests {
    static let site: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trellis-site-paths-\(UUID().uuidString)")
        let files = [
            "index.html", "notes/index.html", "notes/a b.html", "r\u{E9}sum\u{E9}.html", ".trellis-manifest",
            ".git/config",
            "notes/.hidden.html",
        ]
        for file in files {
            let url = root.appendingPathComponent(file)
            try! FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! Data("x".utf8).write(to: url)
        }
        let outside = root.deletingLastPathComponent().appendingPathComponent(
            "trellis-outside-\(UUID().uuidString).txt")
        try! Data("secret".utf8).write(to: outside)
        try! FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("leak.txt"), withDestinationURL: outside)
        return root.resolvingSymlinksInPath()
    }()

    @Test(
        "files, folders and encoded names",
        arguments: [
            ("/", "index.html"), ("", "index.html"), ("/notes/", "notes/index.html"),
            ("/notes/a%20b.html", "notes/a b.html"),
            ("/r%C3%A9sum%C3%A9.html", "r\u{E9}sum\u{E9}.html"), ("/index.html?x=1", "index.html"),
        ])
    func found(path: String, file: String) {
        let root = SiteRequestPathTests.site.path
        #expect(SiteRequestPath.resolve(path, in: root) == .file(root + "/" + file))
    }

    @Test(
        "traversal attempts are refused",
        arguments: [
            "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
            "/%5c..%5c..%5cetc%5cpasswd",
            "/notes/..%5C..%5Cx", "/a%00b", "/leak.txt",
        ])
    func refused(path: String) {
        #expect(SiteRequestPath.resolve(path, in: SiteRequestPathTests.site.path) == .forbidden)
    }

    @Test("a folder without its slash redirects; a missing file is not found")
    func redirectsAndMisses() {
        let root = SiteRequestPathTests.site.path
        #expect(SiteRequestPath.resolve("/notes", in: root) == .redirect("/notes/"))
        // `//notes` would send a browser to the host `notes`: the redirect stays on this server.
        #expect(SiteRequestPath.resolve("//notes", in: root) == .redirect("/notes/"))
        #expect(SiteRequestPath.resolve("///notes?x", in: root) == .redirect("/notes/"))
        #expect(SiteRequestPath.resolve("/no/such/page", in: root) == .notFound)
    }

    @Test(
        "dotfiles are not part of the site, however the path is written",
        arguments: [
            "/.trellis-manifest", "/%2etrellis-manifest", "/./.trellis-manifest", "/.git/config", "/.git/",
            "/notes/.hidden.html",
        ])
    func dotfiles(path: String) {
        #expect(SiteRequestPath.resolve(path, in: SiteRequestPathTests.site.path) == .notFound)
    }
}
