// Selection of variants and cases by `--only`. Each word names either a backend (a variant's
// tag, or "pytorch") or a case (a case id, its kind, its workload, or "memory").
// A run includes a variant when no backend word is given or one matches it, and a case when
// no case word is given or one matches it.

import type { CaseSpec } from './cases.js';

/** Selects the PyTorch comparison. */
export const PYTORCH_WORD = 'pytorch';
/** Selects the resident-memory measurement of seed-768 training. */
export const MEMORY_WORD = 'memory';

export interface Selection {
  backendWords: string[];
  caseWords: string[];
}

/** Returns the words that select a case: its id, its kind and its workload. */
export function caseTags(spec: CaseSpec): string[] {
  return [spec.id, spec.kind, spec.workload.id];
}

/**
 * Sorts `words` into backend words and case words. Throws a RangeError for a word that
 * matches nothing, listing the words that do.
 */
export function parseSelection(words: readonly string[], backendTags: readonly string[], specs: readonly CaseSpec[]): Selection {
  const knownBackends = new Set([...backendTags, PYTORCH_WORD]);
  const knownCases = new Set([...specs.flatMap(caseTags), MEMORY_WORD]);
  const selection: Selection = { backendWords: [], caseWords: [] };
  for (const word of words) {
    if (knownBackends.has(word)) selection.backendWords.push(word);
    else if (knownCases.has(word)) selection.caseWords.push(word);
    else {
      throw new RangeError(
        `--only: "${word}" matches no backend or case here; use backends ${[...knownBackends].join(', ')} or cases ${[...knownCases].join(', ')}`,
      );
    }
  }
  return selection;
}

export function selectsBackend(selection: Selection, tags: readonly string[]): boolean {
  return selection.backendWords.length === 0 || selection.backendWords.some((word) => tags.includes(word));
}

export function selectsCase(selection: Selection, tags: readonly string[]): boolean {
  return selection.caseWords.length === 0 || selection.caseWords.some((word) => tags.includes(word));
}
