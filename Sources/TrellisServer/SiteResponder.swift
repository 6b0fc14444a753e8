import Foundation
import Hummingbird

/// Answers HTTP requests from the built site folder: GET and HEAD only, `index.html` for folders,
/// `ETag`/`Last-Modified` with `304`, the site's own 404 page, and the live-reload endpoints.
/// A request for another host name than the preview's own gets `421` (`AllowedHosts`).
public struct SiteResponder: HTTPResponder {
    public typealias Context = BasicRequestContext

    let files: SiteFiles
    let live: LiveReload?
    let hosts: AllowedHosts

    /// `host`: what the server listens on (`--host`).
    public init(root: URL, live: LiveReload?, host: String = "127.0.0.1") {
        let real = root.resolvingSymlinksInPath().standardizedFileURL.path
        self.files = SiteFiles(root: real)
        self.live = live
        self.hosts = AllowedHosts(bound: host)
    }

    /// Forgets cached files after a rebuild.
    public func siteChanged() { files.invalidate() }

    public func respond(to request: Request, context: Context) async throws -> Response {
        // HTTP/1's `Host` is the authority; a second `Host` line stays among the fields.
        let names =
            [request.head.authority].compactMap { $0 }
            + request.headers.filter { $0.name.canonicalName == "host" }.map(\.value)
        guard !names.isEmpty, names.allSatisfy(hosts.allows) else {
            let body = "421 misdirected request: this preview answers to localhost, IP addresses and \(hosts.bound)\n"
            return Response(status: .misdirectedRequest, body: request.method == .head ? ResponseBody() : text(body))
        }
        guard request.method == .get || request.method == .head else {
            var headers = HTTPFields()
            headers[.allow] = "GET, HEAD"
            return Response(status: .methodNotAllowed, headers: headers, body: text("405 method not allowed\n"))
        }
        let path = request.uri.path
        if let live {
            if path == "/_trellis/live" { return events(live) }
            if path == "/_trellis/live-reload.js" {
                return plain(LiveReload.script, type: "text/javascript; charset=utf-8", request)
            }
        }
        switch SiteRequestPath.resolve(path, in: files.root) {
        case .file(let file):
            guard let entry = files.entry(for: file) else { return notFound(request) }
            return serve(entry, request)
        case .redirect(let location):
            var headers = HTTPFields()
            headers[.location] = location
            return Response(status: .movedPermanently, headers: headers)
        case .notFound:
            return notFound(request)
        case .forbidden:
            return Response(
                status: .forbidden, body: request.method == .head ? ResponseBody() : text("403 forbidden\n"))
        }
    }

    private func serve(_ entry: SiteFiles.Entry, _ request: Request, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = entry.contentType
        headers[.eTag] = entry.etag
        headers[.lastModified] = entry.lastModified
        headers[.cacheControl] = "no-cache"
        if status == .ok, isNotModified(entry, request) {
            return Response(status: .notModified, headers: headers)
        }
        var bytes = entry.bytes
        if live != nil, entry.contentType.hasPrefix("text/html") { bytes = injectLiveReload(bytes) }
        headers[.contentLength] = String(bytes.count)
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        return Response(status: status, headers: headers, body: body)
    }

    private func isNotModified(_ entry: SiteFiles.Entry, _ request: Request) -> Bool {
        if let tags = request.headers[.ifNoneMatch] {
            return tags.split(separator: ",").contains {
                $0.trimmingCharacters(in: .whitespaces) == entry.etag || $0 == "*"
            }
        }
        if let since = request.headers[.ifModifiedSince] { return since == entry.lastModified }
        return false
    }

    /// The site's themed 404 page, with a `<base>` so its relative links work from any path.
    private func notFound(_ request: Request) -> Response {
        guard let page = files.entry(for: files.root + "/404.html") else {
            return Response(status: .notFound, body: text("404 not found\n"))
        }
        var html = String(decoding: page.bytes, as: UTF8.self)
        if let head = html.range(of: "<head>") { html.insert(contentsOf: "\n<base href=\"/\">", at: head.upperBound) }
        let entry = SiteFiles.Entry(
            bytes: Array(html.utf8), etag: page.etag, lastModified: page.lastModified, contentType: page.contentType)
        return serve(entry, request, status: .notFound)
    }

    private func injectLiveReload(_ bytes: [UInt8]) -> [UInt8] {
        let tag = Array("<script src=\"/_trellis/live-reload.js\"></script>\n".utf8)
        let marker = Array("</body>".utf8)
        guard let index = lastIndex(of: marker, in: bytes) else { return bytes + tag }
        var out = bytes
        out.insert(contentsOf: tag, at: index)
        return out
    }

    private func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.count - needle.count
        while index >= 0 {
            if haystack[index] == needle[0] && Array(haystack[index..<index + needle.count]) == needle { return index }
            index -= 1
        }
        return nil
    }

    private func events(_ live: LiveReload) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        let stream = live.subscribe()
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 1000\n\n"))
            for await event in stream {
                try await writer.write(ByteBuffer(string: event.wire))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    private func plain(_ content: String, type: String, _ request: Request) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        return Response(status: .ok, headers: headers, body: request.method == .head ? ResponseBody() : text(content))
    }

    private func text(_ content: String) -> ResponseBody { ResponseBody(byteBuffer: ByteBuffer(string: content)) }
}
