package import CartographModel
import Mustache

// Templates look values up by name. Without these conformances swift-mustache reflects
// every value with `Mirror` on every lookup, which dominated the build's time. One case
// per stored property: TemplateCompletenessTests fails when a stored property is missing
// here (it would render empty) or a template names a key no view answers.

extension MapViewModel: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "updated": self.updated
        case "environment": self.environment
        case "platform": self.platform
        case "diagram": self.diagram
        case "sections": self.sections
        case "footer": self.footer
        default: nil
        }
    }
}

extension MapViewModel.Section: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "heading": self.heading
        case "slug": self.slug
        case "overview": self.overview
        case "inventory": self.inventory
        case "costs": self.costs
        case "network": self.network
        case "commands": self.commands
        case "monitoring": self.monitoring
        case "questions": self.questions
        case "pageMarkdown": self.pageMarkdown
        default: nil
        }
    }
}

extension MapViewModel.Overview: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "diagram": self.diagram
        case "fence": self.fence
        default: nil
        }
    }
}

extension MapViewModel.Field: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "valueMarkdown": self.valueMarkdown
        default: nil
        }
    }
}

extension MapViewModel.Table: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "header": self.header
        case "rows": self.rows
        case "ruleMarkdown": self.ruleMarkdown
        default: nil
        }
    }
}

extension MapViewModel.AppView: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "number": self.number
        case "name": self.name
        case "fields": self.fields
        case "components": self.components
        case "configuration": self.configuration
        case "features": self.features
        case "checklist": self.checklist
        case "notes": self.notes
        case "isLast": self.isLast
        case "hasFeatures": self.hasFeatures
        case "hasChecklist": self.hasChecklist
        case "hasNotes": self.hasNotes
        case "hasConfiguration": self.hasConfiguration
        default: nil
        }
    }
}

extension MapViewModel.CostsView: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "table": self.table
        case "scenarios": self.scenarios
        case "pricingNote": self.pricingNote
        case "hasScenarios": self.hasScenarios
        default: nil
        }
    }
}

extension MapViewModel.ScenarioView: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "summary": self.summary
        case "lines": self.lines
        default: nil
        }
    }
}

extension MapViewModel.NetworkView: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "endpoints": self.endpoints
        case "staticIPs": self.staticIPs
        case "dns": self.dns
        case "externals": self.externals
        case "hasDNS": self.hasDNS
        case "hasExternals": self.hasExternals
        default: nil
        }
    }
}

extension MapViewModel.NetworkView.ExternalView: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "fields": self.fields
        case "usage": self.usage
        default: nil
        }
    }
}

extension MapViewModel.NetworkView.IPGroup: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "app": self.app
        case "ips": self.ips
        default: nil
        }
    }
}

extension MapViewModel.CommandGroup: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "heading": self.heading
        case "code": self.code
        case "fence": self.fence
        default: nil
        }
    }
}

extension MapViewModel.MonitoringView: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "healthChecks": self.healthChecks
        case "alerts": self.alerts
        case "hasHealthChecks": self.hasHealthChecks
        case "hasAlerts": self.hasAlerts
        default: nil
        }
    }
}

extension MapViewModel.QuestionsView: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "items": self.items
        case "verifyCode": self.verifyCode
        case "fence": self.fence
        case "hasItems": self.hasItems
        default: nil
        }
    }
}

extension MapViewModel.Footer: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "mapStatus": self.mapStatus
        case "lastVerified": self.lastVerified
        case "nextReview": self.nextReview
        default: nil
        }
    }
}

extension MapViewModel.Table.Row: MustacheParent {
    package func child(named name: String) -> Any? { name == "cells" ? self.cells : nil }
}
