#!/usr/bin/env node
// End-to-end tests of the packaged extension in a real VS Code: installs the .vsix into
// code-server, opens the test workspace in headless Chromium through playwright-core and checks
// what a spec author sees. Needs `scripts/e2e-setup.sh` (code-server, Node 24, chromium) and
// `pnpm run package` (the .vsix). Screenshots go to test/e2e/artifacts/.
//
// Prints one line per check and closes with "N passed, N failed"; exits 1 on any failure.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tools = process.env.CELLSPEC_E2E_TOOLS ?? join(homedir(), '.cache', 'cellspec-e2e');
const node24 = join(tools, 'node24/node_modules/node/bin/node');
const codeServer = join(tools, 'code-server/node_modules/code-server/out/node/entry.js');
const vsix = join(root, 'packages/vscode/cellspec-vscode.vsix');
const artifacts = join(root, 'test/e2e/artifacts');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const { chromium } = createRequire(join(root, 'packages/vscode/package.json'))('playwright-core');

for (const [what, path, fix] of [
  ['Node 24', node24, 'bash scripts/e2e-setup.sh'],
  ['code-server', codeServer, 'bash scripts/e2e-setup.sh'],
  ['chromium', chromiumPath, 'bash scripts/e2e-setup.sh'],
  ['the packaged extension', vsix, 'npx -y pnpm@12.4.2 run package'],
]) {
  if (!existsSync(path)) {
    console.error(`e2e: ${what} is missing (${path}); run: ${fix}`);
    process.exit(1);
  }
}

// ---- a fresh code-server with a test profile ---------------------------------------------------
const scratch = join(tmpdir(), `cellspec-e2e-${process.pid}`);
const userData = join(scratch, 'user-data');
const extensions = join(scratch, 'extensions');
const workspace = join(scratch, 'workspace');
rmSync(scratch, { recursive: true, force: true });
mkdirSync(join(userData, 'User'), { recursive: true });
cpSync(join(root, 'test/e2e/workspace'), workspace, { recursive: true });
rmSync(artifacts, { recursive: true, force: true });
mkdirSync(artifacts, { recursive: true });
writeFileSync(
  join(userData, 'User/settings.json'),
  JSON.stringify(
    {
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'chat.disableAIFeatures': true,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'editor.inlayHints.enabled': 'on',
      'editor.minimap.enabled': false,
      'files.autoSave': 'off',
      'window.dialogStyle': 'custom',
      'files.simpleDialog.enable': true,
    },
    null,
    2,
  ),
);

const csArgs = [
  '--user-data-dir',
  userData,
  '--extensions-dir',
  extensions,
  '--disable-telemetry',
  '--disable-update-check',
];
execFileSync(node24, [codeServer, ...csArgs, '--install-extension', vsix], { stdio: ['ignore', 'pipe', 'inherit'] });

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const server = spawn(
  node24,
  [
    codeServer,
    ...csArgs,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    workspace,
  ],
  {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
    env: { ...process.env, PATH: `${join(node24, '..')}:${process.env.PATH}` },
  },
);
let serverLog = '';
server.stdout.on('data', (d) => {
  serverLog += d;
});
server.stderr.on('data', (d) => {
  serverLog += d;
});

async function waitForServer(timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not start within ${timeoutMs} ms:\n${serverLog}`);
}

// ---- checks ------------------------------------------------------------------------------------
const results = [];
const skipped = [];
const measurements = {};
let page;

async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`  ✗ ${name}: ${e.message.split('\n').slice(0, 6).join('\n    ')}`);
    await shot(`failed-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => {});
  }
}

