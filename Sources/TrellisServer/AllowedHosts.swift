import Foundation

/// The `Host` names `trellis serve` answers to.
///
/// A web page anywhere can point a domain name of its own at 127.0.0.1 (DNS rebinding) and then
/// read the preview as if it were its own site — but the browser still sends that name in `Host`.
/// So the preview answers only to names no one else can point elsewhere: `localhost`, IP
/// addresses (`127.0.0.1`, `[::1]`, or the LAN address of a machine serving on `0.0.0.0`), and
/// the name it was told to listen on (`--host`). The port is not checked.
struct AllowedHosts: Sendable {
    /// What the server listens on, as given to `--host`.
    let bound: String

    /// Whether a request whose `Host` is `authority` (`localhost:4000`, `[::1]`) is answered.
    func allows(_ authority: String) -> Bool {
        guard let host = AllowedHosts.host(of: authority) else { return false }
        let name = host.lowercased()
        return name == "localhost" || name == bound.lowercased() || AllowedHosts.isIPAddress(host)
    }

    /// The host part of `name`, `name:port`, `[v6]` or `[v6]:port`; nil when malformed.
    static func host(of authority: String) -> String? {
        var host = authority[...]
        var port: Substring = ""
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            port = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            guard isIPAddress(String(host)) else { return nil }  // brackets hold IPv6 alone
        } else if let colon = host.firstIndex(of: ":") {
            port = host[colon...]
            host = host[..<colon]
        }
        if !port.isEmpty {
            guard port.first == ":", port.count > 1, port.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return nil
            }
        }
        return host.isEmpty ? nil : String(host)
    }

    /// An IPv4 address in dotted decimal, or an IPv6 address (written without brackets).
    static func isIPAddress(_ text: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, text, &buffer) == 1 || inet_pton(AF_INET6, text, &buffer) == 1
    }
}
