import { CrossdockError, type BootstrapReport, type BootstrapStep } from '../../../shared/index.js';
import type { HostRuntime } from '../hosts/host-runtime.js';
import type { StoredHost } from '../hosts/inventory.js';
import type { JobRunner } from '../jobs/registry.js';
import { mergeDaemonConfig } from './daemon-config.js';
import { detectHost, noPrivilege } from './detect-host.js';
import { choosePlan } from './install-plans.js';
import { installScript } from './install-script.js';
import { PackageProgress, parseAptStatus } from './package-progress.js';
import { runPrivileged, type Privilege, type ScriptResult } from './privileged-shell.js';
import { daemonFactsScript, daemonWriteScript, groupScript, serviceScript } from './service-script.js';
import { verifyEngine } from './verify-engine.js';

export interface BootstrapOptions {
  distributionPackagesOnly?: boolean | undefined;
  sudoPassword?: string | undefined;
}

// overlay2 cannot sit on an overlay file system (a container-like machine's root).
const OVERLAY_BACKING = new Set(['overlayfs', 'overlay']);

/** The bootstrap job: named steps, each saying whether it changed anything. */
export function bootstrapJob(
  runtime: HostRuntime,
  host: StoredHost,
  options: BootstrapOptions,
): JobRunner<'bootstrap'> {
  return async (job): Promise<BootstrapReport> => {
    const steps: BootstrapStep[] = [];
    // One log line per step when it ends, saying what it did (or that it found things done);
    // `said` leaves out what the log already showed while the step ran (its notes).
    const step = (name: string, changed: boolean, detail: string, said: string = detail): void => {
      steps.push({ name, changed, detail });
      job.log(`[${name}] ${said}`, 'info');
    };

    job.step('detect');
    const connection = await runtime.connection(host);
    const { system, os, privilege } = await detectHost(connection, options.sudoPassword, job.signal);
    // Unsupported systems fail here, before anything on the host is touched.
    const plan = choosePlan(os, system.arch, { distributionPackagesOnly: options.distributionPackagesOnly });
    if (!privilege) throw noPrivilege(system, connection.endpoint);
    step(
      'detect',
      false,
      `${system.prettyName} (${system.id} ${system.versionId}, ${system.arch}), init ${system.init}, ${system.packageManager ?? 'no package manager'}, privilege ${system.privilege}; Docker ${system.docker.installed ? `${system.docker.version ?? ''} installed${system.docker.running ? ', running' : ''}` : 'not installed'}`,
    );

    const run = async (name: string, script: string, packages?: PackageProgress): Promise<ScriptResult> => {
      const result = await runPrivileged(connection, script, privilege, {
        signal: job.signal,
        onLine: ({ stream, text }) => {
          const marker = /^@crossdock (\S+) ?(.*)$/.exec(text);
          if (!marker) {
            if (packages?.line(text)) return;
            return job.log(text, stream);
          }
          if (marker[1] === 'phase') return packages?.marker(marker[2] ?? '');
          // What a step changed, or found unchanged, is logged once, by `step` when it ends.
          if (marker[1] === 'changed' || marker[1] === 'unchanged') return;
          job.log(`[${name}] ${marker[1] === 'note' ? '' : `${marker[1]} `}${marker[2]}`, 'info');
        },
      });
      if (result.exitCode !== 0) throw stepFailed(name, result, connection.endpoint, privilege);
      return result;
    };
    const outcome = (result: ScriptResult): { changed: boolean; detail: string; said: string } => {
      const last = result.markers.filter((m) => m.kind === 'changed' || m.kind === 'unchanged').at(-1);
      const notes = result.markers.filter((m) => m.kind === 'note').map((m) => m.text);
      const said = last?.text ?? 'done';
      return { changed: last?.kind === 'changed', detail: [...notes, said].join('; '), said };
    };

    job.step('packages');
    const packages = new PackageProgress(
      {
        progress: (part, detail) => job.within('packages', part, detail),
        log: (text) => job.log(`[packages] ${text}`, 'info'),
      },
      plan.packageManager === 'apt'
        ? 'apt'
        : plan.packageManager === 'dnf' || plan.packageManager === 'yum'
          ? 'rpm'
          : 'other',
    );
    const installed = outcome(await run('packages', installScript(plan), packages));
    step('packages', installed.changed, installed.detail, installed.said);

    job.step('daemon-config');
    const facts = await run('daemon-config', daemonFactsScript());
    const existing = /@crossdock file-begin\n([\s\S]*?)\n?@crossdock file-end/.exec(facts.stdout)?.[1] ?? null;
    const backing = facts.markers.find((m) => m.kind === 'backing-fs')?.text ?? 'unknown';
    const extra: Record<string, string> = {};
    if (!system.docker.running && OVERLAY_BACKING.has(backing)) {
      extra['storage-driver'] = 'vfs';
      job.log(
        `[daemon-config] /var/lib/docker is on ${backing}, where overlay2 cannot run: using the vfs storage driver (slower, more disk)`,
        'info',
      );
    }
    const merged = mergeDaemonConfig(existing, extra);
    if (merged.changed) await run('daemon-config', daemonWriteScript(merged.text));
    step(
      'daemon-config',
      merged.changed,
      merged.changed
        ? `/etc/docker/daemon.json: added ${merged.added.join(', ')} (existing keys kept)`
        : '/etc/docker/daemon.json already has the log rotation and live-restore settings',
    );

    job.step('service');
    let service: { changed: boolean; detail: string; said: string };
    try {
      service = outcome(await run('service', serviceScript(system.init, merged.changed && system.docker.running)));
    } catch (error) {
      // A new engine that cannot use its default storage driver (overlay2 where the backing file
      // system does not allow it) gets vfs, once, if its log says the driver was the problem.
      const driverTrouble =
        error instanceof CrossdockError && /graphdriver|storage.driver|overlay/i.test(error.message);
      if (system.docker.running || !driverTrouble || existingKey(merged.text, 'storage-driver')) throw error;
      job.log(
        '[service] Docker did not start with its default storage driver: setting storage-driver vfs in /etc/docker/daemon.json and trying again',
        'info',
      );
      const withVfs = mergeDaemonConfig(merged.text, { 'storage-driver': 'vfs' });
      await run('daemon-config', daemonWriteScript(withVfs.text));
      service = outcome(await run('service', serviceScript(system.init, false)));
      const vfs = 'with the vfs storage driver (the default one did not start)';
      service = { changed: true, detail: `${service.detail}; ${vfs}`, said: `${service.said}; ${vfs}` };
    }
    step('service', service.changed, service.detail, service.said);

    if (host.user && host.user !== 'root') {
      job.step('docker-group');
      const group = outcome(await run('docker-group', groupScript(host.user)));
      step('docker-group', group.changed, group.detail, group.said);
    }

    job.step('verify');
    const changed = steps.some((s) => s.changed);
    // A new group membership applies from the next login, and an engine probed before Docker
    // existed has settled on a transport: start the pooled connection and engine afresh.
    if (changed) await runtime.forget(host.id);
    const check = await verifyEngine(await runtime.engine(host), job.signal);
    step('verify', false, check.detail);

    return {
      os: system.id,
      version: system.versionId,
      arch: system.arch,
      docker: { version: check.version, storageDriver: check.storageDriver },
      changed,
      steps,
    };
  };
}

function existingKey(json: string, key: string): boolean {
  return key in (JSON.parse(json) as Record<string, unknown>);
}

function stepFailed(name: string, result: ScriptResult, endpoint: string, privilege: Privilege): CrossdockError {
  // apt's status lines and the script's markers on stderr are for the job's progress, not the error.
  const tail = result.stderr
    .split('\n')
    .filter((line) => line && !line.startsWith('@crossdock ') && parseAptStatus(line) === null)
    .slice(-8)
    .join(' | ');
  const wrongPassword = privilege.mode === 'sudo-password' && /incorrect password|try again/i.test(result.stderr);
  const message = wrongPassword
    ? `sudo on ${endpoint} refused the password`
    : `Bootstrap step "${name}" failed on ${endpoint} (exit ${result.exitCode ?? 'by signal'})${tail ? `: ${tail}` : ''}`;
  return new CrossdockError('FAILED_PRECONDITION', message, { host: endpoint, step: name, exitCode: result.exitCode });
}
