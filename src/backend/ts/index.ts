// The pure TypeScript backend: the readable reference that the Rust backends are tested against.

import type { Activation, AdamParams, Backend, DenseShape, MatmulShape, Tensor } from '../types.js';
import { checkFinite, checkHolds, checkSize, leakySlope } from '../checks.js';
import { activate, activateBackward } from './activation.js';
import { addBias, biasGrad, denseBackward, denseForward } from './dense.js';
import { bceWithLogits } from './loss.js';
import { matmul, Scratch } from './matmul.js';
import { adam, sgd } from './optim.js';

/** A tensor of the TS backend: a Float32Array, or a subarray of one for views. */
export class TsTensor implements Tensor {
  constructor(readonly data: Float32Array) {}

  get length(): number {
    return this.data.length;
  }
}

function unwrap(what: string, t: Tensor): Float32Array {
  if (!(t instanceof TsTensor)) {
    throw new TypeError(`${what} must be a tensor made by the ts backend, got ${describeValue(t)}`);
  }
  return t.data;
}

function unwrapOrNull(what: string, t: Tensor | null): Float32Array | null {
  return t === null ? null : unwrap(what, t);
}

function describeValue(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  return value.constructor?.name ?? 'an object';
}

function checkMatmul(a: Float32Array, b: Float32Array, c: Float32Array, s: MatmulShape): void {
  checkSize('m', s.m);
  checkSize('n', s.n);
  checkSize('k', s.k);
  checkFinite('alpha', s.alpha);
  checkFinite('beta', s.beta);
  checkHolds('A', a.length, s.m, s.k);
  checkHolds('B', b.length, s.k, s.n);
  checkHolds('C', c.length, s.m, s.n);
}

function checkDense(s: DenseShape): void {
  checkSize('rows', s.rows);
  checkSize('inputs', s.inputs);
  checkSize('outputs', s.outputs);
}