async function shot(name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`) });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitForLog(name, pattern, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const file = findFile(join(userData, 'logs'), name);
    if (file && pattern.test(readFileSync(file, 'utf8'))) return;
    await sleep(250);
  }
  throw new Error(`${name} did not show ${pattern} within ${timeoutMs} ms`);
}

async function waitForQuiet(timeoutMs) {
  const until = Date.now() + timeoutMs;
  let quietSince = Date.now();
  while (Date.now() < until) {
    const busy = await page.locator('.statusbar-item', { hasText: 'Activating Extensions' }).count();
    if (busy) quietSince = Date.now();
    else if (Date.now() - quietSince > 3000) return;
    await sleep(200);
  }
}

async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await pick(title);
}

/**
 * Clicks an entry of the open quick pick (a click cannot land in the editor as a stray Enter can).
 * With a title, waits for that quick pick first and matches the entry by the start of its text,
 * so a row of the command palette that is still closing cannot be taken for it.
 */
async function pick(text, title) {
  if (title) await page.locator('.quick-input-widget', { hasText: title }).first().waitFor({ timeout: 20_000 });
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const row = page
    .locator('.quick-input-widget .quick-input-list .monaco-list-row', {
      hasText: title ? new RegExp(`^\\s*${escaped}`) : text,
    })
    .first();
  await row.waitFor({ timeout: 20_000 });
  await row.click();
}

async function openFile(name) {
  // Through the Explorer: Quick Open needs code-server's ripgrep, which its install may lack.
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().dblclick();
  await page.locator(`.tab[aria-label*="${name}"]`).first().waitFor({ timeout: 10_000 });
  await page.locator(`.tab.active[aria-label*="${name}"]`).first().waitFor({ timeout: 10_000 });
}

/** Replaces the text of one 1-based line of the active editor (after its indentation). */
async function replaceLine(line, text) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type(text, { delay: 5 });
  await page.keyboard.press('Escape');
}

/** Selects the text of one 1-based line of the active editor after its indentation. */
async function selectLineText(line) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
}

/** Waits until the visible editor text (inlay hints included) contains `text`, checked every frame. */
async function waitForEditorText(text, timeoutMs) {
  await page.waitForFunction(
    (want) =>
      [...document.querySelectorAll('.view-lines')].some((v) => v.textContent.replace(/\s+/g, ' ').includes(want)),
    text,
    { timeout: timeoutMs, polling: 'raf' },
  );
}

function lineOf(file, needle) {
  const lines = readFileSync(join(workspace, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in ${file}`);
  return { line: i + 1, indent: lines[i].match(/^\s*/)[0] };
}

async function problemsText() {
  return (
    (await page
      .locator('.markers-panel')
      .first()
      .innerText()
      .catch(() => '')) ?? ''
  );
}

/** Whether the packaged language server has a feature, by its class name (the bundler keeps identifiers). */
function languageServerOffers(className) {
  const bundle = readFileSync(join(root, 'packages/vscode/dist/server.cjs'), 'utf8');
  return new RegExp(`\\b(class|var|let|const) ${className}\\b`).test(bundle) || bundle.includes(`"${className}"`);
}

function findFile(dir, name) {
  if (!existsSync(dir)) return undefined;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const f = findFile(p, name);
      if (f) return f;
    } else if (e.name === name) return p;
  }
  return undefined;
}

