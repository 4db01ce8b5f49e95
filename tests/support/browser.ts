import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium; .ci/run installs it). Playwright's own download is not reachable here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumInstalled = existsSync(CHROMIUM);

/** Where the browser tests leave their screenshots (beside vitest's report; not committed). */
export const SCREENSHOT_DIR = join(process.cwd(), 'test-output', 'screenshots');

export interface TestBrowser {
  context: BrowserContext;
  /** Every request the pages sent that did not go to `origin`: must stay empty (the hub runs offline). */
  outside: string[];
  /** Errors the pages threw or logged. */
  pageErrors: string[];
  newPage(): Promise<Page>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts headless Chromium with a fresh profile, as the center's PCs would open the hub: no
 * extensions, no background traffic of its own (so any request seen came from the pages).
 */
export async function startBrowser(origin: string, viewport = { width: 1366, height: 768 }): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'onewindow-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const outside: string[] = [];
  const pageErrors: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:')) outside.push(url);
  });
  context.on('page', (page) => {
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    context,
    outside,
    pageErrors,
    newPage: () => context.newPage(),
    async screenshot(page, name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Picks an option of an Element Plus select: opens it and clicks the option with this text. */
export async function pickOption(page: Page, select: string, option: string): Promise<void> {
  await page.click(select);
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: option }).first().click();
}
