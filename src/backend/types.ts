// The contract every compute backend (ts, wasm, native) implements.
//
// Tensors are flat float32 buffers that the backend owns: the TS and native backends keep
// them in JavaScript Float32Arrays, the WASM backend keeps them in the module's linear memory.
// Every matrix is row-major and contiguous: element (r, c) of an [rows, cols] matrix is at
// index r * cols + c. Shapes are passed explicitly, and every backend checks that each
// tensor is at least as long as its shape needs before it reads or writes.

/** Names of the backends, in the order they are tried by `selectBackend`. */
export type BackendName = 'native' | 'wasm' | 'ts';

/**
 * Handle to a float32 buffer owned by one backend. Only the backend that created a tensor
 * may be passed it. `length` is the element count.
 */
export interface Tensor {
  readonly length: number;
}

/** Element-wise nonlinearity. `slope` is the negative-side slope of LeakyReLU. */
export type ActivationKind = 'identity' | 'relu' | 'leaky_relu' | 'tanh' | 'sigmoid';

export interface Activation {
  kind: ActivationKind;
  /** Only for 'leaky_relu': slope for negative inputs, in [0, 1). */
  slope?: number;
}

/** Shape and scaling of C <- alpha * op(A) * op(B) + beta * C. */
export interface MatmulShape {
  /** Rows of op(A) and of C. */
  m: number;
  /** Columns of op(B) and of C. */
  n: number;
  /** Columns of op(A) and rows of op(B). */
  k: number;
  /** When true, A is stored as [k, m] and op(A) = A^T; otherwise A is [m, k]. */
  transA: boolean;
  /** When true, B is stored as [n, k] and op(B) = B^T; otherwise B is [k, n]. */
  transB: boolean;
  alpha: number;
  /** When 0, C is written without being read, so NaN or garbage in C does not leak through. */
  beta: number;
}

/** Shape of a fully connected layer Y = act(X * W^T + b), with W stored as [outputs, inputs]. */
export interface DenseShape {
  rows: number;
  inputs: number;
  outputs: number;
}

export interface AdamParams {
  /** Learning rate. */
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  /**
   * 1-based step count t. The update is param -= lr_t * m / (sqrt(v) + eps) with
   * lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t), the efficient form in the Adam paper.
   */
  step: number;
}

export interface Backend {
  readonly name: BackendName;
  /** One line on what this backend runs on, e.g. "AVX-512F, 2 threads". */
  describe(): string;

  // --- memory ---------------------------------------------------------------------------
  /** Allocate a zero-filled tensor of `length` elements. */
  alloc(length: number): Tensor;
  /** A tensor that shares `length` elements of `base`'s storage, starting at `offset`. */
  view(base: Tensor, offset: number, length: number): Tensor;
  /** Copy `data` into `t` starting at element 0; `data.length` must be <= `t.length`. */
  write(t: Tensor, data: Float32Array): void;
  /** Copy `t` out into a new Float32Array (or into `out`, which must be long enough). */
  read(t: Tensor, out?: Float32Array): Float32Array;
  /** Release a tensor made by `alloc`. Views of it become invalid. Freeing a view is a no-op. */
  free(t: Tensor): void;

  // --- linear algebra -------------------------------------------------------------------
  /** C[m, n] <- alpha * op(A) * op(B) + beta * C. C must not overlap A or B. */
  matmul(a: Tensor, b: Tensor, c: Tensor, shape: MatmulShape): void;
  /** Y[r, c] += bias[c] for an [rows, cols] matrix Y. */
  addBias(y: Tensor, bias: Tensor, rows: number, cols: number): void;
  /** db[c] <- beta * db[c] + sum over r of dY[r, c]. beta = 0 overwrites db. */
  biasGrad(dy: Tensor, db: Tensor, rows: number, cols: number, beta: number): void;

  // --- activations ----------------------------------------------------------------------
  /** y <- act(x) over the first n elements. x and y may be the same tensor. */
  activate(act: Activation, x: Tensor, y: Tensor, n: number): void;
  /**
   * dx <- dy * act'(.) over n elements, where the derivative is computed from the
   * activation's output y (ReLU: y > 0; LeakyReLU: y > 0 ? 1 : slope; tanh: 1 - y^2;
   * sigmoid: y (1 - y)). dx may be the same tensor as dy.
   */
  activateBackward(act: Activation, y: Tensor, dy: Tensor, dx: Tensor, n: number): void;

  // --- loss -----------------------------------------------------------------------------
  /**
   * Binary cross-entropy on logits: returns mean over i of
   * max(l, 0) - l * t + log(1 + exp(-|l|)), which is stable for any finite logit, and
   * writes grad[i] = gradScale * (sigmoid(l_i) - t_i) / n, the gradient of
   * gradScale * (returned loss).
   */
  bceWithLogits(logits: Tensor, targets: Tensor, grad: Tensor, n: number, gradScale: number): number;

  // --- optimizers -----------------------------------------------------------------------
  /** One Adam step over n parameters; m and v are the first and second moment buffers. */
  adam(param: Tensor, grad: Tensor, m: Tensor, v: Tensor, n: number, p: AdamParams): void;
  /** param -= lr * g, with heavy-ball momentum when momentum > 0 (velocity must be given). */
  sgd(param: Tensor, grad: Tensor, velocity: Tensor | null, n: number, lr: number, momentum: number): void;

  // --- fused dense layer ------------------------------------------------------------------
  /** Y[rows, outputs] <- act(X[rows, inputs] * W[outputs, inputs]^T + b[outputs]). */
  denseForward(x: Tensor, w: Tensor, b: Tensor, y: Tensor, shape: DenseShape, act: Activation): void;
  /**
   * Backward pass of `denseForward`, given its input X, its output Y and dL/dY.
   * dy is overwritten with dL/dZ (the gradient before the activation).
   * dW <- dZ^T X, db <- sum over rows of dZ, dX <- dZ W. With `accumulate`, dW and db are
   * added to instead of overwritten. Pass null for a gradient that is not needed
   * (dx for the first layer, dw and db when the layer's weights are held fixed).
   */
  denseBackward(
    x: Tensor,
    w: Tensor,
    y: Tensor,
    dy: Tensor,
    dx: Tensor | null,
    dw: Tensor | null,
    db: Tensor | null,
    shape: DenseShape,
    act: Activation,
    accumulate: boolean,
  ): void;
}
