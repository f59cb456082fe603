// Fresh plain machines (`rig.sh fresh N`), remade on every call: for tests that change a
// machine for good, like bootstrap installing Docker.
import { parseRigInfo, type RigInfo } from '../rig/rig-info.js';
import { runRig } from './run-rig.js';

/** Runs `rig.sh fresh count`: plain machines made anew, with new host keys and no Docker. */
export function freshMachines(count: number): Promise<RigInfo> {
  return runRig(['fresh', String(count)], parseRigInfo);
}
