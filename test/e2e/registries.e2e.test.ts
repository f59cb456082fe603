// Settings → Registries in Chromium against the real web mode, and a real registry: Debian's
// docker-registry on loopback with TLS (a CA made for the test, given to the server through
// NODE_EXTRA_CA_CERTS) and htpasswd auth. In the page, by keyboard where a person types: a login
// with a wrong password is refused (REGISTRY_AUTH_FAILED, nothing saved, the dialog stays open),
// the right one is checked and saved, the password is nowhere in the page, Test says it works,
// and Remove asks first, then deletes it; last, Import from Docker brings in the login a Docker
// client config holds. No rig machine is touched.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCert, makeCa, makeHtpasswd, startRegistry, type RunningRegistry } from '../integration/local-registry.js';
import { REPO_ROOT, startCrossdockServer, type CrossdockServer } from './crossdock-server.js';
import { openApp } from './open-app.js';

const ARTIFACTS = join(REPO_ROOT, 'test/e2e/artifacts');
const USER = 'e2e-registry-user';
const PASSWORD = 'e2e-Registry-pw-4821';
const WRONG = 'e2e-wrong-pw-7730';

let root: string;
let registry: RunningRegistry;
let server: CrossdockServer;
let browser: Browser;
let page: Page;
const pageProblems: string[] = [];

const section = () => page.getByTestId('registries-section');
const row = () => section().locator(`[data-testid="registry-row"][data-registry="${registry.name}"]`);
const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, name), animations: 'disabled' });

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  root = mkdtempSync(join(tmpdir(), 'crossdock-e2e-registries-'));
  const ca = makeCa(root);
  registry = await startRegistry({
    dir: join(root, 'registry'),
    auth: { kind: 'htpasswd', path: makeHtpasswd(root, USER, PASSWORD) },
    tls: issueCert(ca, root, 'registry'),
  });
  const home = join(root, 'home');
  mkdirSync(home);
  server = await startCrossdockServer({
    env: {
      CROSSDOCK_PASSPHRASE: 'e2e registries passphrase',
      NODE_EXTRA_CA_CERTS: ca.certPath,
      HOME: home,
      DOCKER_CONFIG: join(home, '.docker'),
    },
  });
  ({ browser, page } = await openApp(server.url, pageProblems));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await registry?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('registry logins from Settings', () => {
  it('shows an empty Registries section', async () => {
    await page.getByTestId('nav-settings').click();
    await section().getByTestId('registries-empty').waitFor({ timeout: 15_000 });
    expect(await section().getByRole('heading').first().textContent()).toBe('Registries');
  });

  it('refuses a wrong password with REGISTRY_AUTH_FAILED, then saves the right one after checking it', async () => {
    await section().getByTestId('registry-add').click();
    const dialog = page.getByTestId('add-registry-dialog');
    await dialog.waitFor();
    expect(await dialog.getByLabel('Registry').evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await dialog.getByLabel('Password or access token').getAttribute('type')).toBe('password');

    // Enter on an empty form names every missing field and sends nothing.
    await page.keyboard.press('Enter');
    await dialog.getByText('Give the username.').waitFor();

    await page.keyboard.type(`https://${registry.name}/v2/`);
    await page.keyboard.press('Tab');
    await page.keyboard.type(USER);
    await page.keyboard.press('Tab');
    await page.keyboard.type(WRONG);
    await page.keyboard.press('Enter');
    const error = dialog.getByTestId('add-registry-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toContain(`The registry ${registry.name} refused the login of ${USER}`);
    expect(await error.textContent()).toContain('REGISTRY_AUTH_FAILED');
    expect(await error.textContent()).toContain('Nothing was saved.');
    await shot('registries-refused.png');
    expect(await section().getByTestId('registry-row').count()).toBe(0);

    await dialog.getByLabel('Password or access token').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await row().waitFor();
    expect(await row().locator('td').first().textContent()).toBe(USER);
    // The vault now holds the password: its section counts it.
    await expect
      .poll(() => page.getByText('1 secret, protected by your passphrase.').count(), { timeout: 10_000 })
      .toBe(1);
    const html = await page.content();
    expect(html).not.toContain(PASSWORD);
    expect(html).not.toContain(WRONG);
    await shot('registries-saved.png');
  });

  it('tests the saved login', async () => {
    await row()
      .getByRole('button', { name: `Test the login for ${registry.name}` })
      .click();
    const notice = page.getByTestId('notice').filter({ hasText: `The login for ${registry.name} works` });
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain(`https://${registry.name}/v2/`);
  });

  it('removes the login after a confirmation that names it', async () => {
    await row().getByTestId('registry-remove').click();
    const confirm = page.getByTestId('registry-remove-dialog');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(`Remove the login for ${registry.name}?`);
    // Cancel has focus: Enter would not remove; the confirm button does.
    await confirm.getByTestId('registry-remove-dialog-confirm').click();
    await confirm.waitFor({ state: 'detached' });
    await section().getByTestId('registries-empty').waitFor();
  });

  it('imports the login the Docker client config holds', async () => {
    const dockerConfig = join(root, 'home', '.docker');
    mkdirSync(dockerConfig, { recursive: true });
    writeFileSync(
      join(dockerConfig, 'config.json'),
      JSON.stringify({ auths: { [registry.name]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } } }),
    );
    await section().getByTestId('registry-import').click();
    const notice = page.getByTestId('notice').filter({ hasText: 'Imported 1 Docker login' });
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain(registry.name);
    await row().waitFor();
    expect(await page.content()).not.toContain(PASSWORD);
    expect(pageProblems).toEqual([]);
  });
});
