import CSodium

/// BLAKE2b-256 that can be fed piece by piece (`crypto_generichash`): a cryptographic checksum
/// several times cheaper than SHA-256 here, for files of hundreds of megabytes. The same digest as
/// `b2sum -l 256`.
public struct BLAKE2b {
    private let state: UnsafeMutableRawPointer

    public init() {
        Sodium.ensureInitialized()
        state = UnsafeMutableRawPointer.allocate(byteCount: crypto_generichash_statebytes(), alignment: 64)
        crypto_generichash_init(OpaquePointer(state), nil, 0, 32)
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        crypto_generichash_update(OpaquePointer(state), base.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
    }

    public mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// The 32-byte digest; frees the state, so the hasher must not be used afterwards.
    public mutating func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        crypto_generichash_final(OpaquePointer(state), &digest, 32)
        state.deallocate()
        return digest
    }
}
