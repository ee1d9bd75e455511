"""Time pixelgan's benchmark workloads in PyTorch on the CPU, for `npm run bench`.

Runs the same two matrix multiplies and the same GAN training step as bench/cases.ts, with
nn.Linear layers, Adam(betas=(0.5, 0.999)) and BCEWithLogitsLoss, and prints one JSON object
on stdout. bench/torch.ts starts one process per thread count, with OMP_NUM_THREADS and
MKL_NUM_THREADS set to it.

The training step does the same matrix products as pixelgan's Trainer.trainStep().
  D step: G(z) runs without autograd. D runs on the real and generated batch stacked into
          2 * batch rows, with loss BCE(D(x), 1) + BCE(D(G(z)), 0). Backward computes no
          gradient for D's input, then Adam updates D.
  G step: a fresh z gives D(G(z)), with D's parameters frozen, so D gets dX but no dW. The
          loss is -log D(G(z)) (non-saturating). Backward reaches G, then Adam updates G.

Exit status: 0 with the JSON on stdout; 3 when torch cannot be imported; 2 for bad arguments.
"""

import argparse
import json
import math
import sys
import time

IMPORT_FAILED_STATUS = 3
LEARNING_RATE = 2e-4
ADAM_BETAS = (0.5, 0.999)
LEAKY_SLOPE = 0.2
LATENT_SIZE = 100
BATCH_SIZE = 64
# Images the real batches are drawn from. Their values do not change the timings.
DATASET_IMAGES = 2048

# (pixels per image, hidden width) of each workload, as in bench/workloads.ts.
WORKLOADS = {"seed-768": (768, 768), "seed-3072": (3072, 1024)}
# (rows, inner, columns) of each matrix multiply, as in bench/cases.ts.
PRODUCTS = {"matmul-768": (64, 768, 768), "matmul-3072": (64, 3072, 1024)}

# Two-sided 95% Student t values for 1..10 degrees of freedom, and 1.96 beyond.
T_VALUES = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228]


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, required=True, help="torch.set_num_threads value")
    parser.add_argument("--seconds", type=float, default=2.0, help="sampling time per case, in seconds")
    parser.add_argument("--samples", type=int, default=5, help="samples per case")
    parser.add_argument("--cases", default=",".join([*PRODUCTS, *("train-" + w for w in WORKLOADS)]),
                        help="comma-separated case ids")
    args = parser.parse_args(argv)
    if args.threads < 1 or args.samples < 2 or args.seconds <= 0:
        parser.error("--threads must be >= 1, --samples >= 2 and --seconds > 0")
    return args


def margin_percent(periods):
    """Relative margin of error of the mean period at 95% confidence, as benchmark.js reports it."""
    n = len(periods)
    mean = sum(periods) / n
    variance = sum((p - mean) ** 2 for p in periods) / (n - 1)
    t_value = T_VALUES[n - 2] if n - 1 <= len(T_VALUES) else 1.96
    return 100 * t_value * math.sqrt(variance / n) / mean


def time_case(run, seconds, samples):
    """Warm up, then take `samples` samples of calls/second; return the rate from the mean period."""
    warm_until = time.perf_counter() + min(0.3, seconds / 4)
    run()
    while time.perf_counter() < warm_until:
        run()
    periods = []
    for _ in range(samples):
        calls = 0
        start = time.perf_counter()
        stop = start + seconds / samples
        while True:
            run()
            calls += 1
            now = time.perf_counter()
            if now >= stop:
                break
        periods.append((now - start) / calls)
    mean_period = sum(periods) / len(periods)
    return {"ops_per_second": 1 / mean_period, "margin_percent": margin_percent(periods), "samples": len(periods)}


def matmul_case(torch, rows, inner, columns):
    generator = torch.Generator().manual_seed(7)
    a = torch.randn(rows, inner, generator=generator)
    b = torch.randn(inner, columns, generator=generator) / math.sqrt(inner)
    c = torch.empty(rows, columns)
    return lambda: torch.mm(a, b, out=c)


def training_case(torch, pixels, hidden):
    nn = torch.nn
    torch.manual_seed(1)
    g = nn.Sequential(nn.Linear(LATENT_SIZE, hidden), nn.LeakyReLU(LEAKY_SLOPE), nn.Linear(hidden, pixels), nn.Tanh())
    d = nn.Sequential(nn.Linear(pixels, hidden), nn.LeakyReLU(LEAKY_SLOPE), nn.Linear(hidden, 1))
    g_optimizer = torch.optim.Adam(g.parameters(), lr=LEARNING_RATE, betas=ADAM_BETAS)
    d_optimizer = torch.optim.Adam(d.parameters(), lr=LEARNING_RATE, betas=ADAM_BETAS)
    bce = nn.BCEWithLogitsLoss()
    images = torch.rand(DATASET_IMAGES, pixels) * 2 - 1
    d_targets = torch.cat([torch.ones(BATCH_SIZE, 1), torch.zeros(BATCH_SIZE, 1)])
    g_targets = torch.ones(BATCH_SIZE, 1)

    def set_d_trainable(trainable):
        for parameter in d.parameters():
            parameter.requires_grad_(trainable)

    def step():
        real = images[torch.randint(0, DATASET_IMAGES, (BATCH_SIZE,))]
        with torch.no_grad():
            fake = g(torch.randn(BATCH_SIZE, LATENT_SIZE))
        # The mean over 2 * batch rows is half the sum of the two per-half means.
        d_loss = 2 * bce(d(torch.cat([real, fake])), d_targets)
        d_optimizer.zero_grad(set_to_none=True)
        d_loss.backward()
        d_optimizer.step()

        set_d_trainable(False)
        g_loss = bce(d(g(torch.randn(BATCH_SIZE, LATENT_SIZE))), g_targets)
        g_optimizer.zero_grad(set_to_none=True)
        g_loss.backward()
        g_optimizer.step()
        set_d_trainable(True)

    return step


def build_case(torch, case_id):
    if case_id in PRODUCTS:
        return matmul_case(torch, *PRODUCTS[case_id])
    workload = case_id.removeprefix("train-")
    if case_id.startswith("train-") and workload in WORKLOADS:
        return training_case(torch, *WORKLOADS[workload])
    raise ValueError(f"unknown case id {case_id!r}; expected one of {', '.join([*PRODUCTS, *('train-' + w for w in WORKLOADS)])}")


def main(argv):
    args = parse_args(argv)
    try:
        import torch
    except ImportError as error:
        print(f"cannot import torch: {error}", file=sys.stderr)
        return IMPORT_FAILED_STATUS
    torch.set_num_threads(args.threads)
    cases = []
    for case_id in [c.strip() for c in args.cases.split(",") if c.strip()]:
        run = build_case(torch, case_id)
        cases.append({"id": case_id, **time_case(run, args.seconds, args.samples)})
    report = {
        "torch": torch.__version__,
        "python": sys.version.split()[0],
        "threads": torch.get_num_threads(),
        "cpu_capability": torch.backends.cpu.get_cpu_capability(),
        "mkldnn": torch.backends.mkldnn.is_available(),
        "mkl": torch.backends.mkl.is_available(),
        "parallel_info": torch.__config__.parallel_info(),
        "config": torch.__config__.show(),
        "cases": cases,
    }
    json.dump(report, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
