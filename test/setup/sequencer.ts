// Test files in one queue, layer by layer: unit, integration, browser, then the type check's
// result. Two workers take files from it, so a worker that is done with the last integration
// file starts a browser file while the other still runs (no barrier between layers). Within a layer
// vitest's own order (failed first, then longest first).
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const LAYERS = ['unit', 'integration', 'browser', 'typecheck'];

export class LayerSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const layer = (s: TestSpecification) => {
      const i = LAYERS.indexOf(s.project.name);
      return i < 0 ? LAYERS.length : i;
    };
    return sorted.map((s, i) => ({ s, i })).sort((a, b) => layer(a.s) - layer(b.s) || a.i - b.i).map(({ s }) => s);
  }
}
