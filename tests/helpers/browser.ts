// Debian's Chromium driven by playwright-core, for the browser-bridge tests.
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = 'test-results/screenshots';
/** In CI the browser must be there (.ci/run installs it); elsewhere the tests are skipped without it. */
export const browserAvailable = existsSync(CHROMIUM) || !!process.env.CI;

export async function launch(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // As on the clerks' machines: date fields read 年/月/日, not mm/dd/yyyy.
      '--lang=zh-CN',
    ],
  });
}
