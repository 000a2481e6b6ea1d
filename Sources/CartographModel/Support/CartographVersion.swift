/// The version `cartograph --version` prints.
package enum CartographVersion {
    package static let current = "0.1.0"
}
