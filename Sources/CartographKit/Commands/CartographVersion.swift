/// The version `cartograph --version` prints.
public enum CartographVersion {
    public static let current = "0.1.0"
}
