/// Compiles one template's source into its node tree.
enum Parser {
    static func compile(_ source: SourceText, names: TreeBuilder.Names) throws(TemplateError) -> [Node] {
        var tokens = try Tokenizer.tokenize(source)
        let structure = try TagStructure(tokens: tokens, source: source)
        let lines = StandaloneLines.apply(to: &tokens, structure: structure, bytes: source.bytes)
        return try TreeBuilder.build(tokens: tokens, lines: lines, source: source, names: names)
    }
}
