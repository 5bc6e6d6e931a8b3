/**
 * A spec repository is a project: one root, found the same way by the CLI and the editor, and
 * one optional configuration file there, `cellspec.json`.
 *
 * Root: the nearest folder at or above the start folder that holds `cellspec.json`; else the
 * nearest that holds `.git` (the repository); else the start folder itself.
 *
 * Configuration (every key optional; an unknown key or a wrong value is an error with its line):
 *   {
 *     "rules": { "se-percolation": "off", "np-below-one": "warning" },   // severity by code: off | info | warning | error
 *     "ignore": ["drafts/**", "archive/*.cellspec"],                    // globs relative to the root
 *     "energyDensityBasis": "electrode-area",                           // default stack basis: footprint | electrode-area
 *     "libraries": ["../materials", "vendor/libraries"],                // folders searched for `import "name"`
 *     "documentNumber": "^CS-[0-9]{4}$"                                 // pattern every document number must match
 *   }
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { LangiumSharedCoreServices } from 'langium';

export const CONFIG_FILE = 'cellspec.json';

export type RuleSeverity = 'off' | 'info' | 'warning' | 'error';

export interface ProjectConfig {
  /** Absolute project root. */
  readonly root: string;
  /** How the root was found. */
  readonly foundBy: 'config' | 'git' | 'start-folder';
  /** The configuration file read, absolute; absent when the project has none. */
  readonly file?: string;
  readonly rules: Readonly<Record<string, RuleSeverity>>;
  readonly ignore: readonly string[];
  readonly energyDensityBasis?: 'footprint' | 'electrode-area';
  /** Absolute folders searched for libraries imported by name. */
  readonly libraries: readonly string[];
  readonly documentNumber?: string;
}

/** A configuration file that cannot be used: where and why. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}

/** The project root for a start folder, and the configuration file there if there is one. */
export function findProjectRoot(start: string): { root: string; foundBy: ProjectConfig['foundBy']; file?: string } {
  const from = resolve(start);
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, CONFIG_FILE);
    if (isFile(file)) return { root: dir, foundBy: 'config', file };
    if (dirname(dir) === dir) break;
  }
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return { root: dir, foundBy: 'git' };
    if (dirname(dir) === dir) break;
  }
  return { root: from, foundBy: 'start-folder' };
}

/** Finds the project of a start folder and reads its configuration; throws ConfigError for a bad file. */
export function loadProjectConfig(start: string): ProjectConfig {
  const found = findProjectRoot(start);
  const empty: ProjectConfig = { ...found, rules: {}, ignore: [], libraries: [] };
  if (!found.file) return empty;
  let text: string;
  try {
    text = readFileSync(found.file, 'utf8');
  } catch (error) {
    throw new ConfigError(found.file, 1, `cannot be read: ${(error as Error).message}`);
  }
  return { ...empty, ...parseConfig(text, found.file, found.root) };
}

const SEVERITIES: readonly RuleSeverity[] = ['off', 'info', 'warning', 'error'];
const KEYS = ['rules', 'ignore', 'energyDensityBasis', 'libraries', 'documentNumber', '$schema'];

