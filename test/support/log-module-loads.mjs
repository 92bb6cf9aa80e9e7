// `node --import ./log-module-loads.mjs app.js` prints every module the app loads through the ES
// loader (import statements and import() calls; not the require() calls inside a CommonJS
// package) as a "[module] <url>" line on stderr. Used to check what a start loads.
import { register } from 'node:module';

register('./module-load-hooks.mjs', import.meta.url);
