import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cfnLint, hasCfnLint } from './cfn-lint';

const template = fileURLToPath(new URL('../../../infra/shoebox-backend.yaml', import.meta.url));

describe.skipIf(!hasCfnLint)('the template under cfn-lint', () => {
  it('has nothing wrong but the labeller code parameters, empty by default without CloudLabelling', async () => {
    const findings = await cfnLint(template);
    const unexpected = findings.filter(
      (f) =>
        !(
          f.Rule.Id === 'W1030' &&
          f.Location.Path.join('.').startsWith('Resources.LabellerFunction.Properties.Code.')
        ),
    );
    expect(
      unexpected.map((f) => `${f.Rule.Id} ${f.Location.Path.join('.')}: ${f.Message}`),
    ).toEqual([]);
  }, 60_000);

  it('catches a misspelt property (so the check above can fail)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shoebox-cfn-lint-'));
    try {
      const text = await readFile(template, 'utf8');
      const misspelt = text.replace('      Runtime: nodejs22.x\n', '      Runtimes: nodejs22.x\n');
      expect(misspelt).not.toBe(text);
      const file = join(dir, 'misspelt.yaml');
      await writeFile(file, misspelt);
      const findings = await cfnLint(file);
      expect(
        findings.some((f) => f.Rule.Id.startsWith('E') && f.Message.includes('Runtimes')),
      ).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
