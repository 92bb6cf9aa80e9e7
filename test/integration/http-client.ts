import { request } from 'node:http';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** A raw HTTP request, so tests can send headers `fetch` refuses to set (Host, Origin). */
export function http(
  port: number,
  path: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
    /** The address to connect to: 127.0.0.1 unless a test needs ::1. */
    host?: string;
  } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: options.host ?? '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    // A host that refuses a body early (a quota, a full disk) answers and closes while the body
    // is still being sent. Its answer is what a test judges; the write that then fails (EPIPE)
    // reaches the socket after the request has let go of it, where nothing else listens.
    req.on('socket', (socket) => socket.on('error', () => undefined));
    req.end(options.body);
  });
}