/** Parses and checks the text of a configuration file. */
export function parseConfig(
  text: string,
  file: string,
  root: string,
): Pick<ProjectConfig, 'rules' | 'ignore' | 'energyDensityBasis' | 'libraries' | 'documentNumber'> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const line = /line (\d+)/.exec(message)?.[1];
    const at = line ? Number(line) : position ? lineAt(text, Number(position)) : lastLine(text);
    throw new ConfigError(file, at, `not valid JSON: ${message.replace(/ in JSON at position.*$/, '')}`);
  }
  const fail = (key: string, reason: string, after?: string): never => {
    throw new ConfigError(file, keyLine(text, key, after), reason);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new ConfigError(file, 1, 'must be a JSON object of settings');
  const config = json as Record<string, unknown>;
  for (const key of Object.keys(config))
    if (!KEYS.includes(key)) fail(key, `unknown setting "${key}"; the settings are ${KEYS.slice(0, -1).join(', ')}`);

  const rules: Record<string, RuleSeverity> = {};
  if (config.rules !== undefined) {
    if (typeof config.rules !== 'object' || config.rules === null || Array.isArray(config.rules))
      fail('rules', '"rules" must map diagnostic codes to off, info, warning or error');
    for (const [code, value] of Object.entries(config.rules as Record<string, unknown>)) {
      if (typeof value !== 'string' || !SEVERITIES.includes(value as RuleSeverity))
        fail(code, `rule "${code}": ${JSON.stringify(value)} is not one of off, info, warning, error`, 'rules');
      rules[code] = value as RuleSeverity;
    }
  }
  const strings = (key: string): string[] => {
    const value = config[key];
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v !== ''))
      fail(key, `"${key}" must be a list of non-empty strings`);
    return value as string[];
  };
  const ignore = strings('ignore');
  const libraries = strings('libraries').map((p) => resolve(root, p));
  for (const [i, dir] of libraries.entries())
    if (!isDirectory(dir)) fail(strings('libraries')[i]!, `library folder ${dir} does not exist`, 'libraries');
  let energyDensityBasis: ProjectConfig['energyDensityBasis'];
  if (config.energyDensityBasis !== undefined) {
    if (config.energyDensityBasis !== 'footprint' && config.energyDensityBasis !== 'electrode-area')
      fail('energyDensityBasis', '"energyDensityBasis" must be "footprint" or "electrode-area"');
    energyDensityBasis = config.energyDensityBasis as ProjectConfig['energyDensityBasis'];
  }
  let documentNumber: string | undefined;
  if (config.documentNumber !== undefined) {
    if (typeof config.documentNumber !== 'string') fail('documentNumber', '"documentNumber" must be a pattern string');
    try {
      new RegExp(config.documentNumber as string, 'u');
    } catch (error) {
      fail('documentNumber', `"documentNumber" is not a valid pattern: ${(error as Error).message}`);
    }
    documentNumber = config.documentNumber as string;
  }
  return {
    rules,
    ignore,
    libraries,
    ...(energyDensityBasis ? { energyDensityBasis } : {}),
    ...(documentNumber !== undefined ? { documentNumber } : {}),
  };
}

/** Whether a file is ignored by the project's `ignore` globs (paths relative to the root). */
export function isIgnored(config: ProjectConfig, file: string): boolean {
  if (config.ignore.length === 0) return false;
  const rel = relative(config.root, resolve(file)).split(sep).join('/');
  if (rel.startsWith('../')) return false;
  return config.ignore.some((glob) => globToRegExp(glob).test(rel));
}

/**
 * `**` any folders, `*` any characters but `/`, `?` one character; a glob without `/` matches a
 * name in any folder (as in .gitignore). Hand-written: four rules do not warrant a dependency.
 */
export function globToRegExp(glob: string): RegExp {
  let body = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      body += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') body += '[^/]*';
    else if (c === '?') body += '[^/]';
    else body += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const anchored = glob.includes('/') ? `^${body.replace(/^\//, '')}` : `^(?:.*/)?${body}`;
  return new RegExp(`${anchored}(?:/.*)?$`);
}

// ---- the project of a service container (CLI run or language server) ----------------------

const projects = new WeakMap<LangiumSharedCoreServices, ProjectConfig>();

export function setProjectConfig(shared: LangiumSharedCoreServices, config: ProjectConfig): void {
  projects.set(shared, config);
}

export function projectConfigOf(shared: LangiumSharedCoreServices): ProjectConfig | undefined {
  return projects.get(shared);
}

// ---- helpers ------------------------------------------------------------------------------

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function lastLine(text: string): number {
  return lineAt(text, text.length);
}

/** The line of `"key"` in the file (after `"after"` when given), for messages. */
function keyLine(text: string, key: string, after?: string): number {
  const from = after ? Math.max(0, text.indexOf(JSON.stringify(after))) : 0;
  const at = text.indexOf(JSON.stringify(key), from);
  return at < 0 ? 1 : lineAt(text, at);
}
