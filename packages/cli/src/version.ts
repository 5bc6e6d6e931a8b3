/** The CLI's name and version, read by `--version` before anything else of the CLI is loaded. */
import manifest from '../package.json' with { type: 'json' };

export const CLI_NAME = 'cellspec';
export const CLI_VERSION: string = manifest.version;