function previewFrame() {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

let browser;
try {
  const startedAt = Date.now();
  await waitForServer(60_000);
  measurements.codeServerStartMs = Date.now() - startedAt;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, {
    waitUntil: 'domcontentloaded',
    timeout: 60_000,
  });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page
    .locator('.explorer-folders-view, .explorer-viewlet')
    .first()
    .waitFor({ timeout: 60_000 })
    .catch(() => {});
  // Measure our activation on a settled workbench: wait until the extension host has started and
  // activated the built-in extensions that start with the window (its log says so).
  await waitForLog('remoteexthost.log', /Eager extensions activated/, 90_000);
  await waitForQuiet(30_000);
  await shot('01-workbench');

  await check('the extension is installed in code-server', async () => {
    const list = execFileSync(node24, [codeServer, ...csArgs, '--list-extensions', '--show-versions'], {
      encoding: 'utf8',
    });
    if (!/cellspec\.cellspec-vscode@/.test(list)) throw new Error(`not listed: ${list}`);
  });

  await check('opening a spec activates the extension and its first diagnostics reach the Problems panel', async () => {
    const t0 = Date.now();
    await openFile('draft-sb22.cellspec');
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').first().waitFor({ timeout: 30_000 });
    const expected = 'loading is in mAh/g';
    const until = Date.now() + 60_000;
    while (!(await problemsText()).includes(expected)) {
      if (Date.now() > until) throw new Error(`Problems panel shows:\n${await problemsText()}`);
      await sleep(50);
    }
    measurements.activationToFirstDiagnosticsMs = Date.now() - t0;
    await shot('02-first-diagnostics');
  });

  await check('the TextMate grammar colours keywords', async () => {
    const tokens = await page
      .locator('.view-lines span[class*="mtk"]', { hasText: 'cathode-active' })
      .first()
      .getAttribute('class');
    if (!tokens || tokens.trim() === 'mtk1') throw new Error(`"cathode-active" is not coloured (class ${tokens})`);
  });

  const loading = lineOf('sb21.cellspec', 'loading 14 mg/cm2');
  await check('an edit that breaks a unit shows a diagnostic in the Problems panel', async () => {
    await openFile('sb21.cellspec');
    await page.locator('.statusbar-item', { hasText: 'SB21:' }).first().waitFor({ timeout: 30_000 });
    const t0 = Date.now();
    await replaceLine(loading.line, 'loading 14 mg/furlong');
    const until = Date.now() + 30_000;
    while (!(await problemsText()).includes('furlong')) {
      if (Date.now() > until) throw new Error(`Problems panel shows:\n${await problemsText()}`);
      await sleep(50);
    }
    measurements.editToDiagnosticMs = Date.now() - t0;
    await shot('03-unit-error-in-problems');
    await replaceLine(loading.line, 'loading 14 mg/cm2');
    const back = Date.now() + 30_000;
    while ((await problemsText()).includes('furlong')) {
      if (Date.now() > back) throw new Error('the diagnostic stayed after the fix');
      await sleep(50);
    }
  });

  await check('the status bar shows the capacity and updates after a loading edit', async () => {
    const item = page.locator('.statusbar-item', { hasText: 'SB21:' }).first();
    const before = await item.innerText();
    if (!/8\.19 mAh/.test(before) || !/Wh\/L \(stack\)/.test(before)) throw new Error(`status bar: ${before}`);
    // 12 mg/cm² × 75 wt% × 195 mAh/g × 4 cm² = 7.02 mAh (still cathode-limited: N/P > 1).
    await replaceLine(loading.line, 'loading 12 mg/cm2');
    await page.locator('.statusbar-item', { hasText: '7.02 mAh' }).first().waitFor({ timeout: 30_000 });
    await shot('04-status-bar-after-loading-edit');
  });

  if (languageServerOffers('CellSpecInlayHintProvider')) {
    await check('the capacity inlay hint updates after a loading edit', async () => {
      await page.locator('.view-lines', { hasText: '7.02 mAh' }).first().waitFor({ timeout: 20_000 });
      await replaceLine(loading.line, 'loading 14 mg/cm2');
      await page.locator('.view-lines', { hasText: '8.19 mAh' }).first().waitFor({ timeout: 20_000 });
      await shot('04b-inlay-hint-after-loading-edit');
    });
  } else {
    skipped.push(
      'the capacity inlay hint updates after a loading edit: the packaged language server has no inlay hints',
    );
  }

  // Edit → refreshed inlay hint with the preview closed, on both ways text arrives: keystrokes
  // (typing) and one insertion of the whole text (IME composition, some paste paths).
  await check('edit → refreshed inlay hints on both input paths, preview closed', async () => {
    const timings = { typed: [], inserted: [] };
    const values = ['loading 12 mg/cm2', 'loading 14 mg/cm2'];
    const hints = ['7.02 mAh', '8.19 mAh'];
    await replaceLine(loading.line, values[1]);
    await waitForEditorText(hints[1], 20_000);
    // Every round changes the value (12 ↔ 14); two rounds typed, two inserted, and again.
    for (let round = 0; round < 8; round++) {
      const path = Math.floor(round / 2) % 2 === 0 ? 'typed' : 'inserted';
      const i = round % 2;
      await selectLineText(loading.line);
      let t0;
      if (path === 'typed') {
        await page.keyboard.type(values[i], { delay: 5 });
        t0 = Date.now();
      } else {
        t0 = Date.now();
        await page.keyboard.insertText(values[i]);
      }
      await waitForEditorText(hints[i], 20_000);
      timings[path].push(Date.now() - t0);
      await page.keyboard.press('Escape');
      await sleep(400);
      if (round === 2) await shot('04d-hint-after-inserted-edit');
    }
    measurements.editToHintsTypedMs = timings.typed;
    measurements.editToHintsInsertedMs = timings.inserted;
    console.log(
      `    edit → refreshed hints: typed ${timings.typed.join(', ')} ms; one insertion ${timings.inserted.join(', ')} ms`,
    );
    // The goal is 300 ms; the check fails on the regression it guards (hints refreshed only by
    // the next analysis result, 5.1–5.4 s) with room for a loaded machine.
    const worst = Math.max(...timings.typed, ...timings.inserted);
    if (worst > 4500) throw new Error(`an edit took ${worst} ms to refresh the hints`);
  });

  await check('completion after a number offers units of its kind only, and nothing glued to the digits', async () => {
    const porosity = lineOf('sb21.cellspec', 'porosity 8 %');
    await selectLineText(porosity.line);
    await page.keyboard.type('porosity 8', { delay: 5 });
    await sleep(600);
    const glued = await page.locator('.suggest-widget.visible').count();
    if (glued) throw new Error('a suggestion list opened right after the digits');
    await page.keyboard.type(' ');
    await page.keyboard.press('Control+Space');
    const list = page.locator('.suggest-widget.visible .monaco-list-row');
    await list.first().waitFor({ timeout: 15_000 });
    const labels = (await list.allInnerTexts()).map((t) => t.trim().split(/\s+/)[0]);
    await shot('04e-completion-units');
    if (!labels.includes('%')) throw new Error(`no % among ${labels.join(', ')}`);
    const stray = labels.filter((l) => ['loading', 'porosity', 'collector', 'cell', 'to', 'source'].includes(l));
    if (stray.length) throw new Error(`not units: ${stray.join(', ')}`);
    await page.keyboard.press('Escape');
    await page.keyboard.type('%');
    await page.keyboard.press('Escape');
  });

  await check('hovering a property shows its documentation', async () => {
    await replaceLine(loading.line, 'loading 14 mg/cm2');
    await page.keyboard.press('Home');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: /loading/i }).first();
    await hover.waitFor({ timeout: 15_000 });
    await shot('04c-hover');
    await page.keyboard.press('Escape');
  });

  await check('the preview opens beside the editor with the cross-section and a chart', async () => {
    await replaceLine(loading.line, 'loading 14 mg/cm2');
    await page.keyboard.press('Control+Home');
    await runCommand('cellspec: Open Preview to the Side');
    const frame = previewFrame();
    await frame.locator('svg rect.layer').first().waitFor({ timeout: 30_000 });
    const layers = await frame.locator('svg rect.layer').count();
    if (layers < 5) throw new Error(`only ${layers} layers drawn`);
    await frame.locator('#metrics table').waitFor();
    const metrics = await frame.locator('#metrics').innerText();
    if (!/8\.19 mAh/.test(metrics)) throw new Error(`metrics table: ${metrics}`);
    const canvas = frame.locator('#charts canvas').first();
    await canvas.waitFor();
    const box = await canvas.boundingBox();
    if (!box || box.width < 100 || box.height < 100) throw new Error(`chart canvas is ${JSON.stringify(box)}`);
    await sleep(500);
    await shot('05-preview');
    // The cross-section fills the panel's width and zooms in on a click.
    const before = await frame.locator('.xs-frame svg').boundingBox();
    await frame.locator('.xs-frame').click();
    await sleep(300);
    const zoomed = await frame.locator('.xs-frame svg').boundingBox();
    if (!before || !zoomed || zoomed.width < before.width * 1.5)
      throw new Error(`cross-section did not zoom: ${JSON.stringify({ before, zoomed })}`);
    await shot('05a-preview-cross-section-zoomed');
    await frame.locator('.xs-frame').click();
    // The clicks focused the webview: give the keyboard back to the spec's editor.
    await page.locator('.tab', { hasText: 'sb21.cellspec' }).first().click();
    await page.locator('.tab.active', { hasText: 'sb21.cellspec' }).first().waitFor({ timeout: 10_000 });
  });

  await check('edit → preview refreshed', async () => {
    const frame = previewFrame();
    const timings = [];
    for (const [value, shown] of [
      ['loading 12 mg/cm2', '7.02 mAh'],
      ['loading 14 mg/cm2', '8.19 mAh'],
    ]) {
      await selectLineText(loading.line);
      const t0 = Date.now();
      await page.keyboard.insertText(value);
      await frame.locator('#metrics', { hasText: shown }).first().waitFor({ timeout: 20_000 });
      timings.push(Date.now() - t0);
      await page.keyboard.press('Escape');
    }
    measurements.editToPreviewRefreshedMs = timings;
    console.log(`    edit → preview refreshed: ${timings.join(', ')} ms`);
  });

  await check(
    'analysis results from the server reach the preview as voltage curves, and Run Analyses Now answers',
    async () => {
      const frame = previewFrame();
      // SB21 declares `discharge ratecheck at C/10, 1 C model reduced`; the server's worker runs it.
      // Voltage against capacity, one line per run, drawn from the documents' chart data and titled in words.
      const voltage = frame.locator('[data-chart="analysis-ratecheck-voltage"] canvas');
      await voltage.waitFor({ timeout: 90_000 });
      const title = await voltage.getAttribute('aria-label');
      if (!/^Discharge “ratecheck”: voltage against capacity/.test(title ?? ''))
        throw new Error(`voltage chart title: ${title}`);
      await runCommand('cellspec: Run Analyses Now');
      await page
        .locator('.notifications-toasts', { hasText: /analyses of SB21 are up to date|Running \d+ analys/ })
        .first()
        .waitFor({ timeout: 20_000 });
      // The results as a table, one row per run, with titles in words.
      await frame.locator('#analysis-results table tbody tr').first().waitFor({ timeout: 30_000 });
      const results = await frame.locator('#analysis-results').innerText();
      if (!/Discharge “ratecheck”/.test(results) || !/C\/10 discharge/.test(results))
        throw new Error(`analysis results table: ${results}`);
      await frame.locator('#charts').scrollIntoViewIfNeeded();
      await sleep(300);
      await shot('05b-preview-analyses');
    },
  );

  await check('the preview follows the cursor into the variant and compares it with its base', async () => {
    const v = lineOf('sb21.cellspec', 'replace Gr with Gr2');
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').fill(`:${v.line}`);
    await page.keyboard.press('Enter');
    const frame = previewFrame();
    await frame.locator('#title', { hasText: 'SB21-G2' }).waitFor({ timeout: 20_000 });
    await frame.locator('#comparison table').waitFor({ timeout: 10_000 });
    const cmp = await frame.locator('#comparison').innerText();
    if (!/Gr2/.test(cmp)) throw new Error(`comparison: ${cmp}`);
    await shot('06-preview-variant');
  });

  await check('the preview shows a clear message while the spec has errors', async () => {
    await replaceLine(loading.line, 'loading 14 mg/furlong');
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').fill(`:${loading.line}`);
    await page.keyboard.press('Enter');
    const frame = previewFrame();
    await frame.locator('#banner.errors').waitFor({ timeout: 20_000 });
    const text = await frame.locator('#banner').innerText();
    if (!/error/.test(text)) throw new Error(`banner: ${text}`);
    await shot('07-preview-with-errors');
    await replaceLine(loading.line, 'loading 14 mg/cm2');
    await frame
      .locator('#banner.ok')
      .waitFor({ state: 'attached', timeout: 20_000 })
      .catch(() => {});
  });

  await check('the design report export saves under out/reports by default', async () => {
    const target = join(workspace, 'out/reports/SB21-design.json');
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').fill(`:${loading.line}`);
    await page.keyboard.press('Enter');
    await runCommand('cellspec: Export Design Report');
    await pick('JSON', 'Export design report');
    await page
      .locator('.quick-input-widget', { hasText: 'Save the design report of SB21' })
      .first()
      .waitFor({ timeout: 30_000 });
    // The dialog proposes out/reports/<cell>-design.json under the workspace: accept it.
    await page.waitForFunction(
      () => /\/out\/reports\/SB21-design\.json$/.test(document.querySelector('.quick-input-widget input')?.value ?? ''),
      undefined,
      { timeout: 30_000 },
    );
    await page.locator('.quick-input-widget .monaco-button', { hasText: 'OK' }).first().click();
    const until = Date.now() + 20_000;
    while (!existsSync(target)) {
      if (Date.now() > until) throw new Error('no report file written under out/reports');
      await sleep(100);
    }
    await sleep(200);
    const report = JSON.parse(readFileSync(target, 'utf8'));
    if (report.cell !== 'SB21') throw new Error(`report is for ${report.cell}`);
    if (!report.figures.some((f) => f.metric === 'Capacity' && /8\.19 mAh/.test(f.text)))
      throw new Error('capacity missing from the report');
    const beside = readdirSync(workspace).filter((f) => !f.endsWith('.cellspec') && f !== 'out');
    if (beside.length) throw new Error(`exports beside the specs: ${beside.join(', ')}`);
    await shot('08-report-exported');
  });

  await check('the protocol export knows a file without a test plan before asking for a format', async () => {
    await openFile('draft-sb22.cellspec');
    await runCommand('cellspec: Export Test Protocols');
    await page.locator('.notifications-toasts', { hasText: 'has no test-plan to export' }).first().waitFor({
      timeout: 20_000,
    });
    if (await page.locator('.quick-input-widget', { hasText: 'Cycler format' }).isVisible())
      throw new Error('the format was asked for anyway');
    await shot('09a-protocols-no-plan');
    await openFile('sb21.cellspec');
  });

  await check('the protocol export writes under out/protocols by default', async () => {
    const folder = join(workspace, 'out/protocols');
    await runCommand('cellspec: Export Test Protocols');
    await pick('JSON protocol', 'Export test protocols');
    const input = page.locator('.quick-input-widget input');
    await page
      .locator('.quick-input-widget', { hasText: 'Folder for the JSON protocol files' })
      .first()
      .waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      () => /\/out\/protocols\/?$/.test(document.querySelector('.quick-input-widget input')?.value ?? ''),
      undefined,
      { timeout: 30_000 },
    );
    const target = join(folder, 'TP-SB21.protocol.json');
    const until = Date.now() + 20_000;
    let presses = 0;
    while (!existsSync(target)) {
      if (Date.now() > until)
        throw new Error(
          `no protocol written; ${folder} holds ${existsSync(folder) ? readdirSync(folder).join(', ') || 'nothing' : 'nothing'}`,
        );
      // The simple folder dialog may first descend into the folder; Enter again accepts it.
      if (presses < 3 && (await input.isVisible())) {
        await page.keyboard.press('Enter');
        presses++;
      }
      await sleep(500);
    }
    await page
      .locator('.notifications-toasts', { hasText: 'Wrote 1 JSON protocol file' })
      .first()
      .waitFor({ timeout: 10_000 });
    const protocol = JSON.parse(readFileSync(target, 'utf8'));
    if (protocol.format !== 'cellspec-protocol')
      throw new Error(`unexpected protocol: ${JSON.stringify(protocol).slice(0, 200)}`);
    await shot('09-protocols-exported');
  });

  await check('the webview loads without content-security-policy violations', async () => {
    const csp = consoleErrors.filter(
      (e) => /Content Security Policy|Refused to/.test(e) && !/vscode-cdn|product\.json/.test(e),
    );
    if (csp.length) throw new Error(csp.slice(0, 3).join('\n'));
  });
} catch (e) {
  results.push({ name: 'e2e harness', ok: false });
  console.log(`  ✗ e2e harness: ${e.stack}`);
  if (page) await shot('harness-failure').catch(() => {});
} finally {
  await browser?.close().catch(() => {});
  server.kill('SIGTERM');
  writeFileSync(join(artifacts, 'code-server.log'), serverLog);
  measurements.vsixBytes = statSync(vsix).size;
  measurements.clientBundleBytes = statSync(join(root, 'packages/vscode/dist/extension.cjs')).size;
  if (existsSync(join(userData, 'logs'))) cpSync(join(userData, 'logs'), join(artifacts, 'logs'), { recursive: true });
  // The extension logs its own timings (activation → server started → first diagnostics).
  const ownLog = findFile(join(artifacts, 'logs'), 'cellspec.log');
  if (ownLog) {
    const text = readFileSync(ownLog, 'utf8');
    const started = text.match(/language server started (\d+) ms after activation/);
    const first = text.match(/first diagnostics (\d+) ms after activation/);
    if (started) measurements.extensionActivationToServerStartedMs = Number(started[1]);
    if (first) measurements.extensionActivationToFirstDiagnosticsMs = Number(first[1]);
  }
  writeFileSync(join(artifacts, 'measurements.json'), JSON.stringify(measurements, null, 2));
  rmSync(scratch, { recursive: true, force: true });
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`e2e measurements: ${JSON.stringify(measurements)}`);
for (const s of skipped) console.log(`  - skipped: ${s}`);
console.log(`e2e: ${passed} passed, ${failed} failed${skipped.length ? `, ${skipped.length} skipped` : ''}`);
process.exit(failed ? 1 : 0);
