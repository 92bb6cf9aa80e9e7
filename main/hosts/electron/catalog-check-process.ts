/**
 * The desktop app's catalog check process: a build entry Electron's utility process runs
 * (utility-check-process.ts), which runs the same program the browser host runs with `node -e`
 * (checkProcessProgram), so both check the catalog with the same code. Not a child process with
 * ELECTRON_RUN_AS_NODE: the packaged app's runAsNode fuse is off (electron-builder.yml).
 */
import { createRequire } from 'node:module';
import { compileFunction } from 'node:vm';
import { checkProcessProgram } from '../../catalog/catalog-checks';

const program = compileFunction(checkProcessProgram, ['require']) as (
  require: NodeJS.Require,
) => void;
program(createRequire(import.meta.url));
