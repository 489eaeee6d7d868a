import ArgumentParser
import Web
import Foundation
import JSON
import Templating

/// `budgetd render`: how template authors check their work.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render DIR/NAME.mustache with a JSON context read from stdin; print exactly the result."
    )

    @Option(help: "Directory of templates; partials are resolved in it.")
    var templates: String

    @Argument(help: "Template name, without .mustache.")
    var name: String

    func run() throws {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let context: TemplateValue
        do {
            context = TemplateValue(json: try JSONParser.parse(Array(input)))
        } catch {
            Startup.fail("stdin is not JSON: \(error)")
        }
        do {
            let library = try TemplateLibrary(directory: templates, missingPartials: .renderEmpty)
            let output = try library.render(name, context)
            FileHandle.standardOutput.write(Data(output.utf8))
        } catch {
            Startup.fail("\(error)")
        }
    }
}
