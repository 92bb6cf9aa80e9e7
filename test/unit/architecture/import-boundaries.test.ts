import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { importCycles } from '../../support/import-cycles';
import { tempDir } from '../../support/temp-dir';

// Each probe is a file that breaks one boundary of docs/architecture.md; lint must refuse it
// with the rule that keeps that boundary. The probes are linted as if they stood at `file`.
const root = join(import.meta.dirname, '../../..');
// The probes exist only as text, so the project service cannot type them: the boundary rules
// need no types, and the typed rules are switched off for them.
const eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

const probes: { what: string; file: string; code: string; rule: string }[] = [
  {
    what: 'an error class in main/ that is not a CodedError',
    file: 'main/upload/probe.ts',
    code: 'export class ProbeError extends Error {}\n',
    rule: 'no-restricted-syntax',
  },
  {
    what: 'the renderer importing main/',
    file: 'renderer/probe.ts',
    code: "import { createServices } from '../main/services';\nexport const probe = createServices;\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    what: 'the renderer importing preload/',
    file: 'renderer/probe.ts',
    code: "export * from '../preload/preload';\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    what: 'contract/ importing main/',
    file: 'contract/probe.ts',
    code: "import { AppError } from '../main/model/app-error';\nexport const probe = AppError;\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    what: 'contract/ importing the renderer',
    file: 'contract/probe.ts',
    code: "export * from '../renderer/state/auth-store';\n",
    rule: 'import-x/no-restricted-paths',
  },
  ...['react', 'zustand', 'node:fs'].map((name) => ({
    what: `contract/ importing ${name}`,
    file: 'contract/probe.ts',
    code: `import * as probe from '${name}';\nexport { probe };\n`,
    rule: 'no-restricted-imports',
  })),
  {
    what: 'main/ importing the renderer',
    file: 'main/ipc/probe.ts',
    code: "export * from '../../renderer/state/auth-store';\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    what: 'main/ importing preload/',
    file: 'main/ipc/probe.ts',
    code: "export * from '../../preload/preload';\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    what: 'preload/ importing something other than electron and contract/',
    file: 'preload/probe.ts',
    code: "import { z } from 'zod';\nexport const probe = z;\n",
    rule: 'no-restricted-imports',
  },
  {
    what: 'preload/ importing main/',
    file: 'preload/probe.ts',
    code: "export * from '../main/model/app-error';\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    what: 'model/ importing catalog/ (up a layer)',
    file: 'main/model/probe.ts',
    code: "export * from '../catalog/catalog';\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    what: 'catalog/ importing upload/ (up two layers)',
    file: 'main/catalog/probe.ts',
    code: "export * from '../upload/upload-queue';\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    what: 'upload/ importing the coordinator',
    file: 'main/upload/probe.ts',
    code: "export * from '../coordinator/cloud-work';\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    what: 'ipc/ importing the composition root',
    file: 'main/ipc/probe.ts',
    code: "export * from '../services';\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    what: 'services.ts importing a host',
    file: 'main/services.ts',
    code: "export * from './hosts/web/web-server';\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    what: 'the database handle outside catalog/',
    file: 'main/upload/probe.ts',
    code: "import type { DatabaseSync } from 'node:sqlite';\nexport type Probe = DatabaseSync;\n",
    rule: 'no-restricted-imports',
  },
  {
    what: 'electron outside the Electron shell',
    file: 'main/upload/probe.ts',
    code: "import { app } from 'electron';\nexport const probe = app;\n",
    rule: 'no-restricted-imports',
  },
  {
    what: 'electron in the catalog',
    file: 'main/catalog/probe.ts',
    code: "import { app } from 'electron';\nexport const probe = app;\n",
    rule: 'no-restricted-imports',
  },
  {
    what: 'the database handle in the Electron shell',
    file: 'main/hosts/electron/probe.ts',
    code: "import type { DatabaseSync } from 'node:sqlite';\nexport type Probe = DatabaseSync;\n",
    rule: 'no-restricted-imports',
  },
];

// The first probe reads main/'s whole import graph (no-cycle), which takes seconds.
describe('lint keeps the import boundaries', { timeout: 60_000 }, () => {
  it.each(probes)('refuses $what', async ({ file, code, rule }) => {
    expect(await ruleIds(file, code)).toContain(rule);
  });

  it('accepts an import that follows them (the probes fail for their boundary, not for any import)', async () => {
    const code = "export * from '../model/photo-keys';\n";
    expect(await ruleIds('main/upload/probe.ts', code)).toEqual([]);
  });

  describe('import cycles', () => {
    const dir = join(root, 'main/sync', `lint-probe-${process.pid}`);
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('refuses two files that import each other', async () => {
      await mkdir(dir, { recursive: true });
      const a = "import { b } from './b';\nexport const a = (): number => b() + 1;\n";
      const b = "import { a } from './a';\nexport const b = (): number => a() - 1;\n";
      await writeFile(join(dir, 'a.ts'), a);
      await writeFile(join(dir, 'b.ts'), b);
      expect(await ruleIds(`main/sync/lint-probe-${process.pid}/a.ts`, a)).toContain(
        'import-x/no-cycle',
      );
    });
  });

  // import-x/no-cycle skips `import type` (no option counts it), so importCycles finds those.
  describe('type-only import cycles', () => {
    it('refuses two files that import only types from each other', async () => {
      const probe = await tempDir('type-cycle');
      try {
        const a = "import type { B } from './b';\nexport interface A { b: B }\n";
        const b = "import type { A } from './a';\nexport interface B { a?: A }\n";
        await mkdir(join(probe.path, 'main'));
        await writeFile(join(probe.path, 'main/a.ts'), a);
        await writeFile(join(probe.path, 'main/b.ts'), b);
        expect(importCycles(probe.path, ['main'])).toEqual([['main/a.ts', 'main/b.ts']]);
      } finally {
        await probe.remove();
      }
    });

    it('finds none in main/, renderer/, contract/ and preload/', () => {
      const cycles = importCycles(root, ['main', 'renderer', 'contract', 'preload']);
      // The lint probe above may be on disk meanwhile; it is a cycle on purpose.
      expect(cycles.filter((cycle) => !cycle.some((file) => file.includes('lint-probe-')))).toEqual(
        [],
      );
    });
  });
});
