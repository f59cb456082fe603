// From an empty Crossdock to a shell in a container on a real server, all through the page: the
// web mode serves the built renderer, and the server is a rig machine that answers real SSH and
// runs its own Docker engine. Nothing is set up behind the page's back except the container
// whose log and shell the test reads.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { machineNamed, onMachine, upDockerRig } from '../integration/docker-rig.js';
import type { DockerRigMachine } from '../rig/docker-rig-info.js';
import { machineHostKeyFingerprint } from '../rig/host-key.js';
import { REPO_ROOT, type CrossdockServer } from './crossdock-server.js';
import { startIsolatedCrossdockServer } from './isolated-server.js';

const ARTIFACTS = join(REPO_ROOT, 'test/e2e/artifacts');
const HOST_NAME = 'e2e-docker-1';
const KEY_NAME = 'rig-key';
const PASSPHRASE = 'e2e vault passphrase';
/** Only this test's own container on the shared machine; other files' containers are left alone. */
const CONTAINER = 'e2e-ticker';

let server: CrossdockServer;
let browser: Browser;
let page: Page;
let machine: DockerRigMachine;
let keyPath: string;
let testImage: string;
/** Read out of band (docker exec), never from what the network presents. */
let realFingerprint: string;
let containerId: string;
/** Uncaught exceptions and CSP violations in the page; any of them fails the last test. */
const pageProblems: string[] = [];

const row = () => page.locator(`[data-testid="host-row"][data-host-name="${HOST_NAME}"]`);
const tickerRow = () => page.locator('[data-testid="container-row"]').filter({ hasText: CONTAINER });
const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, name), animations: 'disabled' });

/** The tick numbers in the log pane's rendered lines ("e2e tick 17" → 17). */
async function shownTicks(): Promise<number[]> {
  const lines = await page.getByTestId('logs-lines').locator('.log-line').allTextContents();
  return lines.flatMap((line) => {
    const match = /^e2e tick (\d+)$/.exec(line.trim());
    return match ? [Number(match[1])] : [];
  });
}

