/**
 * Which integration and browser test files may run at the same time: the files of one lane share
 * rig machines (or another resource a test looks at as a whole) and run one after another; lanes
 * run side by side; a file of lane `none` touches nothing another file looks at and runs beside
 * anything. A file named nowhere here runs alone, with no other file at all (`lane-lock.ts`), so
 * a new file is safe before anyone decides where it belongs; put it in a lane to let it overlap.
 *
 * A file that uses the resources of two lanes is listed in both and waits for both.
 *
 * What puts two files in one lane: one of them changes a machine the other uses (host keys
 * regenerated, sshd killed, Docker installed, tmpfs mounted), or lists what a machine or emulator
 * holds, or picks a free address by looking at the rig network (two emulators at once could pick
 * the same one). Rig machines and address ranges are in test/rig/README.md.
 *
 * Lanes are listed heaviest first and files in a lane too, by the times of a run of all of them
 * one at a time (printed at the end of every run: test/summary-reporter.ts), with a file that is
 * in two lanes at the same place in both; that is the order in which they start (turnOf).
 */
export interface Lane {
  /** Also the name of its lock file. */
  name: string;
  /** What the lane's files hold while one of them runs. */
  resources: string;
  /** Test files, relative to the repository root, heaviest first. */
  files: readonly string[];
}

export const lanes: readonly Lane[] = [
  {
    name: 'sandbox',
    resources:
      'the local provider’s sandbox machines on the local engine: the first to make its `crossdock` network races any other (Docker 20.10 lets two networks share a name)',
    files: [
      'test/integration/providers/machine-cli.test.ts',
      'test/e2e/machines.e2e.test.ts',
      'test/integration/providers/machine-create-local.test.ts',
      'test/integration/providers/local-provider.test.ts',
      // Makes a container with the sandbox's labels, which the local provider lists as a machine.
      'test/e2e/forms.e2e.test.ts',
    ],
  },
  {
    name: 'fresh-machines',
    resources: 'crossdock-fresh-1..3 (10.213.0.61–.63), remade by every `rig.sh fresh`',
    files: ['test/e2e/bootstrap.e2e.test.ts', 'test/integration/bootstrap.test.ts'],
  },
  {
    name: 'ec2',
    resources: 'the EC2 emulator’s machines (10.213.0.150–.169)',
    files: [
      'test/integration/providers/machine-create-aws.test.ts',
      'test/e2e/machines.e2e.test.ts',
      'test/integration/emulators/ec2-emulator.test.ts',
      'test/integration/providers/aws-provider.test.ts',
    ],
  },
  {
    name: 'docker-1',
    resources: 'crossdock-docker-1 and -nofwd (10.213.0.101, .110)',
    files: [
      'test/integration/workloads-cli.test.ts',
      'test/integration/workloads.test.ts',
      'test/integration/compose-conformance.test.ts',
      'test/integration/hosts-api.test.ts',
      'test/e2e/hosts.e2e.test.ts',
      'test/integration/docker-over-ssh.test.ts',
    ],
  },
  {
    name: 'docker-6-8',
    resources: 'crossdock-docker-6, -7 and -8 (10.213.0.106–.108): the migration tests’ hosts d6, d7, d8',
    files: ['test/integration/migration-faults.test.ts', 'test/integration/migration.test.ts'],
  },
  {
    name: 'gce',
    resources: 'the GCE emulator’s machines (10.213.0.170–.189)',
    files: [
      'test/integration/providers/machine-create-gce.test.ts',
      'test/integration/providers/gcp-provider.test.ts',
      'test/integration/emulators/gce-emulator.test.ts',
    ],
  },
  {
    name: 'hetzner',
    resources: 'the Hetzner emulator’s machines (10.213.0.190–.199)',
    files: ['test/integration/providers/machine-create-hetzner.test.ts'],
  },
  {
    name: 'digitalocean',
    resources: 'the DigitalOcean emulator’s machines (10.213.0.200–.209)',
    files: ['test/integration/providers/machine-create-digitalocean.test.ts'],
  },
  {
    name: 'docker-4-5',
    resources:
      'crossdock-docker-4 and -5 (10.213.0.104–.105), and volumes of its own run on the local engine; image-pull and images-cli push to the rig registry (10.213.0.1:5443) under repositories of their own; image-build builds on -5; images-cli sends an image of its own to the local engine',
    files: [
      'test/integration/migration-transfer.test.ts',
      'test/integration/images-cli.test.ts',
      'test/integration/image-pull.test.ts',
      'test/integration/image-build.test.ts',
    ],
  },
  {
    name: 'docker-3-and-9',
    resources: 'crossdock-docker-3 and -9 (10.213.0.103, .109); hosts-api.test.ts regenerates the host keys of 3',
    files: ['test/e2e/migration.e2e.test.ts', 'test/integration/hosts-api.test.ts'],
  },
  {
    name: 'docker-2',
    resources: 'crossdock-docker-2 (10.213.0.102), whose host keys host-key-change.test.ts regenerates',
    files: [
      'test/e2e/workloads.e2e.test.ts',
      'test/integration/workloads.test.ts',
      'test/e2e/workload-secrets.e2e.test.ts',
      'test/integration/host-key-change.test.ts',
    ],
  },
  {
    name: 'plain-machines',
    resources: 'crossdock-test-1..3 (10.213.0.11–.13), made by the integration global setup',
    files: [
      'test/integration/host-shell.test.ts',
      'test/integration/ssh-connection.test.ts',
      'test/integration/rig.test.ts',
    ],
  },
  {
    name: 'none',
    resources: 'nothing shared: containers and volumes named per run on the local engine, or no Docker at all',
    files: [
      'test/integration/manifest-snapshot.test.ts',
      'test/e2e/containers-view.e2e.test.ts',
      // An image and a stopped container of its own on the local engine, named per run.
      'test/e2e/images.e2e.test.ts',
      'test/e2e/shell.e2e.test.ts',
      'test/integration/cutover-ready.test.ts',
      'test/integration/emulators/ec2-sigv4.test.ts',
      'test/integration/registries.test.ts',
      'test/e2e/registries.e2e.test.ts',
      // Emulators serving prices only: no machines, no addresses taken.
      'test/integration/emulators/price-catalogue.test.ts',
      'test/integration/cost-cli.test.ts',
      // Price lists only, from emulators of its own; it lists machines (reads) but makes none.
      'test/e2e/compare.e2e.test.ts',
    ],
  },
];

/**
 * The lanes of a test file (path relative to the repository root), in the order of the list, which
 * is the order their locks are taken in; none: it runs alone.
 */
export function lanesOf(file: string): Lane[] {
  return lanes.filter((lane) => lane.files.includes(file));
}

/**
 * A file's turn: the lanes taken in turn, heaviest first — the first file of each lane, then the
 * second of each, and so on — by the file's first lane. A file in no lane (it runs alone) comes
 * before every other, lane `none` after all the rest, to fill the gaps at the end. Lower goes
 * first: the order vitest starts files in (lane-sequencer.ts), and the order in which waiting
 * files get a run slot (lane-lock.ts).
 */
export function turnOf(file: string): number {
  const [lane] = lanesOf(file);
  if (lane === undefined) return -1;
  const index = lane.files.indexOf(file);
  if (lane.name === 'none') return 1_000_000 + index;
  return index * lanes.length + lanes.indexOf(lane);
}
