import ArgumentParser
import BudgetdApp
import FastCGI
import Foundation
import Logging
import MariaDB
import Templating

/// `budgetd serve`: the FastCGI worker.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve FastCGI requests from nginx until SIGTERM.",
        discussion: """
            Without --socket or --listen (or BUDGETD_SOCKET / BUDGETD_LISTEN) it accepts on the socket inherited as fd 0, \
            as spawn-fcgi and systemd socket activation hand it over.
            """
    )

    @Option(help: "Unix socket path to listen on.")
    var socket: String?

    @Option(help: "TCP address to listen on, HOST:PORT.")
    var listen: String?

    @Option(help: "Worker threads, each with its own database connection.")
    var threads: Int?

    func run() throws {
        let configuration = try Startup.configuration()
        LogOutput.shared.startBuffering()
        let logger = Logger(label: "budgetd")
        let templates = Startup.templates(configuration)
        let settings: AppSettings
        do {
            settings = try configuration.app
        } catch {
            Startup.fail("\(error)", code: 2)
        }
        let listener: Listener
        if let path = socket ?? configuration.socketPath {
            listener = .unixSocket(path: path, mode: configuration.socketMode)
        } else if let address = listen ?? configuration.listenAddress {
            listener = .tcp(address: address)
        } else {
            listener = .inherited
        }
        let app = BudgetdApplication(settings: settings, templates: templates, logger: logger)
        Connection.initializeLibrary()
        logger.info("starting", metadata: ["database": "\(settings.database)", "templates": "\(templates.names.count)"])
        let server = FastCGIServer(
            listener: listener,
            threads: threads ?? configuration.threads,
            application: app.web,
            logger: logger,
            threadExit: { Connection.threadEnd() })
        let loops = app.backgroundLoops(
            evaluationInterval: configuration.evaluationInterval > 0 ? .seconds(configuration.evaluationInterval) : nil,
            deliveryInterval: .seconds(configuration.deliveryInterval),
            reportInterval: configuration.reportInterval > 0 ? .seconds(configuration.reportInterval) : nil, logger: logger)
        let background: [@Sendable (StopFlag) -> Void] = loops.map { loop in { stop in loop { stop.isSet } } }
        do {
            try server.run(background: background)
        } catch {
            Startup.fail("\(error)")
        }
    }
}
