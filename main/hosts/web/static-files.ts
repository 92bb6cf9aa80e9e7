import { open, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { isInside } from '../../library/library-paths';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Serves a file of the built renderer; answers false when `urlPath` names none. */
export async function serveStatic(
  root: string,
  urlPath: string,
  response: ServerResponse,
): Promise<boolean> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return false; // a malformed %-escape names no file
  }
  const file = join(root, normalize(decoded));
  if (!isInside(root, file)) return false;
  const type = contentTypes[extname(file)];
  if (!type) return false;
  try {
    if (!(await stat(file)).isFile()) return false;
  } catch {
    return false;
  }
  await sendFile(response, file, type, 'no-cache');
  return true;
}

/** Streams a file; a request the browser abandons closes the file instead of leaking it. */
export async function sendFile(
  response: ServerResponse,
  file: string,
  contentType: string,
  cacheControl: string,
): Promise<void> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    if (!response.headersSent) response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': contentType, 'cache-control': cacheControl });
  await pipeline(handle.createReadStream(), response).catch(() => undefined);
}
