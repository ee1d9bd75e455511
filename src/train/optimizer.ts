// Optimizer state for one network: Adam moments or SGD velocity, plus the update count.

import type { Backend, Tensor } from '../backend/types.js';
import type { TrainOptions } from './options.js';

export interface OptimizerSnapshot {
  /** Updates applied so far. */
  updates: number;
  /** Adam: [m, v]; SGD with momentum: [velocity]; plain SGD: []. */
  buffers: Float32Array[];
}

export class Optimizer {
  private readonly buffers: Tensor[];
  private updates = 0;

  constructor(
    private readonly backend: Backend,
    private readonly size: number,
    private readonly lr: number,
    private readonly options: TrainOptions,
  ) {
    let count = 0; // plain SGD keeps no state
    if (options.optimizer === 'adam') count = 2; // first and second moments
    else if (options.momentum > 0) count = 1; // velocity
    this.buffers = Array.from({ length: count }, () => backend.alloc(size));
  }

  /** Applies one update to `params` from `grads`. */
  apply(params: Tensor, grads: Tensor): void {
    this.updates += 1;
    const o = this.options;
    if (o.optimizer === 'adam') {
      const [m, v] = this.buffers;
      this.backend.adam(params, grads, m, v, this.size, { lr: this.lr, beta1: o.beta1, beta2: o.beta2, eps: o.eps, step: this.updates });
    } else {
      this.backend.sgd(params, grads, this.buffers[0] ?? null, this.size, this.lr, o.momentum);
    }
  }

  snapshot(): OptimizerSnapshot {
    return { updates: this.updates, buffers: this.buffers.map((b) => this.backend.read(b)) };
  }

  restore(snapshot: OptimizerSnapshot): void {
    if (snapshot.buffers.length !== this.buffers.length) {
      throw new RangeError(`optimizer state has ${snapshot.buffers.length} buffers, expected ${this.buffers.length}`);
    }
    if (!Number.isSafeInteger(snapshot.updates) || snapshot.updates < 0) {
      throw new RangeError(`optimizer update count must be a non-negative integer, got ${snapshot.updates}`);
    }
    snapshot.buffers.forEach((values, i) => {
      if (values.length !== this.size) throw new RangeError(`optimizer buffer ${i} has ${values.length} values, expected ${this.size}`);
    });
    snapshot.buffers.forEach((values, i) => this.backend.write(this.buffers[i], values));
    this.updates = snapshot.updates;
  }

  dispose(): void {
    for (const b of this.buffers) this.backend.free(b);
  }
}
