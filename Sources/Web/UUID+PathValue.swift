public import Foundation
public import HTTPKit
import Kernel

/// Ids in paths are read exactly as written (`UUID(canonical:)`); a segment that is not one
/// cannot name anything, which each route answers as its resource not being found.
extension UUID: PathValue {
    public init?(pathSegment: String) { self.init(canonical: pathSegment) }
}
