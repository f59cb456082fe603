import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM } from './global-setup.js';

/**
 * Headless Chromium on the app at `url`, connected. Uncaught page errors and CSP violations
 * are pushed to `problems`, which each file expects to be empty at its end.
 */
export async function openApp(
  url: string,
  problems: string[],
  viewport = { width: 1280, height: 900 },
): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ viewport, colorScheme: 'light' });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  await page.exposeFunction('reportCspViolation', (text: string) => problems.push(`CSP event: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      void report(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  await page.goto(url);
  await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor({ timeout: 15_000 });
  return { browser, page };
}
