import Foundation

@testable import TrellisCore

/// Vaults made from a seed, with the things that have broken a command before: footnotes (also in
/// a note with no other text), links to missing notes, headings and blocks, embeds (some in list
/// items, and a chain three deep), names that collide on the site, tags, aliases, frontmatter (some of it bad), and
/// attachments.
enum RandomVault {
    static func files(seed: UInt64, notes count: Int = 24) -> [String: String] {
        var random = SeededRandom(seed: seed)
        let folders = ["", "Topics/", "Topics/Deep/", "topics/"]
        let names = (0..<count).map { number in
            folders[Int.random(in: 0..<folders.count, using: &random)]
                + ["Note \(number)", "note-\(number)", "Note_\(number)"][Int.random(in: 0..<3, using: &random)]
        }
        var files: [String: String] = [:]
        for (number, name) in names.enumerated() {
            var text = ""
            switch Int.random(in: 0..<6, using: &random) {
            case 0: text += "---\ntitle: Title \(number)\naliases: [Alias \(number)]\ntags: [t\(number % 3)]\n---\n"
            case 1: text += "---\ntitle: [unclosed\n---\n"
            case 2: text += "---\ndate: 2024-0\(1 + number % 9)-1\(number % 9)\npublish: \(number % 4 != 0)\n---\n"
            default: break
            }
            // Notes 1, 2 and 3 open by embedding the one before: an edit of note 0 shows on the
            // pages of all three, two and three embeds deep.
            if (1...3).contains(number) {
                text += "![[\(names[number - 1].split(separator: "/").last!)]]\n\n"
            }
            if Int.random(in: 0..<5, using: &random) == 0 {
                text += "x[^1]\n\n[^1]: a footnote with [[Note \(number)]]\n"
            } else if Int.random(in: 0..<8, using: &random) == 0 {
                text += "[^a]\n\n[^a]: only a footnote\n"
            } else {
                text += "# Heading \(number)\n\nText ^block\(number)\n\n## Part\n\n"
                for _ in 0..<Int.random(in: 0...6, using: &random) {
                    let pick = Int.random(in: 0..<(count + 3), using: &random)
                    // Mostly a note of the vault by its name (so links resolve and the graph is
                    // connected), sometimes one that is not there.
                    let other = pick < count ? String(names[pick].split(separator: "/").last!) : "Missing \(pick)"
                    switch Int.random(in: 0..<10, using: &random) {
                    case 0: text += "[[\(other)#Part]] "
                    case 1: text += "[[\(other)#Missing heading]] "
                    case 2: text += "[[\(other)#^block\(pick)]] "
                    case 3: text += "![[\(other)]] "
                    case 4: text += "[x](\(other.replacingOccurrences(of: " ", with: "%20")).md) "
                    case 5: text += "![[image \(pick % 3).png]] #tag\(pick % 4) "
                    case 6: text += "[[Alias \(pick)|shown]] "
                    case 7: text += "`[[code \(pick)]]` "
                    // An embed in a list item, and a heading inside one: a section may end in a list.
                    case 8: text += "\n\n- ![[\(other)#Part]] listed\n- ## In list \(pick)\n  under\n\n"
                    default: text += "[[\(other)]] "
                    }
                }
                text += "\n"
            }
            files[name + ".md"] = text
        }
        files["image 0.png"] = "png"
        files["media/image 1.png"] = "png"
        return files
    }

    /// The same vault with marks put where Markdown's syntax meets text: at the start of lines,
    /// after `[`, `[[`, `|`, `]]`, a list's `- ` and a backtick, before `![[` and `#`. A combining
    /// mark or a joiner joins the character before it into one `Character`, a prepended mark the
    /// one after it: code that looks for `>` or `<` as a Character (rather than as a byte) misses
    /// it there.
    static func withMarks(seed: UInt64, notes count: Int = 24) -> [String: String] {
        var random = SeededRandom(seed: seed &+ 0x5EED)
        // Marks that join the character before them, and two (Arabic, Malayalam) that join the one after.
        let marks = ["\u{301}", "\u{308}", "\u{200D}", "\u{FE0F}", "\u{600}", "\u{D4E}"]
        func mark() -> String { marks[Int.random(in: 0..<marks.count, using: &random)] }
        return files(seed: seed, notes: count).mapValues { text in
            guard text.utf8.count > 3 else { return text }  // the attachments
            var out = ""
            var inFrontmatter = false
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if number > 0 { out += "\n" }
                if number == 0 && line == "---" || inFrontmatter {
                    inFrontmatter = number == 0 || line != "---"
                    out += line
                    continue
                }
                var marked = String(line)
                if !marked.isEmpty, Bool.random(using: &random) { marked = mark() + marked }
                let places = [
                    (" ![[", " \(mark())![["), ("]] ", "]]\(mark()) "), ("[x]", "[\(mark())x]"), (" #", " \(mark())#"),
                    ("[[", "[[\(mark())"), ("|", "|\(mark())"), ("- ", "- \(mark())"), ("`", "`\(mark())"),
                ]
                for (from, to) in places where Bool.random(using: &random) {
                    marked = marked.replacingOccurrences(of: from, with: to)
                }
                out += marked
            }
            return out
        }
    }
}
