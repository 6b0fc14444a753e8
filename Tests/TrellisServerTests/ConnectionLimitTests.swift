import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TrellisServer

/// The real server on a loopback port, spoken to over plain sockets: half a request, a trickle of
/// bytes, a foreign `Host` — what no HTTP client library sends.
@Suite("The preview server's connections")
struct ConnectionLimitTests {
    private static let timeout: Duration = .milliseconds(300)

    private func withServer(live: LiveReload? = nil, _ test: @Sendable (Int) async throws -> Void) async throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trellis-connections-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: site) }
        try Data("<html><body>home</body></html>".utf8).write(to: site.appendingPathComponent("index.html"))
        let responder = SiteResponder(root: site, live: live, host: "127.0.0.1")
        let app = PreviewServer.application(responder, host: "127.0.0.1", port: 0, idleTimeout: Self.timeout)
        try await app.test(.live) { client in try await test(try #require(client.port)) }
    }

    /// Sends `request` on a new connection to the server on `port`: what comes back until the
    /// server closes it or `seconds` pass, and which came first.
    private func exchange(_ request: String, port: Int, within seconds: Double = 5) async throws -> (
        text: String, closed: Bool
    ) {
        let connection = try RawConnection(port: port)
        connection.send(request)
        return await connection.readUntilClosed(within: seconds)
    }

    @Test("a request whose headers never end is closed after the idle timeout")
    func halfSentRequest() async throws {
        try await withServer { port in
            let (text, closed) = try await exchange("GET / HTTP/1.1\r\nHost: localhost\r\n", port: port)
            #expect(closed && text.isEmpty)
        }
    }

    @Test("headers trickled a byte at a time do not keep the connection open")
    func trickle() async throws {
        try await withServer { port in
            let connection = try RawConnection(port: port)
            // A character each 50 ms or more: over 3 s of headers, ten times the timeout.
            var sent = 0
            for character in "GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + String(repeating: "a", count: 26) {
                connection.send(String(character))
                sent += 1
                if await connection.readUntilClosed(within: 0.05).closed { break }
            }
            #expect(sent < 40, "the connection stayed open for \(sent) bytes")
        }
    }

    @Test("a connection left idle after a response is closed; a foreign Host gets 421")
    func idleAndForeign() async throws {
        try await withServer { port in
            let (page, closed) = try await exchange("GET / HTTP/1.1\r\nHost: localhost:4000\r\n\r\n", port: port)
            #expect(page.hasPrefix("HTTP/1.1 200") && page.contains("home"))
            #expect(closed)
            let (refused, _) = try await exchange("GET / HTTP/1.1\r\nHost: attacker.example\r\n\r\n", port: port)
            #expect(refused.hasPrefix("HTTP/1.1 421") && !refused.contains("home"))
        }
    }

    @Test("the live-reload event stream outlives the idle timeout")
    func eventStream() async throws {
        let live = LiveReload()
        try await withServer(live: live) { port in
            let (text, closed) = try await exchange(
                "GET /_trellis/live HTTP/1.1\r\nHost: localhost\r\n\r\n", port: port, within: 1.5)
            #expect(text.contains("retry: 1000"))
            #expect(!closed)
            live.close()
        }
    }
}

/// A TCP connection to 127.0.0.1 through the C socket calls, used by one test at a time.
private final class RawConnection: @unchecked Sendable {
    private let socket: Int32

    struct Failed: Error {}

    init(port: Int) throws {
        socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard socket >= 0, connected == 0 else { throw Failed() }
    }

    deinit { close(socket) }

    /// Sends `text`; once the server has closed the connection, sends nothing.
    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = Foundation.send(socket, bytes, bytes.count, Int32(MSG_NOSIGNAL))
    }

    /// What arrives until the server closes the connection or `seconds` pass, and which came first.
    /// Waits on a thread of its own: the server answers on Swift's few shared threads.
    func readUntilClosed(within seconds: Double) async -> (text: String, closed: Bool) {
        await withCheckedContinuation { done in
            Thread.detachNewThread { done.resume(returning: self.blockingRead(within: seconds)) }
        }
    }

    private func blockingRead(within seconds: Double) -> (text: String, closed: Bool) {
        let deadline = Date().addingTimeInterval(seconds)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while deadline.timeIntervalSinceNow > 0 {
            var waiting = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&waiting, 1, Int32(deadline.timeIntervalSinceNow * 1000) + 1) > 0 else { continue }
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { return (String(decoding: bytes, as: UTF8.self), true) }  // end of stream, or reset
            bytes += buffer[..<count]
        }
        return (String(decoding: bytes, as: UTF8.self), false)
    }
}
