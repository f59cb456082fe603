// The order in which vitest hands test files to its workers. Vitest's own order (longest first,
// by the durations it cached last time) would start the two migration files of one lane at once,
// one of them only to wait. This order takes the lanes of lanes.ts in turn — the first file of
// each lane, heaviest lane first, then the second of each, and so on — so the files started
// together are mostly ones that can run together. Files no lane names (they run alone) come first,
// lane `none` last, to fill the gaps at the end. The same on a fresh clone, where no cache exists.
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { lanes, lanesOf } from './lanes.js';

/**
 * Sort key [round, lane index] by the file's first lane: files in no lane (they run alone) sort
 * before every round, lane `none` after all.
 */
function rank(root: string, spec: TestSpecification): [number, number] {
  const file = relative(root, spec.moduleId);
  const [lane] = lanesOf(file);
  if (lane === undefined) return [-1, 0];
  if (lane.name === 'none') return [Number.MAX_SAFE_INTEGER, lane.files.indexOf(file)];
  return [lane.files.indexOf(file), lanes.indexOf(lane)];
}

export default class LaneSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const root = this.ctx.config.root;
    // Stable: projects keep their group order, and files of the unit project (in no lane) keep
    // vitest's order among themselves.
    return base
      .map((spec, index) => ({ spec, index, key: rank(root, spec) }))
      .sort((a, b) => {
        const group = a.spec.project.config.sequence.groupOrder - b.spec.project.config.sequence.groupOrder;
        return group || a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.index - b.index;
      })
      .map(({ spec }) => spec);
  }
}
