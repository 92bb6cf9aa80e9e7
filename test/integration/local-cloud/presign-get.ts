// Presigns an S3 GET with @smithy/signature-v4 (the presigner package is not installed).
import { createHash, createHmac } from 'node:crypto';
import type { Hash, SourceData } from '@smithy/types';
import { SignatureV4 } from '@smithy/signature-v4';
import type { IssuedCredentials } from '../../local-cloud/credential-registry';

const toBuffer = (data: SourceData): Buffer =>
  typeof data === 'string'
    ? Buffer.from(data, 'utf8')
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(new Uint8Array(data));

class NodeSha256 implements Hash {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash =
      secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: SourceData): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
}

/** A presigned GET URL for `bucket/key` on a path-style endpoint. */
export async function presignGet(
  endpoint: string,
  bucket: string,
  key: string,
  credentials: IssuedCredentials,
  options: { expiresIn: number; signingDate?: Date; region?: string },
): Promise<string> {
  const url = new URL(endpoint);
  const signer = new SignatureV4({
    credentials,
    region: options.region ?? 'us-east-1',
    service: 's3',
    sha256: NodeSha256,
    uriEscapePath: false,
  });
  const path = `/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path,
      query: {},
      headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    },
    { expiresIn: options.expiresIn, signingDate: options.signingDate ?? new Date() },
  );
  const query = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `${endpoint}${path}?${query}`;
}
