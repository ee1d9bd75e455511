// Seeded pseudo-random numbers whose whole state can be saved in a checkpoint and restored.

/** Four 32-bit words: the complete state of an `Rng`. */
export type RngState = [number, number, number, number];

/**
 * xoshiro128** (Blackman and Vigna, 2018): 128 bits of state, period 2^128 - 1, fast in
 * JavaScript because it needs only 32-bit integer operations. Not for cryptography.
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** Seeds the state from a 32-bit integer with SplitMix32, so that nearby seeds give unrelated streams. */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${String(seed)}`);
    let x = seed >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  static fromState(state: RngState): Rng {
    const valid = Array.isArray(state) && state.length === 4 && state.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff);
    if (!valid || state.every((w) => w === 0)) {
      throw new RangeError(`random generator state must be four 32-bit unsigned integers, not all zero; got ${JSON.stringify(state)}`);
    }
    const rng = new Rng(0);
    [rng.s0, rng.s1, rng.s2, rng.s3] = state;
    return rng;
  }

  state(): RngState {
    return [this.s0, this.s1, this.s2, this.s3];
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    this.s0 >>>= 0;
    this.s1 >>>= 0;
    this.s2 >>>= 0;
    this.s3 >>>= 0;
    return result;
  }

  /** Uniform in [0, 1), with 32 bits of resolution. */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, bound), without modulo bias. */
  integer(bound: number): number {
    if (!Number.isSafeInteger(bound) || bound < 1 || bound > 4294967296) {
      throw new RangeError(`integer bound must be in [1, 2^32], got ${bound}`);
    }
    const limit = 4294967296 - (4294967296 % bound);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % bound;
  }

  /**
   * Fills `out` with standard normal samples (Box-Muller, two samples per pair of uniforms).
   * For an odd length the last pair's second sample is dropped, so the state after the call
   * depends only on the length.
   */
  fillNormal(out: Float32Array): Float32Array {
    for (let i = 0; i < out.length; i += 2) {
      // 1 - uniform() is in (0, 1], so the log is finite.
      const radius = Math.sqrt(-2 * Math.log(1 - this.uniform()));
      const angle = 2 * Math.PI * this.uniform();
      out[i] = radius * Math.cos(angle);
      if (i + 1 < out.length) out[i + 1] = radius * Math.sin(angle);
    }
    return out;
  }

  /** In-place Fisher-Yates shuffle. */
  shuffle(values: Uint32Array): Uint32Array {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.integer(i + 1);
      const swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
    return values;
  }
}

function rotl(x: number, bits: number): number {
  return (x << bits) | (x >>> (32 - bits));
}