/** Creates the pure TypeScript backend. */
export function createTsBackend(): Backend {
  const scratch = new Scratch();
  return {
    name: 'ts',
    describe: () => 'pure TypeScript, 1 thread',

    alloc(length) {
      checkSize('length', length);
      return new TsTensor(new Float32Array(length));
    },
    view(base, offset, length) {
      const data = unwrap('base', base);
      checkSize('offset', offset);
      checkSize('length', length);
      if (offset + length > data.length) {
        throw new RangeError(`view [${offset}, ${offset + length}) is outside a tensor of ${data.length} elements`);
      }
      return new TsTensor(data.subarray(offset, offset + length));
    },
    write(t, data) {
      const target = unwrap('tensor', t);
      if (!(data instanceof Float32Array)) throw new TypeError(`data must be a Float32Array, got ${describeValue(data)}`);
      if (data.length > target.length) {
        throw new RangeError(`cannot write ${data.length} elements into a tensor of ${target.length}`);
      }
      target.set(data);
    },
    read(t, out) {
      const source = unwrap('tensor', t);
      const result = out ?? new Float32Array(source.length);
      if (result.length < source.length) {
        throw new RangeError(`out has ${result.length} elements but the tensor has ${source.length}`);
      }
      result.set(source);
      return result;
    },
    free(t) {
      unwrap('tensor', t); // Memory is garbage-collected; this only checks the argument.
    },

    matmul(a, b, c, s) {
      const [da, db, dc] = [unwrap('A', a), unwrap('B', b), unwrap('C', c)];
      checkMatmul(da, db, dc, s);
      matmul(da, db, dc, s, scratch);
    },
    addBias(y, bias, rows, cols) {
      const [dy, dbias] = [unwrap('Y', y), unwrap('bias', bias)];
      checkHolds('Y', dy.length, rows, cols);
      checkHolds('bias', dbias.length, 1, cols);
      addBias(dy, dbias, rows, cols);
    },
    biasGrad(dy, db, rows, cols, beta) {
      const [ddy, ddb] = [unwrap('dY', dy), unwrap('db', db)];
      checkHolds('dY', ddy.length, rows, cols);
      checkHolds('db', ddb.length, 1, cols);
      checkFinite('beta', beta);
      biasGrad(ddy, ddb, rows, cols, beta);
    },

    activate(act: Activation, x, y, n) {
      const [dx, dy] = [unwrap('x', x), unwrap('y', y)];
      checkHolds('x', dx.length, 1, n);
      checkHolds('y', dy.length, 1, n);
      leakySlope(act);
      activate(act, dx, dy, n);
    },
    activateBackward(act: Activation, y, dy, dx, n) {
      const [yy, ddy, ddx] = [unwrap('y', y), unwrap('dy', dy), unwrap('dx', dx)];
      for (const [what, arr] of [['y', yy], ['dy', ddy], ['dx', ddx]] as const) checkHolds(what, arr.length, 1, n);
      leakySlope(act);
      activateBackward(act, yy, ddy, ddx, n);
    },

    bceWithLogits(logits, targets, grad, n, gradScale) {
      const [l, t, g] = [unwrap('logits', logits), unwrap('targets', targets), unwrap('grad', grad)];
      for (const [what, arr] of [['logits', l], ['targets', t], ['grad', g]] as const) checkHolds(what, arr.length, 1, n);
      checkFinite('gradScale', gradScale);
      return bceWithLogits(l, t, g, n, gradScale);
    },

    adam(param, grad, m, v, n, p: AdamParams) {
      const arrays = [unwrap('param', param), unwrap('grad', grad), unwrap('m', m), unwrap('v', v)];
      ['param', 'grad', 'm', 'v'].forEach((what, i) => checkHolds(what, arrays[i].length, 1, n));
      for (const key of ['lr', 'beta1', 'beta2', 'eps'] as const) checkFinite(key, p[key]);
      if (!Number.isSafeInteger(p.step) || p.step < 1) throw new RangeError(`Adam step must be an integer >= 1, got ${p.step}`);
      adam(arrays[0], arrays[1], arrays[2], arrays[3], n, p);
    },
    sgd(param, grad, velocity, n, lr, momentum) {
      const [p, g, vel] = [unwrap('param', param), unwrap('grad', grad), unwrapOrNull('velocity', velocity)];
      checkHolds('param', p.length, 1, n);
      checkHolds('grad', g.length, 1, n);
      if (vel !== null) checkHolds('velocity', vel.length, 1, n);
      checkFinite('lr', lr);
      checkFinite('momentum', momentum);
      if (momentum !== 0 && vel === null) throw new RangeError(`SGD with momentum ${momentum} needs a velocity tensor`);
      sgd(p, g, vel, n, lr, momentum);
    },

    denseForward(x, w, b, y, s, act) {
      const [dx, dw, dbias, dy] = [unwrap('X', x), unwrap('W', w), unwrap('b', b), unwrap('Y', y)];
      checkDense(s);
      checkHolds('X', dx.length, s.rows, s.inputs);
      checkHolds('W', dw.length, s.outputs, s.inputs);
      checkHolds('b', dbias.length, 1, s.outputs);
      checkHolds('Y', dy.length, s.rows, s.outputs);
      leakySlope(act);
      denseForward(dx, dw, dbias, dy, s, act, scratch);
    },
    denseBackward(x, w, y, dy, dx, dw, db, s, act, accumulate) {
      const [xx, ww, yy, ddy] = [unwrap('X', x), unwrap('W', w), unwrap('Y', y), unwrap('dY', dy)];
      const [ddx, ddw, ddb] = [unwrapOrNull('dX', dx), unwrapOrNull('dW', dw), unwrapOrNull('db', db)];
      checkDense(s);
      checkHolds('X', xx.length, s.rows, s.inputs);
      checkHolds('W', ww.length, s.outputs, s.inputs);
      checkHolds('Y', yy.length, s.rows, s.outputs);
      checkHolds('dY', ddy.length, s.rows, s.outputs);
      if (ddx !== null) checkHolds('dX', ddx.length, s.rows, s.inputs);
      if (ddw !== null) checkHolds('dW', ddw.length, s.outputs, s.inputs);
      if (ddb !== null) checkHolds('db', ddb.length, 1, s.outputs);
      leakySlope(act);
      denseBackward(xx, ww, yy, ddy, ddx, ddw, ddb, s, act, accumulate, scratch);
    },
  };
}