/** xterm's DOM renderer draws one div per screen row. */
async function terminalText(): Promise<string> {
  const rows = await page.getByTestId('terminal').locator('.xterm-rows > div').allTextContents();
  return rows.map((text) => text.trimEnd()).join('\n');
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const rig = await upDockerRig(1);
  keyPath = rig.keyPath;
  testImage = rig.testImage;
  machine = machineNamed(rig, 'crossdock-docker-1');
  realFingerprint = await machineHostKeyFingerprint(machine.name);
  const ticker = `i=0; while true; do echo e2e tick $i; i=$((i+1)); sleep 0.3; done`;
  containerId = (
    await onMachine(
      machine.name,
      `docker rm -f ${CONTAINER} >/dev/null 2>&1; docker run -d --name ${CONTAINER} ${testImage} sh -c '${ticker}'`,
    )
  ).trim();
  expect(containerId).toMatch(/^[0-9a-f]{64}$/);

  server = await startIsolatedCrossdockServer();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
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
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  page.on('pageerror', (error) => pageProblems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      pageProblems.push(`CSP: ${message.text()}`);
  });
  // Chromium does not always log a violation to the console (report-only paths, some CSSOM
  // cases); the DOM event catches every one.
  await page.exposeFunction('reportCspViolation', (text: string) => pageProblems.push(`CSP event: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      void report(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (machine) await onMachine(machine.name, `docker rm -f ${CONTAINER} >/dev/null 2>&1 || true`);
});

describe('adding a real SSH host from the page and working with its containers', () => {
  it('imports the SSH key from a path into a vault created from the prompt, and selects it for the new host', async () => {
    await page.goto(server.url);
    await expect
      .poll(() => page.getByTestId('connection-status').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('connected');

    await page.getByTestId('add-host').click();
    const dialog = page.getByTestId('add-host-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('add-host-name').fill(HOST_NAME);
    await dialog.getByTestId('add-host-address').fill(machine.address);
    await dialog.getByTestId('add-host-port').fill(String(machine.port));
    await dialog.getByTestId('add-host-user').fill('root');

    // A fresh install has no vault: importing is what asks for one.
    await dialog.getByRole('button', { name: 'Import…' }).click();
    const importDialog = page.getByTestId('import-key-dialog');
    await importDialog.getByTestId('key-source-path').check();
    await importDialog.getByTestId('import-key-path').fill(keyPath);
    await importDialog.getByTestId('import-key-name').fill(KEY_NAME);
    await importDialog.getByTestId('import-key-submit').click();

    const prompt = page.getByTestId('vault-prompt');
    await prompt.getByTestId('vault-create-form').waitFor();
    await prompt.getByTestId('vault-passphrase').fill(PASSPHRASE);
    await prompt.getByTestId('vault-passphrase-again').fill(PASSPHRASE);
    await prompt.getByTestId('vault-submit').click();

    // The waiting import is retried once the vault exists, and its key chosen for the host.
    await prompt.waitFor({ state: 'detached', timeout: 30_000 });
    await importDialog.waitFor({ state: 'detached', timeout: 15_000 });
    const picker = dialog.getByTestId('add-host-key');
    await expect.poll(async () => picker.locator('option:checked').textContent()).toContain(KEY_NAME);
    expect(await picker.inputValue()).not.toBe('');
  });

  it("shows the machine's real host key fingerprint before connecting, and connects once it is trusted", async () => {
    await page.getByTestId('add-host-submit').click();
    const question = page.getByTestId('hostkey-dialog');
    await question.waitFor({ timeout: 30_000 });
    expect((await question.getByTestId('hostkey-fingerprint').textContent())?.trim()).toBe(realFingerprint);
    expect(await question.textContent()).toContain(`root@${machine.address}:${machine.port}`);
    // Trusting must be a decision: Enter on the opened dialog would cancel, not trust.
    expect(await question.getByTestId('hostkey-cancel').evaluate((button) => button === document.activeElement)).toBe(
      true,
    );
    expect(await row().count()).toBe(0);
    await shot('hosts-fingerprint.png');

    await question.getByTestId('hostkey-trust').click();
    await page.getByTestId('add-host-dialog').waitFor({ state: 'detached', timeout: 30_000 });
    const added = page.getByTestId('notice').filter({ hasText: `Added ${HOST_NAME}` });
    await added.waitFor();
    expect(await added.textContent()).toMatch(
      /^Added e2e-docker-1(Connected|Connecting now); its containers (now )?show under Containers/,
    );
    await expect.poll(() => row().getAttribute('data-status'), { timeout: 30_000 }).toBe('connected');
    expect(await row().locator('.host-endpoint').textContent()).toContain(machine.address);
    // The pinned key is the one that was shown.
    expect(await row().getByTestId('host-fingerprint').getAttribute('title')).toContain(realFingerprint);
    await shot('hosts-connected.png');
  });

  it("lists the host's running container in the Containers view", async () => {
    await page.getByTestId('nav-containers').click();
    await page.getByTestId('view-containers').waitFor();
    await page.getByTestId('list-filter').fill(CONTAINER);
    await tickerRow().waitFor({ timeout: 30_000 });
    expect(await tickerRow().count()).toBe(1);
    expect(await tickerRow().getAttribute('data-state')).toBe('running');
    const cells = await tickerRow().locator('[role="gridcell"]').allTextContents();
    expect(cells.slice(0, 4)).toEqual([HOST_NAME, CONTAINER, testImage, 'Running']);
    await page.getByTestId('list-filter').fill('');
    await shot('containers.png');
  });

  it("opens the container's log and keeps following new lines as they are written", async () => {
    await page.getByTestId('list-filter').fill(CONTAINER);
    await tickerRow().click();
    const details = page.getByTestId('container-details');
    await details.waitFor();
    expect(await details.getAttribute('aria-label')).toBe(`Container ${CONTAINER}`);
    expect(await page.getByTestId('details-tab-logs').getAttribute('aria-selected')).toBe('true');

    await expect.poll(async () => (await shownTicks()).length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('logs-status').getAttribute('data-status')).toBe('streaming');
    const newest = Math.max(...(await shownTicks()));
    // The ticker writes about three lines a second: a later one must arrive while we watch.
    await expect.poll(async () => Math.max(...(await shownTicks())), { timeout: 15_000 }).toBeGreaterThan(newest + 2);
    await shot('container-logs.png');
  });

  it('opens a shell in the container and shows the output of a command typed into it', async () => {
    await page.getByTestId('details-tab-terminal').click();
    const panel = page.getByTestId('terminal-panel');
    await expect.poll(() => panel.getAttribute('data-phase'), { timeout: 30_000 }).toBe('running');
    await page.getByTestId('terminal').click();
    // The typed line holds neither "answer-42" nor the container id: only the shell's output can.
    await page.keyboard.type('echo answer-$((6*7)) on $(hostname)');
    await page.keyboard.press('Enter');
    const expected = `answer-42 on ${containerId.slice(0, 12)}`;
    await expect.poll(terminalText, { timeout: 15_000 }).toContain(expected);
    await shot('container-terminal.png');

    await page.keyboard.type('exit');
    await page.keyboard.press('Enter');
    await expect.poll(() => panel.getAttribute('data-phase'), { timeout: 15_000 }).toBe('exited');
    expect(await terminalText()).toContain('[the shell exited with code 0]');
  });

  it('opens a login shell on the host itself from the Hosts view, sized to the pane', async () => {
    await page.getByTestId('nav-hosts').click();
    await row().getByTestId('host-terminal-open').click();
    const pane = page.getByTestId('host-terminal');
    await pane.waitFor();
    expect(await pane.getAttribute('aria-label')).toBe(`Terminal on ${HOST_NAME}`);
    const panel = pane.getByTestId('terminal-panel');
    await expect.poll(() => panel.getAttribute('data-phase'), { timeout: 30_000 }).toBe('running');
    await pane.getByTestId('terminal').click();
    // The machine's hostname and its pty's size come only from the host's own shell.
    await page.keyboard.type(
      'echo "host-$(hostname) rows=$(stty size | cut -d" " -f1)" && test "$(stty size)" != "24 80" && echo sized',
    );
    await page.keyboard.press('Enter');
    await expect
      .poll(terminalText, { timeout: 15_000 })
      .toMatch(new RegExp(`host-${machine.name} rows=\\d+\\s*\\nsized`));
    await shot('host-terminal.png');

    await page.keyboard.type('exit 5');
    await page.keyboard.press('Enter');
    await expect.poll(() => panel.getAttribute('data-phase'), { timeout: 15_000 }).toBe('exited');
    expect(await terminalText()).toContain('[the shell exited with code 5]');
    await pane.getByTestId('host-terminal-close').click();
    await expect.poll(() => pane.count()).toBe(0);
  });

  it('did all of that without uncaught page errors or CSP violations', () => {
    expect(pageProblems).toEqual([]);
  });
});
