import type { FileHandle } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { Readable } from 'node:stream';
import { isInside } from '../../library/library-paths';
import { readInside } from '../../library/open-inside';
import type { MediaFile } from '../../media/media-resolver';
import { mediaCacheControl, openMedia } from '../../media/open-media';
import { securityHeaders } from '../../media/security-headers';

/** The app's own scheme: `shoebox://app/…` is the renderer, `shoebox://media/…` its media. */
export const appScheme = 'shoebox';
export const appOrigin = `${appScheme}://app`;
export const rendererUrl = `${appOrigin}/index.html`;
export const mediaBase = `${appScheme}://media/`;

export interface AppProtocolSources {
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  readonly libraryRoot: string;
  readonly resolveMedia: (mediaPath: string) => Promise<MediaFile | null>;
}

const rendererTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * Where a `shoebox://app/<path>` request lives in the built renderer, or null when it names
 * nothing there (a malformed escape, a way out of the folder, a type the renderer never has).
 */
export function rendererFileFor(
  rendererDir: string,
  pathname: string,
): { file: string; contentType: string } | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = join(rendererDir, normalize(decoded));
  const contentType = rendererTypes[extname(file)];
  if (!isInside(rendererDir, file) || !contentType) return null;
  return { file, contentType };
}

/**
 * Answers one request of the app's scheme, as Electron's `protocol.handle` wants: a Response.
 * Everything is read through openInside, so a symlink in the library or the renderer folder
 * never serves a file from outside it.
 */
export async function answerAppProtocol(
  sources: AppProtocolSources,
  requestUrl: string,
): Promise<Response> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return refusal(404, 'Not found');
  }
  if (url.protocol !== `${appScheme}:`) return refusal(404, 'Not found');
  if (url.host === 'media') {
    const media = await openMedia(sources.resolveMedia, sources.libraryRoot, url.pathname.slice(1));
    if (media.status !== 200) return refusal(media.status, media.message);
    return fileResponse(media.handle, media.contentType, mediaCacheControl);
  }
  if (url.host === 'app') {
    const target = rendererFileFor(sources.rendererDir, url.pathname);
    const bytes = target ? await readInside(sources.rendererDir, target.file) : null;
    if (!target || !bytes) return refusal(404, 'Not found');
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        ...securityHeaders,
        'content-type': target.contentType,
        'cache-control': 'no-cache',
      },
    });
  }
  return refusal(404, 'Not found');
}

function fileResponse(handle: FileHandle, contentType: string, cacheControl: string): Response {
  const body = Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
  return new Response(body, {
    status: 200,
    headers: { ...securityHeaders, 'content-type': contentType, 'cache-control': cacheControl },
  });
}

function refusal(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' },
  });
}
