import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TrellisCore

@testable import TrellisServer

@Suite("The preview server's responses")
struct SiteResponderTests {
    private static func makeSite() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trellis-responder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("notes"), withIntermediateDirectories: true)
        try Data("<html><body><p>home</p></body></html>".utf8).write(to: root.appendingPathComponent("index.html"))
        try Data("<html><head></head><body>themed 404</body></html>".utf8).write(
            to: root.appendingPathComponent("404.html"))
        try Data("body{}".utf8).write(to: root.appendingPathComponent("style.css"))
        try Data("<html><body>note</body></html>".utf8).write(to: root.appendingPathComponent("notes/a.html"))
        try Data("index.html\n".utf8).write(to: root.appendingPathComponent(".trellis-manifest"))
        return root
    }

    private func withApp(live: LiveReload? = nil, _ test: @Sendable (any TestClientProtocol) async throws -> Void)
        async throws
    {
        let site = try SiteResponderTests.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let app = Application(responder: SiteResponder(root: site, live: live))
        try await app.test(.router, test)
    }

    @Test("after a build swaps a new output folder in, the server serves the new site")
    func afterSwap() async throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("trellis-swap-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("site")
        @Sendable func build(_ text: String) throws {
            let writer = try SiteWriter(root: output)
            try writer.write("index.html", "<html><body><p>\(text)</p></body></html>")
            try writer.finish()
        }
        try build("one")
        let responder = SiteResponder(root: output, live: nil)
        try await Application(responder: responder).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { #expect(String(buffer: $0.body).contains("one")) }
            let folder = try FileManager.default.attributesOfItem(atPath: output.path)[.systemFileNumber] as? Int
            try build("two")
            #expect(try FileManager.default.attributesOfItem(atPath: output.path)[.systemFileNumber] as? Int != folder)
            responder.siteChanged()
            try await client.execute(uri: "/", method: .get) { #expect(String(buffer: $0.body).contains("two")) }
        }
    }

    @Test("content types, ETag and 304, HEAD without a body")
    func validators() async throws {
        try await withApp { client in
            let etag = try await client.execute(uri: "/style.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                #expect(response.headers[.lastModified] != nil)
                return response.headers[.eTag]
            }
            #expect(etag != nil)
            var conditional = HTTPFields()
            conditional[.ifNoneMatch] = etag!
            try await client.execute(uri: "/style.css", method: .get, headers: conditional) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/notes/a.html", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.contentLength] != nil)
            }
        }
    }

    @Test("folders serve index.html; missing pages get the themed 404; other methods 405")
    func routing() async throws {
        try await withApp { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(String(buffer: response.body).contains("home"))
            }
            try await client.execute(uri: "/notes", method: .get) { response in
                #expect(response.status == .movedPermanently)
                #expect(response.headers[.location] == "/notes/")
            }
            try await client.execute(uri: "/no/such/page", method: .get) { response in
                #expect(response.status == .notFound)
                let body = String(buffer: response.body)
                #expect(body.contains("themed 404"))
                #expect(body.contains("<base href=\"/\">"))
            }
            for method in [HTTPRequest.Method.post, .put, .delete] {
                try await client.execute(uri: "/", method: method) { response in
                    #expect(response.status == .methodNotAllowed)
                    #expect(response.headers[.allow] == "GET, HEAD")
                }
            }
        }
    }

    @Test("another host name gets 421, even on a second Host line")
    func hostNames() async throws {
        try await withApp { client in
            // The test client sends `localhost` as the authority; a `Host` field is a second Host line.
            var foreign = HTTPFields()
            foreign[.init("Host")!] = "attacker.example"
            for method in [HTTPRequest.Method.get, .head, .post] {
                try await client.execute(uri: "/", method: method, headers: foreign) { response in
                    #expect(response.status == .misdirectedRequest)
                    #expect(!String(buffer: response.body).contains("home"))
                }
            }
            var local = HTTPFields()
            local[.init("Host")!] = "127.0.0.1:4000"
            try await client.execute(uri: "/", method: .get, headers: local) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("dotfiles in the output, such as the manifest, get the 404 page")
    func dotfiles() async throws {
        try await withApp { client in
            for path in ["/.trellis-manifest", "/%2Etrellis-manifest"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(!String(buffer: response.body).contains("index.html"))
                }
            }
        }
    }

    @Test("traversal gets 403 and never a file from outside")
    func traversal() async throws {
        try await withApp { client in
            for path in [
                "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
                "/%5c..%5cetc%5cpasswd",
            ] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .forbidden || response.status == .notFound)
                    #expect(!String(buffer: response.body).contains("root:"))
                }
            }
        }
    }

    @Test("with live reload, pages get the reload script")
    func liveReload() async throws {
        try await withApp(live: LiveReload()) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(
                    String(buffer: response.body).contains(
                        "<script src=\"/_trellis/live-reload.js\"></script>\n</body>"))
            }
            try await client.execute(uri: "/_trellis/live-reload.js", method: .get) { response in
                #expect(String(buffer: response.body).contains("EventSource('/_trellis/live')"))
            }
        }
    }

    @Test("live reload events are sent to every subscriber, and close ends them")
    func events() async throws {
        let live = LiveReload()
        let stream = live.subscribe()
        #expect(live.subscriberCount == 1)
        live.send(.reload)
        live.send(.problem("line one\nline two"))
        live.close()
        var received: [LiveReload.Event] = []
        for await event in stream { received.append(event) }
        #expect(received == [.reload, .problem("line one\nline two")])
        #expect(LiveReload.Event.problem("a\nb").wire == "event: problem\ndata: a\ndata: b\n\n")
    }
}
