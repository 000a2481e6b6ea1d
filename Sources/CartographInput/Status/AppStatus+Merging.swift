package import CartographModel

extension AppStatus {
    /// This app's status combined with `other`, a later (or higher-ranked) source about the
    /// same app: `other` wins where it speaks.
    ///
    /// When either side is doctl output the merge is field by field: every field `other`
    /// leaves out keeps this side's value (so a YAML status that sets only `status:` keeps
    /// doctl's URL, region and deployment). Three groups travel as a unit: the health with
    /// its note (`status` + `status_note`), the deployment record (commit, date, build time,
    /// phase and cause describe one deployment), and each component's status. Between two
    /// YAML status files `other` replaces this entry whole, as it always has.
    ///
    /// `Workspace.load` merges the doctl sources first and the YAML sources over them, so a
    /// YAML status outranks doctl whatever their order in `status:`.
    func combined(with other: AppStatus) -> AppStatus {
        if origin == .statusFile, other.origin == .statusFile { return other }
        var out = other
        if other.health == nil {
            out.health = health
            if other.statusNote == nil { out.statusNote = statusNote }
        }
        out.note = other.note ?? note
        out.url = other.url ?? url
        out.region = other.region ?? region
        out.endpointType = other.endpointType ?? endpointType
        out.endpointLabel = other.endpointLabel ?? endpointLabel
        out.stack = other.stack ?? stack
        out.deployment = other.deployment ?? deployment
        out.estimatedMonthlyCost = other.estimatedMonthlyCost ?? estimatedMonthlyCost
        out.specPath = other.specPath ?? specPath
        out.deployScript = other.deployScript ?? deployScript
        out.healthObserved = other.healthObserved ?? healthObserved
        out.domain = other.domain ?? domain
        if other.notes.isEmpty { out.notes = notes }
        if other.staticIPs.isEmpty { out.staticIPs = staticIPs }
        if other.buildpacks.isEmpty { out.buildpacks = buildpacks }
        if other.questions.isEmpty { out.questions = questions }
        if other.checklist.isEmpty { out.checklist = checklist }
        if other.features.isEmpty { out.features = features }
        if other.details.isEmpty { out.details = details }
        out.components = components.merging(other.components) { _, later in later }
        out.componentLocations = componentLocations.merging(other.componentLocations) { _, later in later }
        return out
    }
}
