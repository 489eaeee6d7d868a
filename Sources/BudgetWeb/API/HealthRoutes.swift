import JSON
import MariaDB

/// Liveness and readiness for load balancers and the run script.
enum HealthRoutes {
    static func add(to router: inout Router) {
        /// 200 whenever the process can answer; touches nothing else.
        router.get("/livez") { _, _ in
            Response(status: .ok, headers: [("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "no-store")], body: Array("ok\n".utf8))
        }
        /// 200 when the database answers, 503 otherwise (with the same JSON shape).
        router.get("/healthz") { _, context in
            let healthy = context.database.isHealthy()
            var response = Response.json(
                ["status": .string(healthy ? "ok" : "unavailable"), "database": .string(healthy ? "ok" : "unavailable")],
                status: healthy ? .ok : .serviceUnavailable)
            response.addHeader("Cache-Control", "no-store")
            return response
        }
    }
}
