import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// main/ holds two hosts over one core: the Electron shell and the browser host (docs/architecture.md).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          'electron-main': resolve('main/hosts/electron/electron-main.ts'),
          'web-host': resolve('main/hosts/web/web-host.ts'),
          // Electron's utility process runs the catalog's full check from a file of its own.
          'catalog-check-process': resolve('main/hosts/electron/catalog-check-process.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads cannot load ES modules: one CommonJS file.
      rollupOptions: {
        input: { preload: resolve('preload/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      // SHOEBOX_NO_MINIFY=1 keeps function names readable in a CPU profile of the page.
      minify: !process.env['SHOEBOX_NO_MINIFY'],
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
