import Foundation
import PackagePlugin

/// Builds the default theme (the package's Templates/ folder) into GongkaiCore as Swift source,
/// so that a `gongkai` binary copied alone to another machine still has its theme.
@main
struct EmbedTheme: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let templates = context.package.directoryURL.appending(path: "Templates")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTheme.swift")
        var inputs: [URL] = []
        if let e = FileManager.default.enumerator(at: templates, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in e where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                inputs.append(url)
            }
        }
        return [.buildCommand(displayName: "Embedding the default theme from Templates",
                              executable: try context.tool(named: "embed-theme").url,
                              arguments: [templates.path, output.path],
                              inputFiles: inputs, outputFiles: [output])]
    }
}
