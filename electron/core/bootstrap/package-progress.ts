// The package manager's own progress during the "packages" step, so the job moves through the
// 30–45 s of a Docker install instead of sitting at one figure.
//
// apt writes machine-readable status lines to the descriptor named by `-o APT::Status-Fd=N`
// (apt's README.progress-reporting); the install script sends them to stderr:
//   dlstatus:DONE:PERCENT:Retrieving file 3 of 131
//   pmstatus:PACKAGE:PERCENT:Unpacking runc (amd64)      (PACKAGE may be pkg:arch; dpkg-exec for "Running dpkg")
//   pmerror:PACKAGE:PERCENT:error text
// dnf and yum have no such channel; their ordinary output numbers what they do, which is read as is:
//   (3/12): containerd.io-1.6.33-3.1.el9.x86_64.rpm   5.1 MB/s |  43 MB   00:08
//     Installing       : containerd.io-1.6.33-3.1.el9.x86_64                 3/12
//     Verifying        : containerd.io-1.6.33-3.1.el9.x86_64                 3/12

/** One line of a package manager's progress. `percent` is of the whole download or install (0..100). */
export type PackageStatus =
  | { kind: 'download'; percent: number; file: number | null; files: number | null; text: string }
  | { kind: 'install'; percent: number; package: string; text: string }
  | { kind: 'error'; package: string; text: string };

const APT_STATUS = /^(dlstatus|pmstatus|pmerror):(.*?):\s*(\d+(?:\.\d+)?)%?\s*:\s*(.*)$/;

/** An apt status line (`APT::Status-Fd`), or null for any other line. */
export function parseAptStatus(line: string): PackageStatus | null {
  const match = APT_STATUS.exec(line.trim());
  if (!match) return null;
  const [, kind, name = '', number = '0', text = ''] = match;
  const percent = clampPercent(Number(number));
  if (kind === 'dlstatus') {
    const files = /file (\d+) of (\d+)/.exec(text);
    return {
      kind: 'download',
      percent,
      file: files ? Number(files[1]) : null,
      files: files ? Number(files[2]) : null,
      text,
    };
  }
  if (kind === 'pmerror') return { kind: 'error', package: name.trim(), text };
  return { kind: 'install', percent, package: name, text };
}

const RPM_DOWNLOAD = /^\((\d+)\/(\d+)\): (\S+)/;
const RPM_ACTION =
  /^\s+(Preparing|Installing|Upgrading|Reinstalling|Downgrading|Obsoleting|Cleanup|Running scriptlet|Verifying)\s*:\s*(\S*).*?\s(\d+)\/(\d+)\s*$/;

/** A dnf or yum progress line (a numbered download or transaction action), or null. */
export function parseRpmProgress(line: string): PackageStatus | null {
  const download = RPM_DOWNLOAD.exec(line);
  if (download) {
    const file = Number(download[1]);
    const files = Number(download[2]);
    return { kind: 'download', percent: clampPercent((file / files) * 100), file, files, text: download[3] ?? '' };
  }
  const action = RPM_ACTION.exec(line);
  if (!action) return null;
  const [, verb = '', name = '', n = '0', of = '1'] = action;
  const share = Number(n) / Math.max(1, Number(of));
  // The transaction goes through the packages once, then verifies them all: 90% and 10%.
  const percent = verb === 'Verifying' ? 90 + 10 * share : verb === 'Preparing' ? 0 : 90 * share;
  return { kind: 'install', percent: clampPercent(percent), package: name, text: `${verb} ${name}`.trim() };
}

function clampPercent(value: number): number {
  return Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 0;
}

/** Where each part of the step sits in its progress (0..1). */
const SPANS = { index: [0, 0.1], download: [0.1, 0.4], install: [0.4, 1] } as const;
type Stage = keyof typeof SPANS;

const INTRO: Record<Stage, string> = {
  index: 'updating the package index',
  download: 'downloading the packages',
  install: 'unpacking and configuring the packages',
};

/** The log gets a line each time a stage is this much further (percent of the stage). */
const LOG_EVERY = 20;

export interface PackageProgressSink {
  /** `part` (0..1) of the way through the step, with what it is at. */
  progress(part: number, detail: string): void;
  /** A sub-step for the job's log. */
  log(text: string): void;
}

/**
 * Turns the package manager's lines into the step's progress and a few log lines (one as each
 * stage starts, then one every 20% of it), from the script's `@crossdock phase index|install`
 * markers (which apt-get run comes next) and the status lines. Progress is reported only when the
 * step's whole percent changes, so hundreds of status lines make at most a hundred updates.
 */
export class PackageProgress {
  private phase: 'index' | 'install' = 'install';
  private stage: Stage | null = null;
  private reportedPercent = -1;
  private loggedStep = 0;

  constructor(
    private readonly sink: PackageProgressSink,
    private readonly manager: 'apt' | 'rpm' | 'other',
  ) {}

  /** The script said which apt-get run comes next. */
  marker(phase: string): void {
    if (phase === 'index' || phase === 'install') this.phase = phase;
  }

  /**
   * Reads one line of output. True when the line was a status line meant only for this (apt's
   * status descriptor), which the caller then leaves out of the log; dnf's numbered lines are
   * ordinary output and stay in it.
   */
  line(text: string): boolean {
    if (this.manager === 'apt') {
      const status = parseAptStatus(text);
      if (status) this.take(status);
      return status !== null;
    }
    if (this.manager === 'rpm') {
      const status = parseRpmProgress(text);
      if (status) this.take(status);
    }
    return false;
  }

  private take(status: PackageStatus): void {
    if (status.kind === 'error') {
      this.sink.log(`package error: ${status.package}: ${status.text}`);
      return;
    }
    const stage: Stage = status.kind === 'install' ? 'install' : this.phase === 'index' ? 'index' : 'download';
    if (stage !== this.stage) {
      this.stage = stage;
      this.reportedPercent = -1;
      this.loggedStep = 0;
      const count =
        status.kind === 'download' && stage === 'download' && status.files ? ` (${status.files} files)` : '';
      this.sink.log(`${INTRO[stage]}${count}`);
    }
    const [from, to] = SPANS[stage];
    const part = from + ((to - from) * status.percent) / 100;
    const detail = describe(stage, status);
    const percent = Math.floor(part * 100);
    if (percent !== this.reportedPercent) {
      this.reportedPercent = percent;
      this.sink.progress(part, detail);
    }
    const step = Math.floor(status.percent / LOG_EVERY);
    if (step > this.loggedStep && status.percent < 100) {
      this.loggedStep = step;
      this.sink.log(`${INTRO[stage]}: ${step * LOG_EVERY}%, ${detail}`);
    }
  }
}

function describe(stage: Stage, status: PackageStatus): string {
  if (status.kind === 'download') {
    const files = status.file && status.files ? `file ${status.file} of ${status.files}` : status.text;
    return stage === 'index' ? `Updating the package index: ${files}` : `Downloading packages: ${files}`;
  }
  if (status.kind === 'install') {
    const what = status.package === 'dpkg-exec' ? 'running dpkg' : status.text;
    return `Installing packages, ${Math.floor(status.percent)}%: ${what}`;
  }
  return status.text;
}
