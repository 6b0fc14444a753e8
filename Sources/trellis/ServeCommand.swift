import ArgumentParser
import Foundation
import TrellisCore
import TrellisServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the vault, serve it locally and rebuild as you write.",
        discussion: """
            Serves the site at http://127.0.0.1:4000/ (loopback only unless --host says otherwise),
            watches the vault and the theme, rebuilds after each change and reloads open pages.
            Ctrl-C stops it. The site is built into a private folder of your cache directory
            (~/.cache/trellis/serve) unless --output is given.
            """
    )

    @OptionGroup var vaultOptions: VaultOptions

    @Option(help: "The port to listen on.")
    var port: Int = 4000

    @Option(help: "The address to listen on; use 0.0.0.0 to let other machines connect.")
    var host: String = "127.0.0.1"

    @Option(name: .shortAndLong, help: "Build into this folder instead of a temporary one.", completion: .directory)
    var output: String?

    @Option(help: "A theme folder whose files override the default theme.", completion: .directory)
    var theme: String?

    @Flag(help: "Replace files in the --output folder that trellis did not write, instead of stopping.")
    var force = false

    @Flag(help: "Open the site in the default browser.")
    var open = false

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
    }

    func run() async throws {
        let options = vaultOptions.runOptions(output: output, theme: theme, force: force)
        let server = PreviewServer(run: options, host: host, port: port) { line in
            Terminal.error(TerminalText.escaped(line))
        }
        let openBrowser = open
        do {
            try await server.serve { address in
                Terminal.error("Serving \(address) (Ctrl-C to stop)")
                if openBrowser { Browser.open(address) }
            }
        } catch {
            throw Terminal.fail(error)
        }
        Terminal.error("Stopped.")
    }
}

enum Browser {
    static func open(_ address: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", address]
        try? process.run()
    }
}
