import CSodium

/// BLAKE2b-256 that can be fed piece by piece (`crypto_generichash`): a cryptographic checksum
/// several times cheaper than SHA-256 here, for files of hundreds of megabytes. The same digest as
/// `b2sum -l 256`.
///
/// A class that owns its state: the state is freed in `deinit` whether or not the digest was ever
/// taken (an import that fails midway), and `finalize` may be called again for the same digest.
public final class BLAKE2b {
    private let state: UnsafeMutableRawPointer
    private var digest: [UInt8]?

    public init() {
        Sodium.ensureInitialized()
        state = UnsafeMutableRawPointer.allocate(byteCount: crypto_generichash_statebytes(), alignment: 64)
        crypto_generichash_init(OpaquePointer(state), nil, 0, 32)
    }

    deinit { state.deallocate() }

    /// Adds bytes; ignored once the digest was taken.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard digest == nil, let base = bytes.baseAddress else { return }
        crypto_generichash_update(OpaquePointer(state), base.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
    }

    public func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// The 32-byte digest of everything added so far; later calls return the same digest.
    public func finalize() -> [UInt8] {
        if let digest { return digest }
        var result = [UInt8](repeating: 0, count: 32)
        crypto_generichash_final(OpaquePointer(state), &result, 32)
        digest = result
        return result
    }
}
