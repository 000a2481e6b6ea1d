/// A command that verifies the map, with a comment saying what it checks.
package struct VerifyCommand: Sendable, Hashable {
    package var comment: String
    package var command: String

    package init(comment: String, command: String) {
        self.comment = comment
        self.command = command
    }
}
