import Foundation

extension BuildReport {
    /// The line `trellis build` ends with: `Built 1 note into 3 pages and 0 attachments in 0.02 s
    /// (3 written, 0 unchanged, 0 removed); 0 errors, 1 warning. Open public/index.html`.
    public var summary: String {
        let reused =
            reparsed < notes || rerendered < pages
            ? " (\(reparsed) parsed again, \(rerendered) rendered again)" : ""
        let index = TerminalText.escaped(output.appendingPathComponent("index.html").path)
        return "Built \(Wording.counted(notes, "note")) into \(Wording.counted(pages, "page"))\(reused) and "
            + "\(Wording.counted(attachments, "attachment")) in " + String(format: "%.2f s", seconds)
            + " (\(written.created + written.updated) written, \(written.unchanged) unchanged, \(written.removed) removed); "
            + "\(Wording.counted(diagnostics.count(of: .error), "error")), "
            + "\(Wording.counted(diagnostics.count(of: .warning), "warning")). Open \(index)"
    }
}
