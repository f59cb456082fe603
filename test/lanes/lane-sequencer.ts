// The order in which vitest hands test files to its workers: by turnOf() in lanes.ts, so the
// files started together are mostly ones that can run together. Vitest's own order (longest first,
// by the durations it cached last time) would start the two migration files of one lane at once,
// one of them only to wait; this one is also the same on a fresh clone, where no cache exists.
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { turnOf } from './lanes.js';

export default class LaneSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const root = this.ctx.config.root;
    // Stable: projects keep their group order, and files of the unit project (in no lane) keep
    // vitest's order among themselves.
    return base
      .map((spec, index) => ({ spec, index, turn: turnOf(relative(root, spec.moduleId)) }))
      .sort((a, b) => {
        const group = a.spec.project.config.sequence.groupOrder - b.spec.project.config.sequence.groupOrder;
        return group || a.turn - b.turn || a.index - b.index;
      })
      .map(({ spec }) => spec);
  }
}
