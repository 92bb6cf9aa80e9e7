import type { FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { isInside } from '../../library/library-paths';
import { openInside } from '../../library/open-inside';

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
  const handle = await openInside(root, file);
  if (!handle) return false;
  await sendHandle(response, handle, type, 'no-cache');
  return true;
}

/** Streams an open file; a request the browser abandons closes the file instead of leaking it. */
export async function sendHandle(
  response: ServerResponse,
  handle: FileHandle,
  contentType: string,
  cacheControl: string,
): Promise<void> {
  response.writeHead(200, { 'content-type': contentType, 'cache-control': cacheControl });
  await pipeline(handle.createReadStream(), response).catch(() => undefined);
}
