import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchChromium } from '../support/chromium';
import { startWebHost, type RunningHost } from '../support/start-web-host';
import { tempDir } from '../support/temp-dir';

// Cookies ignore ports: whatever the browser keeps for the app must never be sent to another
// server on this machine (issue 11 #1). A spy server on other loopback ports records every
// request Chromium makes to it after the app was opened.
describe('credential scoping in Chromium', () => {
  let browser: Browser;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let host: RunningHost;
  let spies: Server[] = [];
  const seen: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    dir = await tempDir('scoping');
    host = await startWebHost(['--data-dir', dir.path, '--port', '0']);
    const record = createServer((request, response) => {
      seen.push(JSON.stringify({ url: request.url, headers: request.headers }));
      response.writeHead(200, { 'content-type': 'text/html' }).end('<title>spy</title>');
    });
    record.listen(0, '127.0.0.1');
    await new Promise((resolve) => record.once('listening', resolve));
    const v6 = createServer(record.listeners('request')[0] as () => void);
    v6.listen({ port: (record.address() as AddressInfo).port, host: '::1', ipv6Only: true });
    await new Promise((resolve) => v6.once('listening', resolve));
    spies = [record, v6];
  });
  afterAll(async () => {
    await browser.close();
    for (const spy of spies) spy.close();
    await host.stop();
    await dir.remove();
  });

  it('sends nothing that opens the app to a server on another loopback port', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Your library is empty' }).waitFor();
    const token = new URL(host.url).searchParams.get('token') ?? '';
    const cookies = await page.context().cookies();
    expect(cookies.map((c) => c.value)).toContain(token); // the app did keep its credential
    const spyPort = (spies[0]!.address() as AddressInfo).port;
    for (const url of [
      `http://127.0.0.1:${spyPort}/`,
      `http://localhost:${spyPort}/`,
      `http://[::1]:${spyPort}/`,
    ]) {
      await page.goto(url);
    }
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (const request of seen) expect(request).not.toContain(token);
    await page.close();
  });

  it('opens nothing under 127.0.0.1 or localhost, even with the token', async () => {
    const page = await browser.newPage();
    const { port, search } = new URL(host.url);
    for (const name of ['127.0.0.1', 'localhost']) {
      const answer = await page.goto(`http://${name}:${port}/${search}`);
      expect(answer?.status(), name).toBe(403);
    }
    expect(await page.context().cookies()).toEqual([]);
    await page.close();
  });
});
