/// Marks a `|` between table cells until the table is assembled: a C0 control character, which no
/// note can contain.
let cellBreakMarker = "\u{3}"

/// GFM tables: to cmark a paragraph of `| a | b |` lines; rebuilt as a table after the walk.
extension TreeWalker {
    func tableLayout(_ paragraph: CmarkNode) -> (TableLayout, [Substring])? {
        guard linkDepth == 0, paragraph.endLine > paragraph.startLine else { return nil }
        let lines = rawLines(paragraph).map { stripContainerPrefix($0, paragraph) }
        guard let layout = TableLayout(lines: lines) else { return nil }
        return (layout, lines)
    }

    /// A table inside a list item or quote: its lines without the indentation or `>` before them.
    func stripContainerPrefix(_ line: Substring, _ node: CmarkNode) -> Substring {
        let column = Int(node.startColumn)
        guard column > 1 else { return line }
        let bytes = line.utf8
        let cut = bytes.index(bytes.startIndex, offsetBy: min(column - 1, bytes.count))
        let prefix = line[..<cut]
        return prefix.allSatisfy { $0 == " " || $0 == ">" || $0 == "\t" } ? line[cut...] : line
    }

    mutating func moveTableEditToEnd(_ paragraph: CmarkNode) {
        guard
            let index = edits.lastIndex(where: {
                if case .table(let node, _, _) = $0 { node == paragraph } else { false }
            })
        else { return }
        edits.append(edits.remove(at: index))
    }

    /// Splits the paragraph's inline nodes into rows (at line breaks) and cells (at the `|`
    /// markers), and rebuilds them as a table.
    mutating func buildTable(_ paragraph: CmarkNode, _ layout: TableLayout, lines: [Substring]) {
        var rows: [[[CmarkNode]]] = [[[]]]
        while let node = paragraph.firstChild {
            node.unlink()
            let kind = node.kind
            if kind == .softBreak || kind == .lineBreak {
                node.free()
                rows.append([[]])
            } else if kind == .customInline, String(cString: node.onEnter) == cellBreakMarker {
                node.free()
                rows[rows.count - 1].append([])
            } else {
                rows[rows.count - 1][rows[rows.count - 1].count - 1].append(node)
            }
        }
        let table = CmarkNode.customBlock("<table>", "</table>")
        var body: CmarkNode?
        for (index, var cells) in rows.enumerated() {
            let line = index < lines.count ? lines[index].trimmingWhitespaceSubstring() : ""
            // The delimiter row, and a row that a comment alone makes.
            if index == 1 || (index > 1 && Preprocessor.isOnlyFiller(line)) {
                cells.joined().forEach { $0.free() }
                continue
            }
            if line.hasPrefix("|"), cells.count > 1 { cells.removeFirst().forEach { $0.free() } }
            if line.hasSuffix("|"), !line.hasSuffix("\\|"), cells.count > 1 { cells.removeLast().forEach { $0.free() } }
            let row = CmarkNode.customBlock("<tr>", "</tr>")
            let tag = index == 0 ? "th" : "td"
            for (column, alignment) in layout.alignments.enumerated() {
                let cell = CmarkNode.customBlock("", "")
                cell.append(CmarkNode.customInline("<\(tag)\(alignment.attribute)>"))
                let nodes = column < cells.count ? cells[column] : []
                for node in nodes { cell.append(node) }
                trimCell(nodes)
                cell.append(CmarkNode.customInline("</\(tag)>"))
                row.append(cell)
            }
            for extra in cells.dropFirst(layout.alignments.count) { extra.forEach { $0.free() } }
            if index == 0 {
                let head = CmarkNode.customBlock("<thead>", "</thead>")
                head.append(row)
                table.append(head)
            } else {
                if body == nil {
                    body = CmarkNode.customBlock("<tbody>", "</tbody>")
                    table.append(body!)
                }
                body?.append(row)
            }
        }
        paragraph.insertBefore(table)
        replaceBlockNode(paragraph, with: table)
        paragraph.free()
    }

    /// Trims the white space around a cell's content, and unescapes `\|` in its code spans.
    func trimCell(_ nodes: [CmarkNode]) {
        for node in nodes where node.kind == .code {
            let value = node.literal
            if value.contains("\\|") { node.literal = value.replacingOccurrences(of: "\\|", with: "|") }
        }
        if let first = nodes.first, first.kind == .text {
            first.literal = String(first.literal.drop { $0 == " " || $0 == "\t" })
        }
        if let last = nodes.last, last.kind == .text {
            var value = last.literal
            while let end = value.last, end == " " || end == "\t" { value.removeLast() }
            last.literal = value
        }
    }

}
