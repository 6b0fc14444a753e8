/// Notes looked up by path: the notes kept once, in their array, with each one's position. A
/// dictionary of notes would hold a second copy of every note's fields.
struct NoteTable: Sendable {
    private(set) var all: [Note]
    private let positions: [VaultPath: Int]

    init(_ notes: [Note]) {
        all = notes
        positions = Dictionary(notes.indices.map { (notes[$0].path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    subscript(path: VaultPath) -> Note? {
        positions[path].map { all[$0] }
    }

    func contains(_ path: VaultPath) -> Bool { positions[path] != nil }

    /// The table of the notes at `paths`, in that order: each one's from `replacements`, else
    /// this table's. When the paths are this table's, in its order, its positions are kept
    /// rather than hashed again.
    func with(paths: [VaultPath], replacing replacements: [VaultPath: Note]) -> NoteTable {
        guard all.count == paths.count, zip(all, paths).allSatisfy({ $0.path == $1 }) else {
            return NoteTable(paths.map { replacements[$0] ?? self[$0]! })
        }
        var table = self
        for note in replacements.values { table.replace(with: note) }
        return table
    }

    /// Puts `note` in place of the note with its path; a note the table does not have is ignored.
    mutating func replace(with note: Note) {
        if let position = positions[note.path] { all[position] = note }
    }

    var count: Int { all.count }
    var isEmpty: Bool { all.isEmpty }
}
