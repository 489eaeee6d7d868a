/// The settings the web layer needs; built by the executable from its environment.
public struct WebConfiguration: Sendable {
    /// Largest body read into memory for ordinary routes, in bytes. Default 1 MiB.
    public var bodyLimit: Int
    /// Largest cost file accepted by the import endpoint, in bytes. Default 2 GiB.
    public var importBodyLimit: Int

    public init(bodyLimit: Int = 1 << 20, importBodyLimit: Int = 2 << 30) {
        self.bodyLimit = bodyLimit
        self.importBodyLimit = importBodyLimit
    }
}
