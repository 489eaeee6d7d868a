import Foundation
import HTTPKit
import Kernel
import Templating
import Web

/// `/allocation/tag-policy`: the tags every cost must carry; admins change them, one key a line.
struct TagPolicyView: Page {
    static let template = "allocation/tag-policy.edit"
    let title = "Tag policy"
    let address: String? = "/allocation/tag-policy"
    let policy: TagPolicy
    /// What was typed into a form that failed, and why.
    var typed: (text: String, errors: [FieldError])?

    /// The policy as the form writes it: `Key: value, value` a line, `Key` alone for any value.
    static func lines(_ policy: TagPolicy) -> String {
        policy.requiredTags.map { tag in
            tag.allowedValues.map { "\(tag.key): \($0.joined(separator: ", "))" } ?? tag.key
        }.joined(separator: "\n")
    }

    /// The form's text as policy entries; blank lines are skipped. A `user:` before a key is dropped
    /// (keys are matched without it), so the first colon left separates the key from its values.
    static func inputs(_ text: String) -> [AllocationService.RequiredTagInput] {
        let lines = text.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespaceAndNewlines() }
        return lines.filter { !$0.isEmpty }.map { line in
            let rest = line.lowercased().hasPrefix("user:") ? String(line.dropFirst(5)) : line
            guard let colon = rest.firstIndex(of: ":") else { return AllocationService.RequiredTagInput(key: rest, allowedValues: nil) }
            let values = rest[rest.index(after: colon)...].split(separator: ",").map(String.init)
            return AllocationService.RequiredTagInput(key: String(rest[..<colon]), allowedValues: values)
        }
    }

    var templateValue: TemplateValue {
        [
            "tags": .list(policy.requiredTags.map { tag in
                ["key": .string(tag.key), "values": .string(tag.allowedValues?.joined(separator: ", ") ?? "any value")]
            }),
            "hasTags": .bool(!policy.requiredTags.isEmpty),
            "text": .string(typed?.text ?? TagPolicyView.lines(policy)),
            "errors": .list((typed?.errors ?? []).map { .string("\(TagPolicyView.line(of: $0.field)) \($0.message)") }),
        ]
    }

    /// `requiredTags[2].key` → `Line 3: the key`, for people who typed lines, not JSON.
    static func line(of field: String) -> String {
        guard let open = field.firstIndex(of: "["), let close = field.firstIndex(of: "]"),
              let index = Int(field[field.index(after: open)..<close]) else { return "The policy" }
        let rest = field[field.index(after: close)...]
        return "Line \(index + 1): " + (rest.hasPrefix(".key") ? "the key" : "a value")
    }
}

struct TagPolicyPage {
    func add(to routes: Routes) {
        routes.pages.get("/allocation/tag-policy") { request, page in
            let view = TagPolicyView(policy: try AllocationService(db: page.db, now: page.now).policy(for: page.principal))
            return try routes.renderer.render(view, request: request, session: page.session)
        }

        routes.forms.requiring(.admin, to: "change the tag policy").post("/allocation/tag-policy") { request, form in
            let text = form.form["policy"] ?? ""
            let service = AllocationService(db: form.db, now: form.now)
            do {
                _ = try service.setPolicy(TagPolicyView.inputs(text), by: form.principal)
                return PageRenderer.redirect("/allocation", notice: .tagPolicySaved, secure: request.isSecure)
            } catch let error as DomainError where error.code == .invalid {
                var view = TagPolicyView(policy: try service.policy(for: form.principal))
                view.typed = (text, error.fieldErrors)
                return try routes.renderer.render(view, request: request, session: form.session, status: .badRequest)
            }
        }
    }
}
