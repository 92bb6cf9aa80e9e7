/**
 * `npm run bench`: measures Shoebox's speed goals and writes bench/results.json and the table
 * in README.md. Figures are measured, never asserted: tests do not time anything.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { format, resolveConfig } from 'prettier';
import type { Figure } from './figures';
import { measureCatalog } from './measure-catalog';
import { measureImport } from './measure-import';
import { measureLabels } from './measure-labels';
import { measureGridOnly, measureSearchOnly, measureStartupOnly, measureUi } from './measure-ui';
import { measureUpload } from './measure-upload';

const root = join(import.meta.dirname, '..');
const work = join(root, 'bench', '.work');

const groups = [
  ['import', measureImport],
  ['catalog', measureCatalog],
  ['ui', measureUi],
  ['labels', measureLabels],
  ['upload', measureUpload],
] as const;

/** Groups measured only when named: part of another group's figures. */
const onRequest = [
  // The ui group's start-up figures alone.
  ['startup', measureStartupOnly],
  // The ui group's grid scrolling figures alone.
  ['grid', measureGridOnly],
  // The ui group's search figure alone.
  ['search', measureSearchOnly],
] as const;

async function main(): Promise<void> {
  // `npm run bench -- ui` measures one group and only prints it (nothing is written).
  const only = process.argv.slice(2);
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const figures: Figure[] = [];
  for (const [label, measure] of only.length > 0 ? [...groups, ...onRequest] : groups) {
    if (only.length > 0 && !only.includes(label)) continue;
    console.log(`bench: ${label}…`);
    const measured = await measure(work);
    for (const figure of measured) {
      const peer = figure.baseline
        ? `; ${figure.baseline.name}: ${figure.baseline.value} ${figure.baseline.unit}`
        : '';
      console.log(`  ${figure.name}: ${figure.value} ${figure.unit} (${figure.what}${peer})`);
    }
    figures.push(...measured);
  }
  if (only.length > 0) return;
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.versions.node}`;
  await writeFile(
    join(root, 'bench', 'results.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), machine, figures }, null, 2)}\n`,
  );
  await updateReadme(figures, machine);
  await rm(work, { recursive: true, force: true });
}

async function updateReadme(figures: readonly Figure[], machine: string): Promise<void> {
  const readmePath = join(root, 'README.md');
  const readme = await readFile(readmePath, 'utf8');
  const rows = figures.map((f) => {
    const peer = f.baseline ? `${f.baseline.name}: ${f.baseline.value} ${f.baseline.unit}` : '';
    return `| ${f.what} | ${f.value} ${f.unit} | ${peer} | ${f.meaning ?? ''} | ${f.goal ?? ''} |`;
  });
  const table = [
    '<!-- bench:start -->',
    `Measured by \`npm run bench\` on ${machine}.`,
    '',
    '| figure | Shoebox (or ratio) | peer, same run | what the ratio means | goal |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '<!-- bench:end -->',
  ].join('\n');
  const markers = /<!-- bench:start -->[\s\S]*<!-- bench:end -->/;
  if (!markers.test(readme)) throw new Error('README.md has no bench markers');
  const updated = readme.replace(markers, table);
  // Formatted as `npm run lint` checks it (Prettier aligns markdown tables).
  const options = (await resolveConfig(readmePath)) ?? {};
  await writeFile(readmePath, await format(updated, { ...options, filepath: readmePath }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
