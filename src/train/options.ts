// Training hyperparameters, their defaults and their validation.

export type GeneratorLoss = 'non-saturating' | 'minimax';
export type OptimizerKind = 'adam' | 'sgd';

export interface TrainOptions {
  /** Images per batch. Each D step trains on this many real and this many generated images. */
  batchSize: number;
  /** Seed of every random choice: initial weights, latent vectors and batch order. */
  seed: number;
  /** Learning rate of G. */
  lrG: number;
  /** Learning rate of D. */
  lrD: number;
  optimizer: OptimizerKind;
  /** Adam's first-moment decay; 0.5 as in DCGAN (Radford et al., 2015), where 0.9 made training oscillate. */
  beta1: number;
  /** Adam's second-moment decay. */
  beta2: number;
  /** Adam's denominator term. */
  eps: number;
  /** SGD momentum; 0 for plain SGD. */
  momentum: number;
  /** D updates before each G update. */
  dStepsPerGStep: number;
  /** G's loss: -log D(G(z)) ('non-saturating', the default) or log(1 - D(G(z))) ('minimax'). */
  generatorLoss: GeneratorLoss;
}

/** Learning rate of both networks by default, as in DCGAN. */
export const DEFAULT_LEARNING_RATE = 2e-4;

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  batchSize: 64,
  seed: 1,
  lrG: DEFAULT_LEARNING_RATE,
  lrD: DEFAULT_LEARNING_RATE,
  optimizer: 'adam',
  beta1: 0.5,
  beta2: 0.999,
  eps: 1e-8,
  momentum: 0,
  dStepsPerGStep: 1,
  generatorLoss: 'non-saturating',
};

function requirePositiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${String(value)}`);
}

function requireInRange(name: string, value: number, low: number, high: number, highOpen: boolean): void {
  const ok = Number.isFinite(value) && value >= low && (highOpen ? value < high : value <= high);
  if (!ok) throw new RangeError(`${name} must be in [${low}, ${high}${highOpen ? ')' : ']'}, got ${String(value)}`);
}

/** Returns the options with defaults filled in; throws a RangeError naming the first invalid one. */
export function resolveTrainOptions(overrides: Partial<TrainOptions> = {}): TrainOptions {
  const o: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...overrides };
  requirePositiveInteger('batch size', o.batchSize);
  if (!Number.isSafeInteger(o.seed)) throw new RangeError(`seed must be an integer, got ${String(o.seed)}`);
  for (const [name, lr] of [['lrG', o.lrG], ['lrD', o.lrD]] as const) {
    if (!Number.isFinite(lr) || lr <= 0) throw new RangeError(`learning rate ${name} must be a positive number, got ${String(lr)}`);
  }
  if (o.optimizer !== 'adam' && o.optimizer !== 'sgd') throw new RangeError(`optimizer must be 'adam' or 'sgd', got ${String(o.optimizer)}`);
  requireInRange('beta1', o.beta1, 0, 1, true);
  requireInRange('beta2', o.beta2, 0, 1, true);
  requireInRange('momentum', o.momentum, 0, 1, true);
  if (!Number.isFinite(o.eps) || o.eps <= 0) throw new RangeError(`eps must be a positive number, got ${String(o.eps)}`);
  requirePositiveInteger('D steps per G step', o.dStepsPerGStep);
  if (o.generatorLoss !== 'non-saturating' && o.generatorLoss !== 'minimax') {
    throw new RangeError(`generator loss must be 'non-saturating' or 'minimax', got ${String(o.generatorLoss)}`);
  }
  return o;
}
