// Argument checks that the native and WASM backends make in TypeScript before they call Rust.
// Rust checks the range of every number itself. These checks catch JavaScript types that a
// call into WASM would convert silently ("5" becomes 5, undefined becomes NaN), and objects
// whose fields the backends read. Browser-safe: no Node imports.

import { leakySlope } from '../checks.js';
import type { Activation } from '../types.js';

/** Names a value's type for messages, e.g. "Float64Array", "undefined" or "string". */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return value.constructor?.name ?? 'object';
}

/** Throws a TypeError unless `value` is a non-null object, e.g. a shape. */
export function requireObject(operation: string, name: string, value: unknown): void {
  if (typeof value !== 'object' || value === null) {
    throw new TypeError(`${operation}: ${name} must be an object, got ${describeValue(value)}`);
  }
}

/** Returns `value` after checking that it is a number (any number: Rust checks the range). */
export function requireNumber(operation: string, name: string, value: unknown): number {
  if (typeof value !== 'number') {
    throw new TypeError(`${operation}: ${name} must be a number, got ${describeValue(value)}`);
  }
  return value;
}

/** Returns `value` after checking that it is a boolean. */
export function requireBoolean(operation: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new TypeError(`${operation}: ${name} must be a boolean, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * Returns the kind name and LeakyReLU slope of `act`. The slope defaults as in the TypeScript
 * backend and is 0 for the other kinds; Rust checks the kind and the slope's range.
 */
export function activationArgs(operation: string, act: Activation): [kind: string, slope: number] {
  requireObject(operation, 'activation', act);
  if (typeof act.kind !== 'string') {
    throw new TypeError(`${operation}: activation.kind must be a string such as 'relu', got ${describeValue(act.kind)}`);
  }
  if (act.kind !== 'leaky_relu') return [act.kind, 0];
  if (act.slope !== undefined) requireNumber(operation, 'activation.slope', act.slope);
  return [act.kind, leakySlope(act)];
}
