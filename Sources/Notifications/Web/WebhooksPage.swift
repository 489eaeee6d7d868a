import Foundation
import HTTPKit
import Kernel
import Templating
public import Web

/// `/webhooks` (admins): the organization's webhooks, registering one (its signing secret shown
/// once), its recent deliveries, and removing it.
struct WebhooksPage {
    let module: NotificationsModule
    /// Deliveries a webhook's page shows.
    static let deliveriesShown = 50

    func add(to routes: Routes) {
        let pages = routes.pages.requiring(.admin, to: "manage webhooks")
        let forms = routes.forms.requiring(.admin, to: "manage webhooks")

        pages.get("/webhooks") { request, page in
            let view = WebhooksView(webhooks: try module.webhooks(page.db).list(for: page.principal), eventKinds: module.eventKinds)
            return try routes.renderer.render(view, request: request, session: page.session)
        }

        forms.post("/webhooks") { request, form in
            let url = form.form["url"] ?? ""
            let events = form.form.all("events")
            let service = module.webhooks(form.db)
            do {
                switch try service.register(url: url, events: events.isEmpty ? nil : events, key: form.form["registrationKey"],
                                            by: form.principal, at: form.now) {
                case .created(let webhook, let secret):
                    // The one exception to post/redirect/get: the secret must be shown once and kept nowhere
                    // (not in a URL, which logs and history keep, nor in a cookie that outlives this answer),
                    // so the answer to the POST itself shows it. Posting the same form again (a reload) finds
                    // this webhook by the form's key and redirects to it, without the secret.
                    let view = WebhookCreatedView(webhook: webhook, secret: secret, eventKinds: module.eventKinds,
                                                  maximumAttempts: module.settings.maximumAttempts)
                    var response = try routes.renderer.render(view, request: request, session: form.session, status: .created)
                    response.addHeader("Location", "/webhooks/\(webhook.id.lowercasedString)")
                    return response
                case .repeated(let webhook):
                    return PageRenderer.redirect("/webhooks/\(webhook.id.lowercasedString)", notice: .webhookAlreadyRegistered,
                                                 secure: request.isSecure)
                }
            } catch let error as DomainError where error.code == .invalid {
                var view = WebhooksView(webhooks: try service.list(for: form.principal), eventKinds: module.eventKinds)
                view.typed = (url, events, error.fieldErrors.isEmpty ? [FieldError("url", error.message)] : error.fieldErrors)
                return try routes.renderer.render(view, request: request, session: form.session, status: .badRequest)
            }
        }

        pages.get("/webhooks/:id") { request, page in
            let service = module.webhooks(page.db)
            let id = try request.webhookId()
            let view = WebhookShowView(webhook: try service.webhook(id, for: page.principal),
                                       deliveries: try service.deliveries(of: id, limit: Self.deliveriesShown, for: page.principal),
                                       eventKinds: module.eventKinds, limit: Self.deliveriesShown)
            return try routes.renderer.render(view, request: request, session: page.session)
        }

        forms.post("/webhooks/:id/delete") { request, form in
            try module.webhooks(form.db).delete(try request.webhookId(), by: form.principal)
            return PageRenderer.redirect("/webhooks", notice: .webhookRemoved, secure: request.isSecure)
        }
    }
}

extension Notice {
    static let webhookRemoved = Notice("webhook-removed", "The webhook was removed; deliveries still waiting for it will not be sent.")
    static let webhookAlreadyRegistered = Notice(
        "webhook-already-registered",
        "This form registered the webhook already. Its signing secret was shown once, on that page, and is not shown again.",
        kind: "warning")
}

extension NotificationsModule {
    /// The webhook pages' notices, for the renderer.
    public static let notices: [Notice] = [.webhookRemoved, .webhookAlreadyRegistered]
}
