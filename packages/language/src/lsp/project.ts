/**
 * The editor finds the project as the CLI does (`project.ts`): from its first workspace folder,
 * the nearest `cellspec.json`, else the git root, else the folder. Its configuration (rule
 * severities, library folders, default stack basis) then applies to every diagnostic and design
 * the server computes. A configuration file that cannot be used is shown as an error message and
 * the defaults are used.
 */
import type { LangiumSharedServices } from 'langium/lsp';
import { URI } from 'langium';
import type { Connection, InitializeParams } from 'vscode-languageserver';
import { ConfigError, findProjectRoot, loadProjectConfig, setProjectConfig, type ProjectConfig } from '../project.js';
import { setLibrarySearchPaths } from '../scoping/libraries.js';
import { setWorkspaceRoots } from '../file-references.js';

export function registerProject(connection: Connection, shared: LangiumSharedServices): void {
  shared.lsp.LanguageServer.onInitialize((params: InitializeParams) => {
    const folders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri)).filter((u) => u.scheme === 'file');
    const first = folders[0];
    if (!first) return;
    let project: ProjectConfig;
    try {
      project = loadProjectConfig(first.fsPath);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      void connection.window.showErrorMessage(`cellspec: ${error.message} (defaults are used)`);
      project = { ...findProjectRoot(first.fsPath), rules: {}, ignore: [], libraries: [] };
    }
    setProjectConfig(shared, project);
    setLibrarySearchPaths(project.libraries);
    setWorkspaceRoots(shared, [project.root, ...project.libraries, ...folders.map((f) => f.fsPath)]);
  });
}
