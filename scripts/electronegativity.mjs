// Runs Doyensec's Electronegativity over the Electron code and the renderer page, prints every
// finding, and fails when any is HIGH or CRITICAL. It scans a staging copy so that it sees the
// app's sources (and the page's CSP) but not node_modules.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const stage = mkdtempSync(join(tmpdir(), 'crossdock-eneg-'));
cpSync('electron', join(stage, 'electron'), { recursive: true });
cpSync('renderer', join(stage, 'renderer'), {
  recursive: true,
  filter: (src) => !src.includes('node_modules') && !/\.test\.tsx?$/.test(src),
});
// The page's CSP meta tag is added by the build; give the scan the page as built.
const { withCspMetaTag } = await tsImport('../shared/content-security-policy.ts', import.meta.url);
writeFileSync(
  join(stage, 'renderer', 'index.html'),
  withCspMetaTag(readFileSync(join('renderer', 'index.html'), 'utf8')),
);
const report = join(stage, 'report.csv');

const run = spawnSync(
  'npx',
  ['--no-install', 'electronegativity', '-i', stage, '-r', '-o', report, '-e', electronVersion, '-v', 'false'],
  { encoding: 'utf8' },
);
if (run.status !== 0) {
  process.stderr.write(run.stdout + run.stderr);
  console.error('electronegativity: the scan itself failed');
  process.exit(1);
}

// CSV rows: issue, severity, confidence, filename, location, sample, description, url
function parseCsvLine(line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell.trim());
  return cells;
}
const rows = readFileSync(report, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .filter(Boolean)
  .map((line) => {
    const [issue = '', severity = '', confidence = '', file = '', location = '', , description = ''] =
      parseCsvLine(line);
    return { issue, severity, confidence, file, location, description };
  });
if (!process.env.KEEP_ENEG) rmSync(stage, { recursive: true, force: true });

console.log(`Electronegativity (Electron ${electronVersion}): ${rows.length} finding(s)`);
for (const row of rows)
  console.log(
    `  ${row.severity.padEnd(8)} ${row.confidence.padEnd(10)} ${row.issue.padEnd(28)} ${row.file}:${row.location}  ${row.description}`,
  );
const serious = rows.filter((row) => row.severity === 'HIGH' || row.severity === 'CRITICAL');
console.log(`HIGH or CRITICAL findings: ${serious.length}`);
process.exit(serious.length > 0 ? 1 : 0);
