import Foundation
import Testing

@testable import TrellisCore

/// KaTeX and Mermaid in the built site: copied only into a site that has math or diagrams,
/// loaded only by the pages that show them, and a warning when KaTeX is not there.
@Suite("Math and diagram scripts in the site")
struct PageScriptsTests {
    private let files = FileManager.default

    /// A stand-in for libjs-katex's folder: the files the site needs, with `fonts` as a link, as
    /// Debian installs it.
    private func fakeKaTeX() throws -> (KaTeX, URL) {
        let root = files.temporaryDirectory.appendingPathComponent("trellis-katex-\(UUID().uuidString)")
        let fonts = root.appendingPathComponent("truetype")
        let folder = root.appendingPathComponent("katex")
        try files.createDirectory(at: fonts, withIntermediateDirectories: true)
        try files.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["KaTeX_Main-Regular.woff2", "KaTeX_Main-Regular.woff", "KaTeX_Main-Regular.ttf"] {
            try Data("font".utf8).write(to: fonts.appendingPathComponent(name))
        }
        try files.createSymbolicLink(
            atPath: folder.appendingPathComponent("fonts").path, withDestinationPath: "../truetype")
        try Data("window.katex = {};".utf8).write(to: folder.appendingPathComponent("katex.js"))
        try files.createSymbolicLink(
            atPath: folder.appendingPathComponent("katex.min.js").path, withDestinationPath: "katex.js")
        try Data(".katex{}".utf8).write(to: folder.appendingPathComponent("katex.min.css"))
        return (try #require(KaTeX(folder: folder)), root)
    }

    private func options(_ vault: TemporaryVault, katex: KaTeX?, theme: URL? = nil) -> RunOptions {
        var options = RunOptions(vault: vault.root, output: vault.output, theme: theme, defaultTheme: Repository.theme)
        options.katex = katex
        return options
    }

    private func exists(_ vault: TemporaryVault, _ path: String) -> Bool {
        files.fileExists(atPath: vault.output.appendingPathComponent(path).path)
    }

    private static let loadsKaTeX = "_trellis/katex/katex.min.js\"></script>"
    private static let loadsMermaid = "_trellis/mermaid.min.js\"></script>"

    @Test("KaTeX is copied into a site with math, and only the pages with math (or embedding it) load it")
    func katexCopied() throws {
        let (katex, folder) = try fakeKaTeX()
        defer { try? files.removeItem(at: folder) }
        let vault = try TemporaryVault([
            "Math.md": "# Math\n\nEuler: $e^{i\\pi} + 1 = 0$\n",
            "Embeds.md": "# Embeds\n\n![[Math]]\n",
            "Deeper.md": "# Deeper\n\n![[Embeds]]\n",
            "Plain.md": "# Plain\n\nNo formulas, $5 and $10.\n",
        ])
        defer { vault.remove() }
        let report = try Pipeline.build(options(vault, katex: katex))
        #expect(report.diagnostics.filter { $0.code == .math }.isEmpty)
        for name in ["katex.min.js", "katex.min.css", "fonts/KaTeX_Main-Regular.woff2"] {
            #expect(exists(vault, "_trellis/katex/" + name), "\(name)")
        }
        #expect(!exists(vault, "_trellis/katex/fonts/KaTeX_Main-Regular.ttf"))
        #expect(try vault.page("_trellis/katex/katex.min.js") == "window.katex = {};")
        for page in ["math.html", "embeds.html", "deeper.html"] {
            let html = try vault.page(page)
            #expect(html.contains("<link rel=\"stylesheet\" href=\"./_trellis/katex/katex.min.css\">"), "\(page)")
            #expect(html.contains(Self.loadsKaTeX) && html.contains("_trellis/math.js\"></script>"), "\(page)")
        }
        let plain = try vault.page("plain.html")
        #expect(!plain.contains("katex") && !plain.contains("math.js"))
        #expect(!(try vault.page("index.html")).contains("katex"))
    }

    @Test("a site without math gets no KaTeX files, and no warning when KaTeX is missing")
    func noMath() throws {
        let (katex, folder) = try fakeKaTeX()
        defer { try? files.removeItem(at: folder) }
        let vault = try TemporaryVault(["A.md": "# A\n\nText.\n"])
        defer { vault.remove() }
        _ = try Pipeline.build(options(vault, katex: katex))
        #expect(!exists(vault, "_trellis/katex"))
        #expect(exists(vault, "_trellis/math.js"))  // a theme asset, loaded by no page here
        let report = try Pipeline.build(options(vault, katex: nil))
        #expect(report.diagnostics.isEmpty)
    }

    @Test(
        "without KaTeX, the build and check say so once, with no file, as a notice (never failing --strict), and math stays source"
    )
    func katexMissing() throws {
        let vault = try TemporaryVault([
            "A.md": "$x$\n", "B.md": "$$\ny\n$$\n", "Draft.md": "---\npublish: false\n---\n$z$\n", "C.md": "none",
        ])
        defer { vault.remove() }
        let report = try Pipeline.build(options(vault, katex: nil))
        let warnings = report.diagnostics.filter { $0.code == .math }
        #expect(warnings.count == 1)
        #expect(warnings.first?.file == nil && warnings.first?.severity == .info)
        #expect(warnings.first?.message.hasPrefix("2 notes have math, but KaTeX is not installed") == true)
        var timings = StageTimings()
        let checked = try Pipeline.resolve(options(vault, katex: nil), render: false, timings: &timings)
        #expect(checked.diagnostics == report.diagnostics)
        #expect(!exists(vault, "_trellis/katex"))
        let page = try vault.page("a.html")
        #expect(page.contains("<span class=\"math math-inline\">\\(x\\)</span>") && !page.contains("katex"))
    }

    @Test("[check] math = \"off\" silences the warning as any other")
    func katexWarningOff() throws {
        let vault = try TemporaryVault(["A.md": "$x$\n", Config.fileName: "[check]\nmath = \"off\"\n"])
        defer { vault.remove() }
        #expect(try Pipeline.build(options(vault, katex: nil)).diagnostics.isEmpty)
    }

    @Test("serve: math added to a site without any copies KaTeX, math removed takes it away, and the warning follows")
    func incremental() throws {
        let (katex, folder) = try fakeKaTeX()
        defer { try? files.removeItem(at: folder) }
        let vault = try TemporaryVault(["A.md": "# A\n\nText.\n", "B.md": "# B\n"])
        defer { vault.remove() }
        let note = vault.root.appendingPathComponent("A.md")
        let builder = SiteBuilder(options: options(vault, katex: katex))
        _ = try builder.build()
        #expect(!exists(vault, "_trellis/katex/katex.min.js"))
        try Data("# A\n\nText $x$.\n".utf8).write(to: note)
        _ = try builder.build(changed: [note.path])
        #expect(exists(vault, "_trellis/katex/katex.min.js"))
        #expect(try vault.page("a.html").contains(Self.loadsKaTeX))
        try Data("# A\n\nText $y$.\n".utf8).write(to: note)
        let kept = try builder.build(changed: [note.path])
        #expect(kept.written.removed == 0 && exists(vault, "_trellis/katex/katex.min.css"))
        try Data("# A\n\nText.\n".utf8).write(to: note)
        _ = try builder.build(changed: [note.path])
        #expect(!exists(vault, "_trellis/katex/katex.min.js"))
        #expect(!(try vault.page("a.html")).contains("katex"))

        let missing = SiteBuilder(options: options(vault, katex: nil))
        #expect(try missing.build().diagnostics.isEmpty)
        try Data("# A\n\n$x$\n".utf8).write(to: note)
        #expect(try missing.build(changed: [note.path]).diagnostics.filter { $0.code == .math }.count == 1)
        try Data("# A\n".utf8).write(to: note)
        #expect(try missing.build(changed: [note.path]).diagnostics.isEmpty)
    }

    /// A theme folder with only `assets/mermaid.min.js`, over the default theme.
    private func mermaidTheme(_ vault: TemporaryVault) throws -> URL {
        let theme = vault.root.appendingPathExtension("theme")
        try files.createDirectory(at: theme.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try Data("window.mermaid = {};".utf8).write(to: theme.appendingPathComponent("assets/mermaid.min.js"))
        return theme
    }

    @Test("a theme's mermaid.min.js is copied into a site with diagrams, and loaded by their pages only")
    func mermaidFromTheme() throws {
        let vault = try TemporaryVault(["D.md": "# D\n\n```mermaid\ngraph TD\n  A --> B\n```\n", "E.md": "# E\n"])
        defer { vault.remove() }
        let theme = try mermaidTheme(vault)
        defer { try? files.removeItem(at: theme) }
        _ = try Pipeline.build(options(vault, katex: nil, theme: theme))
        #expect(try vault.page("_trellis/mermaid.min.js") == "window.mermaid = {};")
        let page = try vault.page("d.html")
        #expect(page.contains(Self.loadsMermaid) && page.contains("_trellis/diagrams.js\"></script>"))
        #expect(page.contains("<figure class=\"diagram\" data-diagram=\"mermaid\">"))
        #expect(!(try vault.page("e.html")).contains("mermaid"))

        try Data("# D\n".utf8).write(to: vault.root.appendingPathComponent("D.md"))
        _ = try Pipeline.build(options(vault, katex: nil, theme: theme))
        #expect(!exists(vault, "_trellis/mermaid.min.js"))
    }

    @Test("without a Mermaid script, a diagram stays code with its note, and no page loads one")
    func mermaidMissing() throws {
        let vault = try TemporaryVault(["D.md": "```mermaid\ngraph TD\n```\n"])
        defer { vault.remove() }
        _ = try Pipeline.build(options(vault, katex: nil))
        let page = try vault.page("d.html")
        #expect(!page.contains("mermaid.min.js") && !page.contains("diagrams.js"))
        #expect(page.contains("<code class=\"language-mermaid\">graph TD\n</code>"))
        #expect(page.contains("Mermaid diagram, shown as its source"))
        #expect(!exists(vault, "_trellis/mermaid.min.js"))
    }

    @Test("trellis.toml's mermaid names a script in the vault, which wins over the theme's")
    func mermaidFromConfig() throws {
        let vault = try TemporaryVault([
            "D.md": "```mermaid\ngraph TD\n```\n", "js/mermaid.min.js": "window.mermaid = 'vault';",
            Config.fileName: "mermaid = \"js/mermaid.min.js\"\n",
        ])
        defer { vault.remove() }
        let theme = try mermaidTheme(vault)
        defer { try? files.removeItem(at: theme) }
        _ = try Pipeline.build(options(vault, katex: nil, theme: theme))
        #expect(try vault.page("_trellis/mermaid.min.js") == "window.mermaid = 'vault';")
        #expect(try vault.page("d.html").contains(Self.loadsMermaid))
    }

    @Test("a mermaid path that is not a file in the vault is a config error at its line")
    func mermaidNotAFile() throws {
        for value in ["missing.js", "js"] {
            let vault = try TemporaryVault(["js/x.md": "x", Config.fileName: "title = \"t\"\nmermaid = \"\(value)\"\n"])
            defer { vault.remove() }
            let error = #expect(throws: Config.ConfigError.self) { try Config.load(vault: vault.root) }
            #expect(error?.line == 2)
            #expect(error?.message.contains("must be a file inside the vault") == true)
        }
    }

    @Test("installing KaTeX, or a new Mermaid script, renders every page again")
    func scriptsInFingerprint() throws {
        let (katex, folder) = try fakeKaTeX()
        defer { try? files.removeItem(at: folder) }
        let without = try Theme(folders: [Repository.theme])
        let with = try Theme(folders: [Repository.theme], scripts: ContentScripts(katex: katex))
        #expect(without.fingerprint != with.fingerprint)
        #expect(
            with.fingerprint
                == (try Theme(folders: [Repository.theme], scripts: ContentScripts(katex: katex))).fingerprint)
        let vault = try TemporaryVault(["A.md": "$x$\n"])
        defer { vault.remove() }
        var options = options(vault, katex: nil)
        options.cacheKey = "scripts"
        options.cacheFolder = vault.cache
        _ = try SiteBuilder(options: options).build()
        #expect(!(try vault.page("a.html")).contains("katex"))
        options.katex = katex
        let report = try SiteBuilder(options: options).build()
        #expect(report.rerendered == report.pages)
        #expect(try vault.page("a.html").contains(Self.loadsKaTeX))
    }
}
