import Testing

@testable import TrellisCore

/// The markers that carry references from the parse stage to the render stage.
@Suite("reference markers")
struct ReferenceMarkerTests {
    @Test(
        "each marker reads back as itself",
        arguments: [ReferenceMarker.reference(0), .reference(12), .closing(3), .tag(0), .tag(41)])
    func roundTrip(_ marker: ReferenceMarker) {
        let text = marker.text
        #expect(text.first == ReferenceMarker.start && text.last == ReferenceMarker.end)
        #expect(ReferenceMarker(body: text.dropFirst().dropLast()) == marker)
    }

    @Test("bodies that are not markers", arguments: ["", "/", "#", "x", "1x", "-1", "/#1", " 1", "１"])
    func notMarkers(_ body: String) {
        #expect(ReferenceMarker(body: body[...]) == nil)
    }

    @Test("a footnote's markers are renumbered after the note's own")
    func shift() {
        let html = "a" + ReferenceMarker.open(0) + "<a>" + ReferenceMarker.close(0) + "b" + TagMarker.marker(1) + "c"
        let shifted = ReferenceMarker.shift(html, references: 5, tags: 2)
        #expect(
            shifted == "a" + ReferenceMarker.open(5) + "<a>" + ReferenceMarker.close(5) + "b" + TagMarker.marker(3)
                + "c")
        #expect(ReferenceMarker.shift(html, references: 0, tags: 0) == html)
    }

    @Test("note text cannot forge a marker")
    func noForgery() {
        let note = parse("Text \u{1}0\u{2} and \u{1}#0\u{2} [[Real]] #tag\n")
        let html = note.markdown.html
        #expect(html.filter { $0 == ReferenceMarker.start }.count == 2)  // the link's and the tag's
        #expect(note.markdown.references.count == 1)
    }

    @Test("the parse stage writes one marker per reference, in order, and a pair around Markdown links")
    func parseWritesMarkers() {
        let note = parse("[[A]] then [b](B.md) then ![[C]] #t\n")
        let html = note.markdown.html
        for marker in [ReferenceMarker.reference(0), .reference(1), .closing(1), .reference(2), .tag(0)] {
            #expect(html.contains(marker.text), "\(marker) is missing")
        }
        #expect(
            html.range(of: ReferenceMarker.open(0))!.lowerBound < html.range(of: ReferenceMarker.open(1))!.lowerBound)
    }
}
