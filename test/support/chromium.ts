import { chromium, type Browser, type LaunchOptions } from '@playwright/test';

/**
 * Debian's Chromium, as every browser test and the bench launch it: Playwright cannot download
 * its own browser here, and without the background-networking flags Chromium keeps dialling
 * hosts this closed network refuses (docs/platform-notes.md).
 */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.SHOEBOX_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ ...chromiumLaunchOptions, timeout: 20_000 });
}
