import { z } from 'zod';
import { rigMachineSchema, type RigMachine } from './rig-info.js';

/** A rig machine with its own Docker engine (`rig.sh up-docker`). */
export interface DockerRigMachine extends RigMachine {
  /** False for crossdock-docker-nofwd, whose sshd says `AllowStreamLocalForwarding no`. */
  streamLocalForwarding: boolean;
}

/** What `rig.sh up-docker N` prints as the last line of its stdout. */
export interface DockerRigInfo {
  keyPath: string;
  /** A ~2 MB busybox image loaded into every machine's engine (loaded, not pulled). */
  testImage: string;
  /** The rig's registry (test/rig/registry.sh): TLS with the rig CA at caPath, htpasswd login. */
  registry: { address: string; username: string; password: string; caPath: string };
  /** crossdock-docker-1..N at 10.213.0.101.., then crossdock-docker-nofwd at 10.213.0.110. */
  machines: DockerRigMachine[];
}

const schema: z.ZodType<DockerRigInfo> = z.object({
  keyPath: z.string().startsWith('/'),
  testImage: z.string().min(1),
  registry: z.object({
    address: z.string().min(1),
    username: z.string().min(1),
    password: z.string().min(1),
    caPath: z.string().startsWith('/'),
  }),
  machines: z.array(rigMachineSchema.extend({ streamLocalForwarding: z.boolean() })),
});

/** Parses the JSON line printed by `rig.sh up-docker`; throws if it is not the promised shape. */
export function parseDockerRigInfo(line: string): DockerRigInfo {
  return schema.parse(JSON.parse(line));
}
