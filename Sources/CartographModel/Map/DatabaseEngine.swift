/// A database engine as the spec names it.
package enum DatabaseEngine: String, Sendable, Hashable, CaseIterable {
    case unset = "UNSET", mysql = "MYSQL", pg = "PG", redis = "REDIS", mongodb = "MONGODB"
    case kafka = "KAFKA", opensearch = "OPENSEARCH", valkey = "VALKEY"

    package var title: String {
        switch self {
        case .unset: "Database"
        case .mysql: "MySQL"
        case .pg: "PostgreSQL"
        case .redis: "Redis"
        case .mongodb: "MongoDB"
        case .kafka: "Kafka"
        case .opensearch: "OpenSearch"
        case .valkey: "Valkey"
        }
    }
}
