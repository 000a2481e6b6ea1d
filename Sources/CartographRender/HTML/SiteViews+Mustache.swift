package import CartographModel
import Mustache

// Templates look values up by name. Without these conformances swift-mustache reflects
// every value with `Mirror` on every lookup, which dominated the build's time. One case
// per stored property: TemplateCompletenessTests fails when a stored property is missing
// here (it would render empty) or a template names a key no view answers.

extension SiteViews.Layout: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "siteTitle": self.siteTitle
        case "pageTitle": self.pageTitle
        case "root": self.root
        case "nav": self.nav
        case "footer": self.footer
        case "version": self.version
        case "summary": self.summary
        case "crumbs": self.crumbs
        case "hasCrumbs": self.hasCrumbs
        default: nil
        }
    }
}

extension SiteViews.Crumb: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "href": self.href
        default: nil
        }
    }
}

extension SiteViews.TocEntry: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "text": self.text
        case "id": self.id
        default: nil
        }
    }
}

extension SiteViews.Option: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "value": self.value
        case "label": self.label
        default: nil
        }
    }
}

extension SiteViews.NavItem: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "href": self.href
        case "current": self.current
        default: nil
        }
    }
}

extension SiteViews.Card: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "value": self.value
        case "detail": self.detail
        case "tone": self.tone
        default: nil
        }
    }
}

extension SiteViews.Row: MustacheParent {
    package func child(named name: String) -> Any? { name == "cells" ? self.cells : nil }
}

extension SiteViews.Cell: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "text": self.text
        case "href": self.href
        case "code": self.code
        case "tone": self.tone
        default: nil
        }
    }
}

extension SiteViews.Table: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "caption": self.caption
        case "id": self.id
        case "header": self.header
        case "rows": self.rows
        case "isEmpty": self.isEmpty
        default: nil
        }
    }
}

extension SiteViews.Section: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "heading": self.heading
        case "id": self.id
        case "inventory": self.inventory
        case "costs": self.costs
        case "network": self.network
        case "commands": self.commands
        case "monitoring": self.monitoring
        case "questions": self.questions
        default: nil
        }
    }
}

extension SiteViews.Line: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "valueHTML": self.valueHTML
        default: nil
        }
    }
}

extension SiteViews.MapTable: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "header": self.header
        case "rows": self.rows
        default: nil
        }
    }
}

extension SiteViews.MapRow: MustacheParent {
    package func child(named name: String) -> Any? { name == "cellsHTML" ? self.cellsHTML : nil }
}

extension SiteViews.InventoryApp: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "number": self.number
        case "name": self.name
        case "slug": self.slug
        case "fields": self.fields
        case "components": self.components
        case "configuration": self.configuration
        case "featuresHTML": self.featuresHTML
        case "checklist": self.checklist
        case "notesHTML": self.notesHTML
        case "isLast": self.isLast
        case "hasConfiguration": self.hasConfiguration
        case "hasFeatures": self.hasFeatures
        case "hasChecklist": self.hasChecklist
        case "hasNotes": self.hasNotes
        default: nil
        }
    }
}

extension SiteViews.CostsSection: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "table": self.table
        case "pricingNoteHTML": self.pricingNoteHTML
        case "scenarios": self.scenarios
        case "hasScenarios": self.hasScenarios
        default: nil
        }
    }
}

extension SiteViews.ScenarioNote: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "summary": self.summary
        case "linesHTML": self.linesHTML
        default: nil
        }
    }
}

extension SiteViews.NetworkSection: MustacheParent {
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

extension SiteViews.IPGroup: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "app": self.app
        case "slug": self.slug
        case "addresses": self.addresses
        default: nil
        }
    }
}

extension SiteViews.ExternalBlock: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "fields": self.fields
        case "usageHTML": self.usageHTML
        default: nil
        }
    }
}

