// Import boundaries between processes and between the layers of main/.
// docs/architecture.md draws the same picture; change both together.
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** main/'s layers, bottom first. A folder may import its own layer and the ones below. */
export const mainLayers = [
  ['model'],
  ['catalog', 'library', 'config'],
  ['settings', 'aws'],
  ['auth'],
  ['import', 'upload', 'labels', 'voice', 'sync', 'photos', 'export'],
  ['coordinator'],
  ['media', 'ipc'],
  ['services.ts'],
  ['hosts'],
];

const inMain = (name) => `./main/${name}`;

/** One zone per layer: nothing in it may import from any layer above it. */
function layerZones() {
  return mainLayers.slice(0, -1).map((layer, index) => ({
    target: layer.map(inMain),
    from: mainLayers
      .slice(index + 1)
      .flat()
      .map(inMain),
    message: `main/ runs bottom-up (${mainLayers.map((l) => l.join('|')).join(' → ')}): this import runs back up a layer.`,
  }));
}

const processZones = [
  {
    target: './renderer',
    from: ['./main', './preload'],
    message: 'The renderer talks to main only through window.shoebox and contract/.',
  },
  {
    target: './contract',
    from: ['./main', './renderer', './preload'],
    message: 'contract/ is shared by every process, so it depends on none of them.',
  },
  {
    target: './main',
    from: ['./renderer', './preload'],
    message: 'main/ never imports the renderer or the preload script.',
  },
  {
    target: './preload',
    from: ['./main', './renderer'],
    message: 'The preload script imports only electron and contract/.',
  },
];

const electronOnlyInShell = {
  name: 'electron',
  message:
    'Only main/hosts/electron/ (and preload/) may import electron: the rest runs in plain Node.',
};
const databaseOnlyInCatalog = {
  name: 'node:sqlite',
  message:
    'Only main/catalog/ holds the database; ask for a repository (Pick<Catalog, …>) instead.',
};

export const boundaries = [
  {
    files: ['main/**/*.ts', 'renderer/**/*.{ts,tsx}', 'contract/**/*.ts', 'preload/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Without these, import-x reads no .ts dependency and no-cycle sees no cycle.
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [...processZones, ...layerZones()] }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'electron',
                'react',
                'react-dom',
                'zustand',
                'sharp',
                'ws',
                'exifr',
                'file-type',
              ],
              message: 'contract/ is plain TypeScript and zod: every process compiles it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$|\\.\\./contract/)',
              message: 'The preload script imports only electron and contract/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell, databaseOnlyInCatalog] }],
    },
  },
  {
    files: ['main/catalog/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }] },
  },
  {
    files: ['main/hosts/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [databaseOnlyInCatalog] }] },
  },
];
