import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { redact, redactText } from '../../../main/model/logger';

// Secrets are masked by their shape wherever they appear in text, not only under a field named
// like a secret: an error message, a URL or a forged callback can carry them anywhere.
const base64url = (bytes: number) => randomBytes(bytes).toString('base64url');
const jsonPart = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

const jwt = [
  jsonPart({ alg: 'RS256', kid: 'k1' }),
  jsonPart({ sub: 'alice', token_use: 'id' }),
  base64url(256),
].join('.');
// Cognito's refresh token: a JWE, five parts (header, encrypted key, IV, ciphertext, tag).
const jwe = [
  jsonPart({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' }),
  base64url(256),
  base64url(12),
  base64url(900),
  base64url(16),
].join('.');
// A JWE with direct encryption has an empty encrypted-key part.
const directJwe = [
  jsonPart({ enc: 'A256GCM', alg: 'dir' }),
  '',
  base64url(12),
  base64url(300),
  base64url(16),
].join('.');
const secretKeys = [
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', // AWS's documented example
  ...Array.from({ length: 20 }, () => randomBytes(30).toString('base64')),
];
const sessionTokens = [
  `IQoJb3JpZ2luX2Vj${randomBytes(600).toString('base64')}`,
  `FwoGZXIvYXdzE${randomBytes(300).toString('base64')}`,
  randomBytes(150).toString('base64'), // no known prefix, only long
];

/** Every part of a token longer than a few characters, which must not survive redaction. */
const parts = (token: string) => token.split(/[./+=]/).filter((part) => part.length > 8);

describe('redactText masks secrets by their shape', () => {
  it.each([
    ['a JWT (ID or access token)', jwt],
    ['a five-part JWE (Cognito refresh token)', jwe],
    ['a JWE with an empty encrypted key', directJwe],
  ])('masks every part of %s', (_, token) => {
    for (const text of [token, `refresh failed for ${token}.`, `{"detail":"${token}"}`]) {
      const out = redactText(text);
      expect(out).toContain('[redacted token]');
      for (const part of parts(token)) expect(out).not.toContain(part);
    }
  });

  it('masks AWS secret access keys', () => {
    for (const key of secretKeys) {
      const out = redactText(`signing with "${key}" failed`);
      expect(out, key).not.toContain(key);
      expect(out).toContain('signing with "[redacted secret]" failed');
      // In a query, after `=` (the e2e canary caught this one in a forged redirect).
      expect(redactText(`/callback?state=x&error_description=${key}`)).toBe(
        '/callback?state=x&error_description=[redacted secret]',
      );
    }
  });

  it('masks AWS session tokens, with or without a known prefix', () => {
    for (const token of sessionTokens) {
      const out = redactText(`SessionToken: ${token} (expired)`);
      for (const part of parts(token)) expect(out).not.toContain(part);
      expect(out).toBe('SessionToken: [redacted token] (expired)');
      expect(redactText(`?X-Token=${token}&a=1`)).toBe('?X-Token=[redacted token]&a=1');
    }
  });

  it('masks an authorization code in a query, keeping the rest of the URL', () => {
    const code = base64url(24);
    expect(redactText(`GET http://localhost:17823/callback?code=${code}&state=s1`)).toBe(
      'GET http://localhost:17823/callback?code=[redacted]&state=s1',
    );
    expect(redactText(`shoebox://auth/callback?state=s1&code=${code}`)).toBe(
      'shoebox://auth/callback?state=s1&code=[redacted]',
    );
    expect(redactText(`"url":"/callback?code=${code}"`)).toBe('"url":"/callback?code=[redacted]"');
  });

  it('leaves ordinary text alone: hashes, paths, host names, error codes', () => {
    const ordinary = [
      `thumb/${randomBytes(32).toString('hex')}`,
      randomBytes(20).toString('hex'), // a 40-character hex digest is not a secret key
      '/home/alice/Pictures/Holiday 2024/IMG_0001.jpg',
      'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI',
      'sign-in failed: error code=timeout',
      'photo 12 uploaded in 3 parts',
    ];
    for (const text of ordinary) expect(redactText(text)).toBe(text);
  });
});

describe('redact', () => {
  it('masks token shapes in fields not named like secrets, at any depth', () => {
    const out = JSON.stringify(
      redact({
        detail: `bad ${jwe}`,
        nested: { list: [secretKeys[0], `url /callback?code=${base64url(24)}`] },
      }),
    );
    for (const part of [...parts(jwe), secretKeys[0]!]) expect(out).not.toContain(part);
    expect(out).toContain('code=[redacted]');
  });
});