extension SiteViews.CommandBlock: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "heading": self.heading
        case "id": self.id
        case "code": self.code
        default: nil
        }
    }
}

extension SiteViews.MonitoringSection: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "healthChecks": self.healthChecks
        case "alertsHTML": self.alertsHTML
        case "hasHealthChecks": self.hasHealthChecks
        case "hasAlerts": self.hasAlerts
        default: nil
        }
    }
}

extension SiteViews.QuestionsSection: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "itemsHTML": self.itemsHTML
        case "verifyCode": self.verifyCode
        case "hasItems": self.hasItems
        default: nil
        }
    }
}

extension SiteViews.Field: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "value": self.value
        case "href": self.href
        case "code": self.code
        default: nil
        }
    }
}

extension SiteViews.IndexPage: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "layout": self.layout
        case "title": self.title
        case "facts": self.facts
        case "cards": self.cards
        case "diagramSVG": self.diagramSVG
        case "diagramText": self.diagramText
        case "hasDiagramText": self.hasDiagramText
        case "overviewHeading": self.overviewHeading
        case "overviewID": self.overviewID
        case "sections": self.sections
        case "toc": self.toc
        case "summarised": self.summarised
        case "summaryTables": self.summaryTables
        case "summaryLinks": self.summaryLinks
        default: nil
        }
    }
}

extension SiteViews.AppPage: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "layout": self.layout
        case "name": self.name
        case "statusLabel": self.statusLabel
        case "statusTone": self.statusTone
        case "facts": self.facts
        case "tables": self.tables
        case "lists": self.lists
        case "hasSpec": self.hasSpec
        case "diagramSVG": String(decoding: self.diagramSVG, as: UTF8.self)
        default: nil
        }
    }
}

extension SiteViews.List: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "heading": self.heading
        case "id": self.id
        case "items": self.items
        case "isEmpty": self.isEmpty
        default: nil
        }
    }
}

extension SiteViews.TablePage: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "layout": self.layout
        case "heading": self.heading
        case "intro": self.intro
        case "tables": self.tables
        case "lists": self.lists
        default: nil
        }
    }
}

extension SiteViews.MarkdownPage: MustacheParent {
    package func child(named name: String) -> Any? {
        switch name {
        case "layout": self.layout
        case "heading": self.heading
        case "bodyHTML": self.bodyHTML
        case "toc": self.toc
        case "hasToc": self.hasToc
        default: nil
        }
    }
}

extension SiteViews.AppsPage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "layout": self.layout
        case "heading": self.heading
        case "intro": self.intro
        case "statuses": self.statuses
        case "regions": self.regions
        case "groups": self.groups
        default: nil
        }
    }
}

extension SiteViews.DirectoryGroup: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "title": self.title
        case "count": self.count
        case "subtotal": self.subtotal
        case "subtotalCents": self.subtotalCents
        case "rows": self.rows
        default: nil
        }
    }
}

extension SiteViews.DirectoryRow: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "href": self.href
        case "status": self.status
        case "statusLabel": self.statusLabel
        case "region": self.region
        case "regionLabel": self.regionLabel
        case "componentCount": self.componentCount
        case "components": self.components
        case "cost": self.cost
        case "costCents": self.costCents
        case "runbookHref": self.runbookHref
        case "runbookTitle": self.runbookTitle
        default: nil
        }
    }
}

extension SiteViews.PagesPage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "layout": self.layout
        case "heading": self.heading
        case "groups": self.groups
        case "isEmpty": self.isEmpty
        default: nil
        }
    }
}

extension SiteViews.PageGroup: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "title": self.title
        case "pages": self.pages
        default: nil
        }
    }
}

extension SiteViews.NotFoundPage: MustacheParent {
    package func child(named name: String) -> Any? { name == "layout" ? self.layout : nil }
}

extension SiteViews.Sitemap: MustacheParent {
    package func child(named name: String) -> Any? { name == "urls" ? self.urls : nil }
}
