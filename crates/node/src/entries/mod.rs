//! The functions the addon exports, by JavaScript name. Every one checks its argument count
//! first; the argument order is documented in src/backend/native/addon.ts.

mod engine;
mod math;

use crate::dispatch::Entry;

pub static ENTRIES: [Entry; 13] = [
    Entry { name: "info", run: engine::info },
    Entry { name: "setSimdLevel", run: engine::set_simd_level },
    Entry { name: "setThreads", run: engine::set_threads },
    Entry { name: "matmul", run: math::matmul },
    Entry { name: "addBias", run: math::add_bias },
    Entry { name: "biasGrad", run: math::bias_grad },
    Entry { name: "activate", run: math::activate },
    Entry { name: "activateBackward", run: math::activate_backward },
    Entry { name: "bceWithLogits", run: math::bce_with_logits },
    Entry { name: "adam", run: math::adam },
    Entry { name: "sgd", run: math::sgd },
    Entry { name: "denseForward", run: math::dense_forward },
    Entry { name: "denseBackward", run: math::dense_backward },
];
