// Loader hooks for log-module-loads.mjs: written straight to the file descriptor, since the hooks
// run on a thread of their own.
import { writeSync } from 'node:fs';

export async function load(url, context, nextLoad) {
  if (!url.startsWith('node:')) writeSync(2, `[module] ${url}\n`);
  return nextLoad(url, context);
}
