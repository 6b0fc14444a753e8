import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import TrellisCore

/// `trellis serve`: build the vault, serve the site on loopback, rebuild when a note or the theme
/// changes, and reload open pages.
public struct PreviewServer: Sendable {
    public var run: RunOptions
    public var host: String
    public var port: Int
    /// Called with each line worth showing the user (build summaries, rebuilds, problems).
    public var log: @Sendable (String) -> Void

    public init(
        run: RunOptions, host: String = "127.0.0.1", port: Int = 4000, log: @escaping @Sendable (String) -> Void
    ) {
        self.run = run
        self.host = host
        self.port = port
        self.log = log
    }

    public struct ServeError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The folder the preview is built into when no `--output` is given: a folder of the user's
    /// cache directory that only the user can read (`CacheLocation.previewFolder`), never inside
    /// the vault. The next `serve` of the vault starts from it.
    public static func scratchFolder(for vault: URL) -> URL {
        CacheLocation.previewFolder(vault: vault)
    }

    /// How long a connection may sit without a whole request coming in — idle between requests,
    /// or halfway through one's headers — before it is closed: a local preview's requests take
    /// milliseconds, and open sockets are not free. A response being sent (the live-reload event
    /// stream never ends) is not idle.
    public static let idleTimeout: Duration = .seconds(10)

    /// The HTTP/1.1 server for `responder`, with the idle timeout.
    static func application(
        _ responder: SiteResponder, host: String, port: Int, idleTimeout: Duration = PreviewServer.idleTimeout,
        services: [any Service] = [], onReady: @escaping @Sendable () -> Void = {}, logger: Logger? = nil
    ) -> Application<SiteResponder> {
        let (seconds, attoseconds) = idleTimeout.components
        return Application(
            responder: responder,
            server: .http1(
                configuration: .init(idleTimeout: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000))),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "trellis"),
            services: services,
            onServerRunning: { _ in onReady() },
            logger: logger)
    }

    /// Runs until SIGINT or SIGTERM, then stops accepting, lets requests finish and returns.
    public func serve(onReady: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        var options = run
        let output = options.output ?? PreviewServer.scratchFolder(for: options.vault)
        if options.output == nil { try CacheLocation.preparePrivateParent(of: output) }
        options.output = output
        let builder = Rebuilder(options: options, log: log)
        try builder.buildFirst()

        let live = LiveReload()
        let responder = SiteResponder(root: output, live: live, host: host)
        let watched = [options.vault] + [options.theme, options.defaultTheme].compactMap { $0 }
        let watcher = FolderWatcher(folders: watched)
        let outputPath = output.standardizedFileURL.resolvingSymlinksInPath().path
        watcher.start { changes in
            let relevant = changes.filter { !$0.hasPrefix(outputPath + "/") && $0 != outputPath }
            guard !relevant.isEmpty else { return }
            switch builder.rebuild(after: relevant) {
            case .success:
                responder.siteChanged()
                live.send(.reload)
                builder.refreshSearchIndex()
                responder.siteChanged()
            case .failure(let problem):
                live.send(.problem(problem.description))
            }
        }

        var logger = Logger(label: "trellis.serve")
        logger.logLevel = .error
        let address = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)/"
        let app = PreviewServer.application(
            responder, host: host, port: port, services: [LiveReloadCloser(live: live)], onReady: { onReady(address) },
            logger: logger)
        // Shutdown waits for requests in flight, and a page's event stream never ends by itself:
        // end the streams as soon as the signal arrives, whatever order the services stop in.
        let signals = [SIGTERM, SIGINT].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { live.close() }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }
        do {
            try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } catch {
            watcher.stop()
            live.close()
            let text = "\(error)"
            if text.contains("in use") || text.contains("EADDRINUSE") || text.contains("errno: 98") {
                throw ServeError(description: "port \(port) on \(host) is already in use; pass another with --port")
            }
            throw ServeError(description: "cannot serve on \(address): \(text)")
        }
        watcher.stop()
        live.close()
    }
}

/// Ends the live-reload streams when shutdown starts, so open pages do not hold it up.
private struct LiveReloadCloser: Service {
    let live: LiveReload

    func run() async throws {
        try? await gracefulShutdown()
        live.close()
    }
}

/// Rebuilds the site, one build at a time, keeping the last good site when a build fails.
final class Rebuilder: @unchecked Sendable {
    private let options: RunOptions
    private let log: @Sendable (String) -> Void
    private let lock = NSLock()
    /// Kept between rebuilds, so a save re-parses and re-renders only what it touches.
    private let builder: SiteBuilder

    init(options: RunOptions, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.log = log
        self.builder = SiteBuilder(options: options)
    }

    func buildFirst() throws {
        let report = try builder.build()
        report.diagnostics.filter { $0.severity != .info }.forEach { log(DiagnosticFormatter.text($0, colour: false)) }
        log(
            "Built \(Wording.counted(report.notes, "note")) into \(Wording.counted(report.pages, "page")) in "
                + String(format: "%.2f s", report.seconds))
    }

    /// Brings the search index up to date after a rebuild that deferred it.
    func refreshSearchIndex() {
        lock.lock()
        defer { lock.unlock() }
        do {
            let seconds = try builder.refreshIndex()
            if seconds > 0 { log("Search index updated in \(Int(seconds * 1000)) ms") }
        } catch {
            log("Search index update failed: \(error)")
        }
    }

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    func rebuild(after changes: Set<String>) -> Result<Void, Problem> {
        lock.lock()
        defer { lock.unlock() }
        let started = Date()
        let vaultPath = options.vault.standardizedFileURL.resolvingSymlinksInPath().path
        let names = changes.sorted().prefix(3).map {
            $0.hasPrefix(vaultPath + "/") ? String($0.dropFirst(vaultPath.count + 1)) : $0
        }
        let what = names.joined(separator: ", ") + (changes.count > 3 ? " and \(changes.count - 3) more" : "")
        do {
            let report = try builder.build(changed: changes, deferIndex: true)
            let milliseconds = Int(Date().timeIntervalSince(started) * 1000)
            let written = report.written.created + report.written.updated
            let touched = Set(
                changes.map { $0.hasPrefix(vaultPath + "/") ? String($0.dropFirst(vaultPath.count + 1)) : $0 })
            report.diagnostics.filter { $0.severity == .error && touched.contains($0.file ?? "") }
                .forEach { log(DiagnosticFormatter.text($0, colour: false)) }
            log(
                "Rebuilt after \(Wording.counted(changes.count, "change")) (\(what)) in \(milliseconds) ms: "
                    + "\(Wording.counted(report.reparsed, "note")) parsed, \(report.rerendered) of \(Wording.counted(report.pages, "page")) rendered, "
                    + "\(Wording.counted(written, "file")) written, \(report.written.removed) removed ("
                    + StageTimings.Stage.allCases.map {
                        "\($0.rawValue) \(Int((report.timings.seconds[$0] ?? 0) * 1000))"
                    }
                    .joined(separator: ", ") + " ms)")
            return .success(())
        } catch {
            log("Rebuild failed after a change to \(what): \(error). Still serving the last good site.")
            return .failure(Problem(description: "\(error)"))
        }
    }
}
