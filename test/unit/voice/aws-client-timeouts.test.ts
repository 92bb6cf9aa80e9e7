import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCloudSession } from '../../../main/aws/cloud-session';
import { defaultNetworkTimeouts } from '../../../main/aws/network-timeouts';
import { parseShoeboxConfig, type ShoeboxConfig } from '../../../main/config/shoebox-config';
import { PollySynthesizer } from '../../../main/voice/polly-synthesizer';

const MAIN = join(import.meta.dirname, '../../../main');

function config(): ShoeboxConfig {
  const parsed = parseShoeboxConfig({
    region: 'eu-west-1',
    userPoolId: 'eu-west-1_AbCdEf123',
    userPoolClientId: '4gh5vq8p1example2l1mn3o',
    hostedUiDomain: 'https://shoebox-xyz.auth.eu-west-1.amazoncognito.com',
    identityPoolId: 'eu-west-1:0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    bucket: 'shoebox-photobucket-1a2b3c4d5e6f',
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.value;
}

interface HandlerSettings {
  connectionTimeout?: number;
  socketTimeout?: number;
  requestTimeout?: number;
  sessionTimeout?: number;
  throwOnRequestTimeout?: boolean;
}

interface SdkClient {
  config: { requestHandler: unknown };
}

/** What an SDK client's request handler was configured with (the handler resolves it lazily);
 * a client made on first use (lazyClient) is made now. */
async function handlerOf(sender: unknown) {
  const lazy = sender as { client?: () => Promise<SdkClient> };
  const client = lazy.client ? await lazy.client() : (sender as SdkClient);
  const handler = client.config.requestHandler as {
    metadata: { handlerProtocol: string };
    configProvider: Promise<HandlerSettings>;
  };
  return { protocol: handler.metadata.handlerProtocol, settings: await handler.configProvider };
}

async function sourcesUnder(folder: string): Promise<{ file: string; text: string }[]> {
  const names = (await readdir(folder, { recursive: true })).filter((name) => name.endsWith('.ts'));
  return Promise.all(
    names.map(async (name) => ({ file: name, text: await readFile(join(folder, name), 'utf8') })),
  );
}

/** The argument text of each call starting at `start` (up to its matching parenthesis). */
function callsOf(text: string, start: RegExp): string[] {
  const calls: string[] = [];
  for (const match of text.matchAll(new RegExp(start, 'g'))) {
    let depth = 0;
    let end = match.index + match[0].length - 1;
    for (; end < text.length; end += 1) {
      if (text[end] === '(') depth += 1;
      if (text[end] === ')' && --depth === 0) break;
    }
    calls.push(text.slice(match.index, end + 1));
  }
  return calls;
}

// docs/reliability.md, "Requests that never answer": every AWS request has connect and stall
// timeouts, through the one handler in main/aws/network-timeouts.ts.
describe('every AWS client the app builds has timeouts (issue 16 #2)', () => {
  it('S3, Rekognition and Polly give up a connection or a stream that goes silent', async () => {
    const session = createCloudSession(config(), async () => 'id-token');
    const polly = new PollySynthesizer(config(), async () => 'id-token');
    const http1 = { s3: session.s3, rekognition: session.rekognition };
    for (const [name, client] of Object.entries(http1)) {
      const { protocol, settings } = await handlerOf(client);
      expect(protocol, name).toBe('http/1.1');
      expect(settings, name).toMatchObject({
        connectionTimeout: defaultNetworkTimeouts.connectMs,
        socketTimeout: defaultNetworkTimeouts.stallMs,
        requestTimeout: defaultNetworkTimeouts.requestMs,
        throwOnRequestTimeout: true,
      });
    }
    // Polly's handler is HTTP/2: its stream idle timer bounds connecting and stalling alike.
    const { protocol, settings } = await handlerOf(
      (polly as unknown as { client: unknown }).client,
    );
    expect(protocol).toBe('h2');
    expect(settings.requestTimeout).toBeGreaterThan(0);
    expect(settings.requestTimeout).toBeLessThanOrEqual(defaultNetworkTimeouts.stallMs);
    expect(settings.sessionTimeout).toBe(settings.requestTimeout);
    session.dispose();
  });

  it('no AWS client or credential provider in main/ is built without the shared handler', async () => {
    const sites: string[] = [];
    for (const { file, text } of await sourcesUnder(MAIN)) {
      for (const call of [
        // Every SDK client (the sign-in's OidcClient is not AWS's and has its own timeout).
        ...callsOf(text, /new (?!Oidc)\w+Client\(/),
        ...callsOf(text, /fromCognitoIdentityPool\(/),
      ]) {
        sites.push(file);
        expect(call, `${file}: ${call.slice(0, 60)}`).toMatch(
          /requestHandler: aws(Http2)?RequestHandler\(/,
        );
      }
    }
    // S3, Rekognition, Polly and the identity pool's Cognito client: a scan that finds none
    // would prove nothing.
    expect(sites.length).toBeGreaterThanOrEqual(4);
  });
});
