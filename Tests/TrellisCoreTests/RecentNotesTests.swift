import Foundation
import Testing

@testable import TrellisCore

/// "Recently changed" on the home page and in the feed: the newest notes by day (frontmatter
/// `date`, else the file's time), then time, then path.
@Suite("recently changed")
struct RecentNotesTests {
    @Test("the newest notes, kept while the notes go by, are the first of all of them sorted")
    func newestFirst() {
        var random = SystemRandomNumberGenerator()
        var notes: [Note] = []
        for number in 0..<300 {
            // Few distinct days and times, so that ties are decided by the next key.
            let dated = Bool.random(using: &random)
            let text = dated ? "---\ndate: 2026-0\(Int.random(in: 1...3, using: &random))-01\n---\nx" : "x"
            var note = parse(text, path: "N\(number).md")
            note.modified = 1_780_000_000 + Double(Int.random(in: 0...4, using: &random)) * 86_400
            if number % 7 == 0 { note = parse("---\npublish: false\n---\nx", path: "N\(number).md") }
            notes.append(note)
        }
        let sorted = notes.filter(\.isPublished).sorted {
            ($0.changedDay, $0.modified, $1.path) > ($1.changedDay, $1.modified, $0.path)
        }
        for count in [0, 1, 10, 20, 500] {
            #expect(SiteRenderer.recent(notes, count: count).map(\.path) == sorted.prefix(count).map(\.path))
        }
    }

    @Test("a file's day is the one gmtime gives, around month, year and leap-day edges and before 1970")
    func dayOfTime() {
        var times: [Double] = [0, -1, -0.5, 86_399.9, 86_400, 951_782_400, 951_868_800, 4_107_542_399, -2_208_988_800]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            times.append(Double(Int64.random(in: -30_000_000_000...250_000_000_000, using: &random)) / 10)
        }
        for time in times {
            #expect(Note.day(time) == Note.gmtimeDay(time), "at \(time)")
        }
        #expect(Note.day(951_782_400) == "2000-02-29")
    }
}
