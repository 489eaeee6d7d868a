public import Kernel
public import JSON

/// Organizations, users, connections and services as the API writes them.
public enum TenancyJSON {
    public static func principal(_ p: Principal) -> JSONValue {
        [
            "id": .string(p.userId.lowercasedString),
            "email": .string(p.email),
            "organizationId": p.organizationId.map { .string($0.lowercasedString) } ?? .null,
            "role": .string(p.role.rawValue),
            "isPlatformAdmin": .bool(p.isPlatformAdmin),
            "timeZone": p.timeZone.map(JSONValue.string) ?? .null,
        ]
    }

    public static func user(_ u: User) -> JSONValue {
        [
            "id": .string(u.id.lowercasedString),
            "organizationId": u.organizationId.map { .string($0.lowercasedString) } ?? .null,
            "email": .string(u.email),
            "role": .string(u.role.rawValue),
            "isPlatformAdmin": .bool(u.isPlatformAdmin),
            "status": .string(u.status.rawValue),
            "createdAt": .string(UTCTimestamp.iso8601(u.createdAt)),
            "deactivatedAt": u.deactivatedAt.map { .string(UTCTimestamp.iso8601($0)) } ?? .null,
        ]
    }

    public static func organization(_ o: Organization) -> JSONValue {
        ["id": .string(o.id.lowercasedString), "name": .string(o.name), "createdAt": .string(UTCTimestamp.iso8601(o.createdAt))]
    }

    public static func connection(_ c: CSPConnection) -> JSONValue {
        [
            "id": .string(c.id.lowercasedString),
            "organizationId": .string(c.organizationId.lowercasedString),
            "name": .string(c.name),
            "provider": .string(c.provider.rawValue),
            "currency": .string(c.currency),
            "createdAt": .string(UTCTimestamp.iso8601(c.createdAt)),
        ]
    }

    public static func service(_ s: CSPService) -> JSONValue {
        [
            "id": .string(s.id.lowercasedString),
            "cspConnectionId": .string(s.cspConnectionId.lowercasedString),
            "serviceName": .string(s.serviceName),
            "serviceCategory": s.serviceCategory.map(JSONValue.string) ?? .null,
        ]
    }
}
