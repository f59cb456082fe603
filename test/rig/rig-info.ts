import { z } from 'zod';

/** One test machine of the rig: a container that answers real SSH on the rig's own network. */
export interface RigMachine {
  /** Container name, also the machine's hostname (crossdock-test-1, -2, ...). */
  name: string;
  /** Fixed address on the rig's bridge network 10.213.0.0/24 (.11, .12, ...). */
  address: string;
  port: number;
  /** Users that accept the rig key: root, and "tester" with passwordless sudo. */
  users: string[];
}

/** What `rig.sh up N` prints as the last line of its stdout. */
export interface RigInfo {
  /** Absolute path of the rig's private test key (ed25519, no passphrase). */
  keyPath: string;
  machines: RigMachine[];
}

/** A machine as every `rig.sh` command prints it; the Docker machines add their own fields. */
export const rigMachineSchema = z.object({
  name: z.string().min(1),
  address: z.ipv4(),
  port: z.number().int().positive(),
  users: z.array(z.string().min(1)).min(1),
});

const rigInfoSchema: z.ZodType<RigInfo> = z.object({
  keyPath: z.string().startsWith('/'),
  machines: z.array(rigMachineSchema),
});

/** Parses the JSON line printed by `rig.sh up`; throws if it is not the promised shape. */
export function parseRigInfo(line: string): RigInfo {
  return rigInfoSchema.parse(JSON.parse(line));
}
