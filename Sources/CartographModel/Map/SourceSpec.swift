/// Where a component's code or image comes from.
package enum SourceSpec: Sendable, Hashable {
    /// GitHub, GitLab or Bitbucket: `owner/name`, a branch and whether pushes deploy.
    case repository(provider: Provider, repo: String?, branch: String?, deployOnPush: Bool?)
    /// A plain git remote (deploy templates use this form).
    case git(cloneURL: String?, branch: String?)
    case image(ImageSource)

    package enum Provider: String, Sendable, Hashable, CaseIterable {
        case github, gitlab, bitbucket

        package var title: String {
            switch self {
            case .github: "GitHub"
            case .gitlab: "GitLab"
            case .bitbucket: "Bitbucket"
            }
        }
    }

    package var branch: String? {
        switch self {
        case .repository(_, _, let branch, _), .git(_, let branch): branch
        case .image: nil
        }
    }

    package var deployOnPush: Bool? {
        switch self {
        case .repository(_, _, _, let deploy): deploy
        case .git: nil
        case .image(let image): image.deployOnPush
        }
    }

    /// "jgtolentino/insightpulse-odoo", a clone URL, or "registry/repository:tag".
    package var displayName: String {
        switch self {
        case .repository(_, let repo, _, _): repo ?? "(no repo)"
        case .git(let url, _): url ?? "(no URL)"
        case .image(let image): image.reference
        }
    }
}
