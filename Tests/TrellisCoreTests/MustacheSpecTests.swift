import Foundation
import Testing

@testable import TrellisCore

/// The official Mustache spec's tests (../shared/specs/mustache) through Trellis's template
/// engine with the dynamic model: every test of every part Trellis supports. Lambdas and dynamic
/// names (optional parts) are not supported. A test that renders otherwise is listed by name
/// with the reason; any other difference fails, and so does an excused test that starts to pass.
@Suite("Mustache spec")
struct MustacheSpecTests {
    static let folder = Repository.shared.appendingPathComponent("specs/mustache")
    static let hasShared = FileManager.default.fileExists(atPath: folder.appendingPathComponent("sections.json").path)

    static let supported = [
        "comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance",
    ]

    /// Tests that render otherwise, by file, with the reason.
    static let excused: [String: [(name: String, reason: String)]] = [
        "~inheritance": [
            "Standalone block", "Block reindentation", "Intrinsic indentation", "Nested block reindentation",
        ].map {
            (
                $0,
                "a block is not re-indented where its parent places it, and `{{$a}}{{/a}}` alone on a line keeps its line break (as with swift-mustache before, which the default theme's pages follow)"
            )
        }
    ]

    struct SpecFile: Decodable {
        var tests: [SpecTest]
    }

    struct SpecTest: Decodable {
        var name: String
        var data: MustacheValue
        var template: String
        var partials: [String: String]?
        var expected: String
    }

    /// The test's template rendered with its data; its partials are templates it can include.
    static func render(_ test: SpecTest) -> (output: String, errors: [TemplateError]) {
        let main = "\u{0}test"
        let compiler = TemplateCompiler(
            sources: (test.partials ?? [:]).merging([main: test.template]) { $1 }, partialsMustExist: false)
        let render = compiler.compile(template: main, for: MustacheStack.self)
        var out = TemplateOutput()
        render(MustacheStack(values: [test.data]), &out)
        return (String(decoding: out.bytes, as: UTF8.self), compiler.errors)
    }

    @Test(
        "every test of each supported part renders as the spec says",
        .enabled(if: hasShared, "../shared/specs/mustache is not beside the repository"), arguments: supported)
    func spec(_ part: String) throws {
        let url = Self.folder.appendingPathComponent(part + ".json")
        let tests = try JSONDecoder().decode(SpecFile.self, from: Data(contentsOf: url)).tests
        var failing: [String] = []
        for test in tests {
            let (output, errors) = Self.render(test)
            guard output != test.expected || !errors.isEmpty else { continue }
            failing.append(test.name)
            if !(Self.excused[part] ?? []).contains(where: { $0.name == test.name }) {
                Issue.record(
                    "\(part) “\(test.name)”: \(output.debugDescription) ≠ \(test.expected.debugDescription) \(errors)")
            }
        }
        print("Mustache spec \(part): \(tests.count - failing.count) of \(tests.count) pass")
        #expect(failing.sorted() == (Self.excused[part] ?? []).map(\.name).sorted())
    }
}
