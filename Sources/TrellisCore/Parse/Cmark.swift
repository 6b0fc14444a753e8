import CCmark
import Foundation

/// The only file that calls cmark: a thin, typed view of its tree. A `CmarkNode` is a handle on a
/// node of a tree that `CmarkDocument` owns and frees; a node taken out of the tree for good is
/// freed with `free()`, and a new node belongs to the caller until it is put in the tree. No C
/// pointer or C type leaves this file.
struct CmarkNode: Hashable {
    fileprivate let pointer: OpaquePointer

    fileprivate init(_ pointer: OpaquePointer) { self.pointer = pointer }
    fileprivate init?(_ pointer: OpaquePointer?) {
        guard let pointer else { return nil }
        self.pointer = pointer
    }

    enum Kind: Equatable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph, heading, thematicBreak
        case text, softBreak, lineBreak, code, htmlInline, customInline, emphasis, strong, link, image, other
    }

    var kind: Kind {
        switch cmark_node_get_type(pointer) {
        case CMARK_NODE_DOCUMENT: .document
        case CMARK_NODE_BLOCK_QUOTE: .blockQuote
        case CMARK_NODE_LIST: .list
        case CMARK_NODE_ITEM: .item
        case CMARK_NODE_CODE_BLOCK: .codeBlock
        case CMARK_NODE_HTML_BLOCK: .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: .customBlock
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_HEADING: .heading
        case CMARK_NODE_THEMATIC_BREAK: .thematicBreak
        case CMARK_NODE_TEXT: .text
        case CMARK_NODE_SOFTBREAK: .softBreak
        case CMARK_NODE_LINEBREAK: .lineBreak
        case CMARK_NODE_CODE: .code
        case CMARK_NODE_HTML_INLINE: .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: .customInline
        case CMARK_NODE_EMPH: .emphasis
        case CMARK_NODE_STRONG: .strong
        case CMARK_NODE_LINK: .link
        case CMARK_NODE_IMAGE: .image
        default: .other
        }
    }

    /// A break between lines, soft or hard.
    var isBreak: Bool { kind == .softBreak || kind == .lineBreak }

    // MARK: Contents

    /// The text of a text, code or HTML node (entity-decoded, unescaped).
    var literal: String {
        get { cmark_node_get_literal(pointer).map { String(cString: $0) } ?? "" }
        nonmutating set { cmark_node_set_literal(pointer, newValue) }
    }

    /// The bytes of `literal`, read where cmark keeps them, for text that is only looked at or
    /// copied. They are valid UTF-8: cmark reads a note's text only once `SourceText` has made it
    /// so, and cuts text only at ASCII bytes.
    func withLiteralBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard let text = cmark_node_get_literal(pointer) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return text.withMemoryRebound(to: UInt8.self, capacity: 1) {
            body(UnsafeBufferPointer(start: $0, count: strlen(text)))
        }
    }

    /// A link's or image's destination.
    var url: String {
        get { cmark_node_get_url(pointer).map { String(cString: $0) } ?? "" }
        nonmutating set { cmark_node_set_url(pointer, newValue) }
    }

    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }

    /// Whether a list is numbered.
    var isOrderedList: Bool { cmark_node_get_list_type(pointer) == CMARK_ORDERED_LIST }

    /// A fenced code block's info string (` ```mermaid ` gives `mermaid`).
    var fenceInfo: String { cmark_node_get_fence_info(pointer).map { String(cString: $0) } ?? "" }

    /// What a custom node writes before its children.
    var onEnter: String { cmark_node_get_on_enter(pointer).map { String(cString: $0) } ?? "" }

    // MARK: Source positions (1-based; columns in bytes; 0 where cmark keeps none)

    var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
    var endLine: Int { Int(cmark_node_get_end_line(pointer)) }
    var endColumn: Int { Int(cmark_node_get_end_column(pointer)) }

    // MARK: Neighbours

    var parent: CmarkNode? { CmarkNode(cmark_node_parent(pointer)) }
    var firstChild: CmarkNode? { CmarkNode(cmark_node_first_child(pointer)) }
    var lastChild: CmarkNode? { CmarkNode(cmark_node_last_child(pointer)) }
    var next: CmarkNode? { CmarkNode(cmark_node_next(pointer)) }
    var previous: CmarkNode? { CmarkNode(cmark_node_previous(pointer)) }

    // MARK: New nodes (each belongs to the caller until it is put in a tree)

    static func text(_ literal: String) -> CmarkNode {
        let node = CmarkNode(cmark_node_new(CMARK_NODE_TEXT)!)
        node.literal = literal
        return node
    }

    /// A node that writes `enter` (and `exit`) as raw HTML, inline.
    static func customInline(_ enter: String, exit: String = "") -> CmarkNode {
        let node = CmarkNode(cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!)
        cmark_node_set_on_enter(node.pointer, enter)
        cmark_node_set_on_exit(node.pointer, exit)
        return node
    }

    /// A block that writes `enter` before its children and `exit` after them, as raw HTML.
    static func customBlock(_ enter: String, _ exit: String) -> CmarkNode {
        let node = CmarkNode(cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!)
        cmark_node_set_on_enter(node.pointer, enter)
        cmark_node_set_on_exit(node.pointer, exit)
        return node
    }

    // MARK: Changing the tree

    func insertBefore(_ node: CmarkNode) { cmark_node_insert_before(pointer, node.pointer) }
    func insertAfter(_ node: CmarkNode) { cmark_node_insert_after(pointer, node.pointer) }
    func append(_ child: CmarkNode) { cmark_node_append_child(pointer, child.pointer) }
    func prepend(_ child: CmarkNode) { cmark_node_prepend_child(pointer, child.pointer) }
    func unlink() { cmark_node_unlink(pointer) }
    /// Takes the node (and its children) out of the tree and frees it.
    func free() { cmark_node_free(pointer) }

    /// Moves every child of this node, in order, to the end of `destination`.
    func moveChildren(to destination: CmarkNode) {
        while let child = firstChild { destination.append(child) }
    }

    /// cmark's HTML for this node and its children.
    func html(unsafe: Bool) -> String {
        guard let html = cmark_render_html(pointer, unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT) else { return "" }
        defer { Foundation.free(html) }
        return String(cString: html)
    }
}

/// A parsed Markdown document, which owns its tree and frees it when it goes.
final class CmarkDocument {
    let root: CmarkNode

    /// `unsafe`: keep raw HTML (cmark's unsafe mode) rather than omitting it.
    init?(_ body: [UInt8], unsafe: Bool) {
        let flags = unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        let pointer = body.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parse_document($0, buffer.count, flags)
                }
            } ?? cmark_parse_document("", 0, flags)
        }
        guard let pointer else { return nil }
        root = CmarkNode(pointer)
    }

    deinit { cmark_node_free(root.pointer) }

    /// Every node in document order, each as it is entered (`true`) and, for nodes that can have
    /// children, as it is left (`false`). The tree must not change during the walk.
    func walk(_ visit: (CmarkNode, _ entering: Bool) -> Void) {
        let iterator = cmark_iter_new(root.pointer)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            visit(CmarkNode(node), event == CMARK_EVENT_ENTER)
        }
    }
}
