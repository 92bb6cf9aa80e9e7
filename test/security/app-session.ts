import { request } from 'node:http';

export interface AppSession {
  /** The host's WebSocket, reached on 127.0.0.1 with the Host and Origin a browser would send. */
  readonly wsUrl: string;
  readonly headers: Record<string, string>;
  readonly port: number;
  readonly appHost: string;
  readonly token: string;
}

/**
 * Opens the printed SHOEBOX_URL as the browser would (GET with the token, keep the cookie it
 * sets) and answers what a script needs to speak to the host as its page does.
 */
export async function openAppSession(url: string): Promise<AppSession> {
  const target = new URL(url);
  const token = target.searchParams.get('token') ?? '';
  const cookie = await new Promise<string>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: `${target.pathname}${target.search}`,
        headers: { host: target.host },
      },
      (res) => {
        res.resume();
        const set = res.headers['set-cookie']?.[0] ?? '';
        resolve(set.split(';')[0] ?? '');
      },
    );
    req.on('error', reject);
    req.end();
  });
  return {
    wsUrl: `ws://127.0.0.1:${target.port}/ws`,
    headers: { host: target.host, origin: `http://${target.host}`, cookie },
    port: Number(target.port),
    appHost: target.host,
    token,
  };
}
