package struct ImageSource: Sendable, Hashable {
    package enum RegistryType: String, Sendable, Hashable, CaseIterable {
        case unspecified = "UNSPECIFIED", docr = "DOCR", dockerHub = "DOCKER_HUB", ghcr = "GHCR"
    }

    package var registryType: RegistryType?
    package var registry: String?
    package var repository: String?
    package var tag: String?
    package var digest: String?
    package var deployOnPush: Bool?
    package var hasCredentials = false

    /// "registry/repository:tag" or "@digest", as `docker pull` would name it.
    package var reference: String {
        var out = [registry, repository].compactMap { $0 }.joined(separator: "/")
        if let digest { out += "@\(digest)" } else { out += ":\(tag ?? "latest")" }
        return out
    }

    package init(
        registryType: RegistryType? = nil, registry: String? = nil, repository: String? = nil, tag: String? = nil, digest: String? = nil,
        deployOnPush: Bool? = nil
    ) {
        self.registryType = registryType
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
        self.deployOnPush = deployOnPush
    }
}
