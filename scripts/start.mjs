// `npm start`: builds the app and opens the desktop window. Where Electron cannot run — its
// binary could not be downloaded, or there is no display — it starts the same UI in web mode
// instead and says why, so the command always gives the user a working app.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function electronBinary() {
  const dir = join('node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) {
    // Electron downloads its binary on first use; try once, quietly.
    spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'ignore', timeout: 300_000 });
  }
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : null;
}

run('npx', ['--no-install', 'electron-vite', 'build']);

const binary = electronBinary();
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
if (binary && !headless) {
  const child = spawn(binary, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    binary
      ? 'No display found: starting Crossdock in web mode instead of a window.'
      : "Electron's binary is not installed and could not be downloaded: starting Crossdock in web mode instead of a window.",
  );
  const child = spawn(process.execPath, ['bin/crossdock.mjs', 'serve', ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
