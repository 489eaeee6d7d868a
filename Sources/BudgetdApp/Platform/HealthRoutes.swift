import HTTPKit
import JSON
import MariaDB
import Web

/// Liveness and readiness for load balancers and the run script.
enum HealthRoutes {
    static func add(to routes: Routes) {
        /// 200 whenever the process can answer; touches nothing else.
        routes.bare.get("/livez") { _, _ in
            Response(status: .ok, headers: [("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "no-store")], body: Array("ok\n".utf8))
        }
        /// 200 when the database answers and takes writes; 503 otherwise, with the same JSON shape:
        /// `"database"` says why (`unavailable`, `read-only`, `full`), `"status"` is `unavailable`
        /// when nothing works and `degraded` when reads still do.
        routes.bare.get("/healthz") { _, thread in
            let health = thread.database.health()
            let status = switch health {
            case .ok: "ok"
            case .unavailable: "unavailable"
            case .readOnly, .full: "degraded"
            }
            var response = Response.json(
                ["status": .string(status), "database": .string(health.rawValue)],
                status: health == .ok ? .ok : .serviceUnavailable)
            response.addHeader("Cache-Control", "no-store")
            return response
        }
    }
}
