/**
 * The SARIF report against the OASIS SARIF 2.1.0 schema and against what GitHub code scanning
 * needs from an upload: tool.driver with name, informationUri and rules; results with ruleId,
 * level, message.text and a location with a repository-relative uri, a uriBaseId and a region.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkInputs, type CheckReport } from '../src/check/check-command.js';
import { formatSarif } from '../src/check/format-sarif.js';

const ROOT = new URL('../../..', import.meta.url).pathname;
const schema = JSON.parse(readFileSync(new URL('./sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));

function validateAgainstSchema(log: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: {
      driver: { name: string; informationUri: string; rules: { id: string; shortDescription: { text: string } }[] };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: Record<string, number> };
      }[];
    }[];
  }[];
}

describe('SARIF report', () => {
  let report: CheckReport;
  let log: SarifLog;

  beforeAll(async () => {
    // A spec folder with findings, a clean workspace with an import and a file that is not UTF-8.
    const repo = mkdtempSync(join(tmpdir(), 'cellspec-sarif-'));
    cpSync(join(ROOT, 'test/cli/fixtures'), join(repo, 'specs'), { recursive: true });
    writeFileSync(join(repo, 'specs', 'latin1 name.cellspec'), Uint8Array.from([0x2f, 0x2f, 0x20, 0xb0, 0x43, 0x0a]));
    report = await checkInputs([join(repo, 'specs')], repo);
    log = JSON.parse(formatSarif(report));
  });

  it('has findings to report (the fixture has errors and an unreadable file)', () => {
    expect(report.counts.error).toBeGreaterThan(0);
    expect(report.problems).toHaveLength(1);
  });

  it('validates against the SARIF 2.1.0 schema', () => {
    expect(validateAgainstSchema(log)).toEqual([]);
  });

  it('names the log version, the schema and the tool with its rules', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/^https:\/\/.*sarif.*2\.1\.0.*\.json$/);
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0]!.tool.driver;
    expect(driver.name).toBe('cellspec');
    expect(new URL(driver.informationUri).protocol).toBe('https:');
    expect(driver.rules.length).toBeGreaterThan(0);
    for (const rule of driver.rules) {
      expect(rule.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(rule.shortDescription.text.length).toBeGreaterThan(10);
    }
    expect(new Set(driver.rules.map((r) => r.id)).size).toBe(driver.rules.length);
  });

  it('gives every result a known rule, a level, a message and a repository-relative location', () => {
    const run = log.runs[0]!;
    const ruleIds = run.tool.driver.rules.map((r) => r.id);
    expect(run.results).toHaveLength(
      report.counts.error + report.counts.warning + report.counts.info + report.counts.hint + report.problems.length,
    );
    for (const result of run.results) {
      expect(ruleIds[result.ruleIndex]).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.message.text.length).toBeGreaterThan(0);
      const location = result.locations[0]!.physicalLocation;
      expect(location.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(location.artifactLocation.uri).toMatch(/^specs\/[^:]*\.cellspec$/);
      // GitHub code scanning needs a region with a start line on every result (GH1003).
      const region = location.region!;
      expect(region.startLine).toBeGreaterThanOrEqual(1);
      if (result.ruleId === 'unreadable-input') continue;
      expect(region.startColumn).toBeGreaterThanOrEqual(1);
      expect(region.endLine).toBeGreaterThanOrEqual(region.startLine!);
      if (region.endLine === region.startLine) expect(region.endColumn).toBeGreaterThanOrEqual(region.startColumn!);
    }
  });

  it('locates the unresolved reference of the fixture exactly', () => {
    const result = log.runs[0]!.results.find((r) => r.message.text.includes('NoSuchBinder'))!;
    expect(result.level).toBe('error');
    expect(result.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'specs/errors/broken.cellspec', uriBaseId: '%SRCROOT%' },
      region: { startLine: 9, startColumn: 39, endLine: 9, endColumn: 51 },
    });
  });

  it('reports the file that is not UTF-8 with a percent-encoded uri', () => {
    const result = log.runs[0]!.results.find((r) => r.ruleId === 'unreadable-input')!;
    expect(result.message.text).toContain('not valid UTF-8');
    expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toBe('specs/latin1%20name.cellspec');
  });
});
