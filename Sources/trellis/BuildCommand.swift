import ArgumentParser
import Foundation
import TrellisCore

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the vault into a static site.",
        discussion: """
            Reads every note of VAULT (default ./Notes), resolves its links and writes the site to
            --output (default ./public). Problems are printed as path:line:column diagnostics; the
            site is written even when some notes have errors, and the exit code is then 1. A file
            in the output folder that trellis did not write (a hand-made index.html) is not
            replaced: the build stops with exit code 2 and lists such files, unless --force.
            """
    )

    @OptionGroup var vaultOptions: VaultOptions

    @Option(name: .shortAndLong, help: "The folder to write the site to (default: ./public).", completion: .directory)
    var output: String?

    @Option(help: "A theme folder whose files override the default theme (default: ./Theme).", completion: .directory)
    var theme: String?

    @Flag(help: "Replace files in the output folder that trellis did not write (see above).")
    var force = false

    @Flag(help: "Print how long each stage took.")
    var timings = false

    @Flag(help: "Build everything afresh, and delete and keep no build cache.")
    var noCache = false

    @Option(
        help:
            "The folder to keep the build cache in (default: cache_dir in trellis.toml, else a folder of ~/.cache/trellis for this vault and output).",
        completion: .directory)
    var cacheDir: String?

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print every diagnostic, notes included, and each stage's time.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    func run() throws {
        var options = vaultOptions.runOptions(output: output, theme: theme, force: force)
        options.cacheKey = noCache ? nil : TrellisVersion.cacheKey
        options.cacheFolder = cacheDir.map { URL(fileURLWithPath: $0, isDirectory: true) }
        let bar = ProgressBar(enabled: !quiet)
        options.progress = { stage, done, total in bar.update(stage, done, total) }
        let report: BuildReport
        do {
            let builder = SiteBuilder(options: options)
            report = try builder.build()
            ProcessLifetime.keep(builder)
        } catch {
            bar.finish()
            throw Terminal.fail(error)
        }
        bar.finish()
        let colour = Terminal.errorIsTTY && Terminal.colourAllowed
        // One write for them all: a vault with a thousand broken links is a thousand lines.
        let isShown = { (severity: Diagnostic.Severity) in
            severity == .error || (!quiet && severity == .warning) || verbose
        }
        // Not copied when all are shown (thousands of broken links are thousands of errors).
        let all = report.diagnostics
        let shown = all.allSatisfy { isShown($0.severity) } ? all : all.filter { isShown($0.severity) }
        if !shown.isEmpty {
            Terminal.error(DiagnosticFormatter.text(shown, colour: colour, jobs: options.jobs))
        }
        if timings || verbose {
            report.timings.print()
        }
        // From the build cache, it says how little was done again.
        if !quiet { print(report.summary) }
        if report.diagnostics.count(of: .error) > 0 { throw ExitCode(1) }
    }
}

/// Where the default theme is: beside an installed binary, or the repository's `Theme/`.
enum DefaultTheme {
    static func locate(excluding: URL? = nil) -> URL? {
        // `Bundle.main.executableURL` is the real binary even when the shell found it on PATH,
        // where `arguments[0]` is only `trellis`.
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
            .resolvingSymlinksInPath()
        var candidates: [URL] = []
        if let fromEnvironment = ProcessInfo.processInfo.environment["TRELLIS_THEME"] {
            candidates.append(URL(fileURLWithPath: fromEnvironment))
        }
        let bin = executable.deletingLastPathComponent()
        candidates.append(bin.appendingPathComponent("../share/trellis/Theme"))
        candidates.append(URL(fileURLWithPath: "Theme"))
        // A development build: .build/<triple>/<config>/trellis, four folders below the repository.
        candidates.append(bin.appendingPathComponent("../../../Theme"))
        candidates.append(bin.appendingPathComponent("../../../../Theme"))
        return candidates.map(\.standardizedFileURL).first { url in
            url != excluding?.standardizedFileURL
                && FileManager.default.fileExists(atPath: url.appendingPathComponent("templates/base.mustache").path)
        }
    }
}
