extension SiteSnapshot {
    /// How `built` differs from this, the expected snapshot: a line for each file missing, extra
    /// or different, naming the file and, for a text file, its first differing line.
    func differences(from built: SiteSnapshot) -> [String] {
        var found: [String] = []
        for path in Set(files.keys).union(built.files.keys).sorted() {
            let place = "\(SiteSnapshot.siteFolder)/\(path)"
            switch (files[path], built.files[path]) {
            case (_?, nil): found.append("\(place): expected, but the build did not write it")
            case (nil, _?): found.append("\(place): the build wrote it, but it is not expected")
            case (let expected?, let actual?) where expected != actual:
                found.append("\(place): \(SiteSnapshot.firstDifference(expected, actual))")
            default: break
            }
        }
        let list = SiteSnapshot.themeAssetsFile
        for path in Set(themeAssets).subtracting(built.themeAssets).sorted() {
            found.append("\(list) lists \(path), but the build did not copy it unchanged from Theme/assets/")
        }
        for path in Set(built.themeAssets).subtracting(themeAssets).sorted() {
            found.append("the build copied \(path) from Theme/assets/, but \(list) does not list it")
        }
        if diagnostics != built.diagnostics {
            found.append(
                "\(SiteSnapshot.diagnosticsFile): "
                    + SiteSnapshot.firstDifference(Array(diagnostics.utf8), Array(built.diagnostics.utf8)))
        }
        return found
    }

    /// Where two different files first differ: the line and column, with both lines around that
    /// column (pages have long lines); for a file that is not UTF-8, the byte.
    static func firstDifference(_ expected: [UInt8], _ actual: [UInt8]) -> String {
        guard String(validating: expected, as: UTF8.self) != nil, String(validating: actual, as: UTF8.self) != nil
        else {
            let offset = mismatch(expected, actual, ==)
            return "differs from byte \(offset) (not UTF-8; \(expected.count) bytes expected, \(actual.count) built)"
        }
        // Lines split on the byte, not on Swift's `Character` (which holds "\r\n" as one).
        let expectedLines = expected.split(separator: 0x0A, omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: 0x0A, omittingEmptySubsequences: false)
        let line = mismatch(expectedLines, actualLines, ==)
        let scalars = { (lines: [ArraySlice<UInt8>]) in
            line < lines.count ? Array(String(decoding: lines[line], as: UTF8.self).unicodeScalars) : nil
        }
        let old = scalars(expectedLines)
        let new = scalars(actualLines)
        let column = mismatch(old ?? [], new ?? [], ==)
        return
            "differs at line \(line + 1), column \(column + 1)\n    expected: \(excerpt(old, at: column))\n    built:    \(excerpt(new, at: column))"
    }

    /// The first index where `a` and `b` differ, or where the shorter one ends.
    private static func mismatch<Element>(_ a: [Element], _ b: [Element], _ same: (Element, Element) -> Bool) -> Int {
        zip(a, b).enumerated().first { !same($0.element.0, $0.element.1) }?.offset ?? min(a.count, b.count)
    }

    /// Some of `line` around `column`, with an ellipsis where it is cut.
    private static func excerpt(_ line: [Unicode.Scalar]?, at column: Int) -> String {
        guard let line else { return "(the file has no such line)" }
        let start = max(0, column - 40)
        let end = min(line.count, column + 60)
        guard start <= end else { return "(the line ends before this column)" }
        var text = String(String.UnicodeScalarView(line[start..<end]))
        if start > 0 { text = "…" + text }
        if end < line.count { text += "…" }
        return text
    }
}
