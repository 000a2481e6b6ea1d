package struct ComponentStatus: Sendable, Hashable {
    package var status: String?
    package var cpu: String?
    package var memory: String?
    package var purpose: String?

    package init(status: String? = nil, cpu: String? = nil, memory: String? = nil, purpose: String? = nil) {
        self.status = status
        self.cpu = cpu
        self.memory = memory
        self.purpose = purpose
    }
}
