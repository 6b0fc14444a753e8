import Foundation

/// What scanning a vault folder found: its notes and attachments, nothing read yet.
public struct Vault: Sendable {
    /// The vault folder, resolved (symbolic links followed) and standardised.
    public let root: URL
    /// Every `*.md` file, sorted by path.
    public var notes: [VaultPath]
    /// Every other file, sorted by path.
    public var attachments: [VaultPath]
    /// Problems met while scanning (unreadable folders, links pointing out of the vault).
    public var diagnostics: [Diagnostic]

    public init(root: URL, notes: [VaultPath], attachments: [VaultPath], diagnostics: [Diagnostic] = []) {
        self.root = root
        self.notes = notes
        self.attachments = attachments
        self.diagnostics = diagnostics
    }

    public func url(of path: VaultPath) -> URL {
        root.appendingPathComponent(path.string, isDirectory: false)
    }
}
