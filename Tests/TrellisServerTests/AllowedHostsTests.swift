import Testing

@testable import TrellisServer

@Suite("The host names the preview answers to")
struct AllowedHostsTests {
    @Test(
        "localhost, IP addresses and the bound name, with or without a port",
        arguments: [
            ("localhost", true), ("localhost:4000", true), ("LOCALHOST:4000", true), ("127.0.0.1", true),
            ("127.0.0.1:4000", true), ("[::1]", true), ("[::1]:4000", true), ("192.168.1.20:4000", true),
            ("preview.lan:4000", true), ("Preview.LAN", true),
            ("attacker.example", false), ("attacker.example:4000", false), ("localhost.attacker.example", false),
            ("127.0.0.1.nip.io", false), ("", false), (":4000", false), ("localhost:", false), ("localhost:80a", false),
            ("localhost:+80", false), ("::1", false), ("[::1", false), ("[localhost]:4000", false), ("[::1]x", false),
            ("127.1", false),
        ])
    func allows(_ authority: String, _ allowed: Bool) {
        #expect(AllowedHosts(bound: "preview.lan").allows(authority) == allowed)
    }
}
