/// One line of a checklist: a label, whether it is done, and a word about it.
package struct ChecklistItem: Sendable, Hashable {
    package enum State: String, Sendable, Hashable, CaseIterable { case done, pending, failed, unknown }
    package var label: String
    package var state: State
    package var note: String?

    package init(label: String, state: State, note: String? = nil) {
        self.label = label
        self.state = state
        self.note = note
    }
}
