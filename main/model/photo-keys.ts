import { CodedError } from './coded-error';

/** Why a photo key could not be built: a bug upstream, never a user's mistake. */
export class PhotoKeyError extends CodedError<'invalid-photo-key'> {
  constructor(message: string) {
    super('invalid-photo-key', message);
  }
}

/** Extensions an original may keep in the cloud: the ones the importer gives (sniff-image-type.ts). */
export const ORIGINAL_EXTENSIONS = [
  'jpg',
  'png',
  'webp',
  'gif',
  'tif',
  'avif',
  'heic',
  'heif',
] as const;
export type OriginalExtension = (typeof ORIGINAL_EXTENSIONS)[number];

/** The Content-Type each original is stored with. */
export const ORIGINAL_CONTENT_TYPES: Readonly<Record<OriginalExtension, string>> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  tif: 'image/tiff',
  avif: 'image/avif',
  heic: 'image/heic',
  heif: 'image/heif',
};

// A Cognito identity id is `<region>:<uuid>`; IAM scopes the prefix to exactly this string, so a
// malformed one would only ever earn AccessDenied later; refuse it here with a clear message.
const IDENTITY_ID =
  /^[a-z]{2}(-[a-z]+)+-\d:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SHA256 = /^[0-9a-f]{64}$/;

function assertIdentityId(identityId: string): void {
  if (!IDENTITY_ID.test(identityId)) {
    throw new PhotoKeyError(
      `Not a Cognito identity id (expected "<region>:<uuid>"): ${JSON.stringify(identityId)}`,
    );
  }
}

function assertSha256(sha256: string): void {
  if (!SHA256.test(sha256)) {
    throw new PhotoKeyError(
      `Not a SHA-256 (expected 64 lowercase hex digits): ${JSON.stringify(sha256)}`,
    );
  }
}

export function isOriginalExtension(ext: string): ext is OriginalExtension {
  return (ORIGINAL_EXTENSIONS as readonly string[]).includes(ext);
}

function prefix(identityId: string, sha256: string): string {
  assertIdentityId(identityId);
  assertSha256(sha256);
  return `users/${identityId}`;
}

/** `users/<identityId>/originals/<sha256>.<ext>`: the bytes as imported, content-addressed. */
export function originalKey(identityId: string, sha256: string, ext: string): string {
  const base = prefix(identityId, sha256);
  if (!isOriginalExtension(ext)) {
    throw new PhotoKeyError(
      `Not an original's extension (expected one of ${ORIGINAL_EXTENSIONS.join(', ')}): ${JSON.stringify(ext)}`,
    );
  }
  return `${base}/originals/${sha256}.${ext}`;
}

/** `users/<identityId>/originals/`: where every original of the identity is. */
export function originalsPrefix(identityId: string): string {
  assertIdentityId(identityId);
  return `users/${identityId}/originals/`;
}

/** `users/<identityId>/thumbs/<sha256>.webp`: lets a second device browse at once. */
export function thumbKey(identityId: string, sha256: string): string {
  return `${prefix(identityId, sha256)}/thumbs/${sha256}.webp`;
}

/** `users/<identityId>/meta/<sha256>.json`: filename, dates, labels and edits. */
export function metaKey(identityId: string, sha256: string): string {
  return `${prefix(identityId, sha256)}/meta/${sha256}.json`;
}

/**
 * `users/<identityId>/derived/<sha256>.jpg`: the stripped label derivative (label-derivative.ts),
 * uploaded when the stack labels in the cloud; its arrival starts the backend's labelling.
 */
export function derivedKey(identityId: string, sha256: string): string {
  return `${prefix(identityId, sha256)}/derived/${sha256}.jpg`;
}

/** The identity and photo a derivative's key names; null when the key is not one. */
export function parseDerivedKey(key: string): { identityId: string; sha256: string } | null {
  const match = /^users\/([^/]+)\/derived\/([0-9a-f]{64})\.jpg$/.exec(key);
  if (!match?.[1] || !match[2] || !IDENTITY_ID.test(match[1])) return null;
  return { identityId: match[1], sha256: match[2] };
}

const ALBUM_ID = /^[0-9a-f-]{8,64}$/;

/** `users/<identityId>/albums/`: one document per album (name, deletion). */
export function albumPrefix(identityId: string): string {
  assertIdentityId(identityId);
  return `users/${identityId}/albums/`;
}

/** `users/<identityId>/albums/<albumId>.json`. */
export function albumKey(identityId: string, albumId: string): string {
  if (!ALBUM_ID.test(albumId)) {
    throw new PhotoKeyError(`Not an album id: ${JSON.stringify(albumId)}`);
  }
  return `${albumPrefix(identityId)}${albumId}.json`;
}
