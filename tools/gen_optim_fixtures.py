#!/usr/bin/python3
"""Writes the expected values of torch4j's optimizer and scheduler tests, computed by PyTorch itself.

Run with Debian's python3-torch (1.13):  /usr/bin/python3 tools/gen_optim_fixtures.py
Output: src/test/resources/fixtures/optim/*.tsv.gz (small; committed; zcat shows them). Floats are written with repr(), so
they read back in Java to the same double. Tables, one row per configuration, as PyTorch's own
test/cpp/api/optim_baseline.py: adding a case is adding a row here (and, for a scheduler, its
constructor in SchedulerTest's table).

Where PyTorch 2 differs from 1.13 the rows are chosen or run so that 1.13 computes 2's numbers:
NAdam runs 1.13's foreach path (its single-tensor path multiplies mu into the next product twice, fixed
in 2.0); error messages that 2 reworded are left out (the tests say which).
"""
import copy
import gzip
import math
import os
import sys

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "optim")
STEPS = 15
RECORDED = (1, 2, 3, 5, 8, 12, 15)


def r(v):
    """repr of a number as Java reads it back (inf and nan spelled as Java's parser wants them)."""
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, float) and math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    if isinstance(v, float) and math.isnan(v):
        return "NaN"
    return repr(v)


def values(t):
    return ",".join(r(float(x)) for x in t.detach().flatten().tolist())


def kwargs_text(kw):
    parts = []
    for k, v in kw.items():
        if isinstance(v, tuple):
            parts.append("%s=%s" % (k, ",".join(r(x) for x in v)))
        else:
            parts.append("%s=%s" % (k, r(v)))
    return ";".join(parts)


# ------------------------------------------------------------------ optimizers

# name, optimizer, kwargs, groups (None: one group of all; else [(param indices, overrides)]), dtype
OPTIMIZERS = [
    ("SGD", "SGD", dict(lr=0.1), None, "float64"),
    ("SGD_weight_decay", "SGD", dict(lr=0.1, weight_decay=1e-2), None, "float64"),
    ("SGD_momentum", "SGD", dict(lr=0.1, momentum=0.9, weight_decay=1e-2), None, "float64"),
    ("SGD_dampening", "SGD", dict(lr=0.1, momentum=0.9, dampening=0.5), None, "float64"),
    ("SGD_nesterov", "SGD", dict(lr=0.1, momentum=0.9, weight_decay=1e-6, nesterov=True), None, "float64"),
    ("SGD_maximize", "SGD", dict(lr=0.05, momentum=0.5, maximize=True), None, "float64"),
    ("SGD_groups", "SGD", dict(lr=0.1, momentum=0.9), [([0, 1], {}), ([2, 3], dict(lr=0.01, momentum=0.5))], "float64"),
    ("Adam", "Adam", dict(lr=0.1), None, "float64"),
    ("Adam_weight_decay", "Adam", dict(lr=0.1, weight_decay=1e-2), None, "float64"),
    ("Adam_amsgrad", "Adam", dict(lr=0.1, weight_decay=1e-6, amsgrad=True), None, "float64"),
    ("Adam_maximize", "Adam", dict(lr=0.05, betas=(0.8, 0.9), eps=1e-6, maximize=True), None, "float64"),
    ("Adam_groups", "Adam", dict(lr=0.05), [([0, 1], dict(betas=(0.5, 0.6), amsgrad=True)), ([2, 3], dict(lr=0.01))],
     "float64"),
    ("AdamW", "AdamW", dict(lr=0.1), None, "float64"),
    ("AdamW_amsgrad", "AdamW", dict(lr=0.1, weight_decay=0.1, amsgrad=True), None, "float64"),
    ("AdamW_maximize", "AdamW", dict(lr=0.05, maximize=True), None, "float64"),
    ("RMSprop", "RMSprop", dict(lr=0.01), None, "float64"),
    ("RMSprop_weight_decay", "RMSprop", dict(lr=0.01, weight_decay=1e-2), None, "float64"),
    ("RMSprop_centered", "RMSprop", dict(lr=0.01, weight_decay=1e-6, centered=True), None, "float64"),
    ("RMSprop_centered_momentum", "RMSprop", dict(lr=0.01, weight_decay=1e-6, centered=True, momentum=0.9), None,
     "float64"),
    ("RMSprop_maximize", "RMSprop", dict(lr=0.01, alpha=0.9, momentum=0.5, maximize=True), None, "float64"),
    ("Adagrad", "Adagrad", dict(lr=0.1), None, "float64"),
    ("Adagrad_weight_decay", "Adagrad", dict(lr=0.1, weight_decay=1e-2), None, "float64"),
    ("Adagrad_lr_decay", "Adagrad", dict(lr=0.1, weight_decay=1e-6, lr_decay=1e-3, initial_accumulator_value=0.1), None,
     "float64"),
    ("Adagrad_maximize", "Adagrad", dict(lr=0.1, eps=1e-6, maximize=True), None, "float64"),
    ("NAdam", "NAdam", dict(lr=0.01), None, "float64"),
    ("NAdam_weight_decay", "NAdam", dict(lr=0.01, weight_decay=1e-2, momentum_decay=8e-3), None, "float64"),
    ("RAdam", "RAdam", dict(lr=0.01), None, "float64"),
    ("RAdam_weight_decay", "RAdam", dict(lr=0.01, weight_decay=1e-2, betas=(0.8, 0.99)), None, "float64"),
    ("Adadelta", "Adadelta", dict(lr=1.0), None, "float64"),
    ("Adadelta_weight_decay", "Adadelta", dict(lr=0.5, rho=0.8, eps=1e-5, weight_decay=1e-2), None, "float64"),
    ("Adadelta_maximize", "Adadelta", dict(lr=1.0, maximize=True), None, "float64"),
    # options changed by hand before every step (as a scheduler does): the fused kernels must read them
    ("SGD_momentum_lr_each_step", "SGD", dict(lr=0.1, momentum=0.9), None, "float64", "lr*0.8"),
    ("Adam_lr_each_step", "Adam", dict(lr=0.1), None, "float64", "lr*0.8"),
    ("AdamW_beta1_each_step", "AdamW", dict(lr=0.05), None, "float64", "beta1-0.02"),
    ("Adagrad_lr_each_step", "Adagrad", dict(lr=0.1), None, "float64", "lr*0.8"),
    ("RMSprop_lr_each_step", "RMSprop", dict(lr=0.01, momentum=0.5), None, "float64", "lr*0.8"),
    ("Adam_lr_each_step_f32", "Adam", dict(lr=0.05), None, "float32", "lr*0.8"),
    # float32: the fused kernels' float32 paths, against PyTorch's default float32 arithmetic
    ("SGD_momentum_f32", "SGD", dict(lr=0.1, momentum=0.9, weight_decay=1e-2), None, "float32"),
    ("Adam_f32", "Adam", dict(lr=0.05, weight_decay=1e-2), None, "float32"),
    ("AdamW_amsgrad_f32", "AdamW", dict(lr=0.05, amsgrad=True), None, "float32"),
    ("Adagrad_f32", "Adagrad", dict(lr=0.1, lr_decay=1e-2), None, "float32"),
]

# PyTorch 1.13 spellings of 2's behaviour (see the module comment)
EXTRA_1_13 = {"NAdam": dict(foreach=True)}


def model_params():
    """optim_baseline.py's model: Linear(2, 3), Sigmoid, Linear(3, 1), Sigmoid, float64, seed 0."""
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Sigmoid(), torch.nn.Linear(3, 1), torch.nn.Sigmoid())
    model = model.to(torch.float64)
    for m in model:
        if isinstance(m, torch.nn.Linear):
            stdev = 1.0 / math.sqrt(m.weight.size(1))
            for p in m.parameters():
                p.data.uniform_(-stdev, stdev)
    return [p.detach().clone() for p in model.parameters()]


INPUT = torch.tensor([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], dtype=torch.float64)


def forward(params, x):
    w1, b1, w2, b2 = params
    return torch.sigmoid(torch.sigmoid(x @ w1.t() + b1) @ w2.t() + b2).sum()


def make(name, params, kw, groups):
    kw = dict(kw, **EXTRA_1_13.get(name, {}))
    cls = getattr(torch.optim, name)
    if groups is None:
        return cls(params, **kw)
    return cls([dict(params=[params[i] for i in idx], **over) for idx, over in groups], **kw)


def tree(prefix, v, out):
    """The state dict as lines: path, Python type, value (tensors: dtype and shape)."""
    if isinstance(v, dict):
        out.append((prefix, "dict", str(len(v))))
        for k, x in v.items():
            tree("%s[%r]" % (prefix, k), x, out)
    elif isinstance(v, (list, tuple)):
        out.append((prefix, type(v).__name__, str(len(v))))
        for i, x in enumerate(v):
            tree("%s[%d]" % (prefix, i), x, out)
    elif isinstance(v, torch.Tensor):
        out.append((prefix, "tensor", "%s|%s" % (str(v.dtype).replace("torch.", ""), ",".join(map(str, v.shape)))))
    elif v is None or isinstance(v, (bool, int, float, str)):
        out.append((prefix, type(v).__name__, r(v)))
    else:  # 1.13 keeps a bound method or a weakref here; its text holds an address
        out.append((prefix, type(v).__name__, "-"))


def optimizers():
    init = model_params()
    lines = ["# optimizer rows: row, name, optimizer, dtype, kwargs, a change of the groups before each step",
             "# ('lr*0.8': lr times 0.8, 'beta1-0.02': betas[0] minus 0.02); group: name, param indices, overrides;",
             "# step: name, step, param index, values after that step (of 15 steps run); sd: state_dict() after the last step"]
    for i, p in enumerate(init):
        lines.append("init\t%d\t%s\t%s" % (i, ",".join(map(str, p.shape)), values(p)))
    lines.append("input\t%s\t%s" % (",".join(map(str, INPUT.shape)), values(INPUT)))
    seen = set()
    for name, opt_name, kw, groups, dtype, *change in OPTIMIZERS:
        change = change[0] if change else ""
        dt = getattr(torch, dtype)
        params = [p.clone().to(dt).requires_grad_(True) for p in init]
        x = INPUT.to(dt)
        opt = make(opt_name, params, kw, groups)
        lines.append("row\t%s\t%s\t%s\t%s\t%s" % (name, opt_name, dtype, kwargs_text(kw), change))
        for idx, over in groups or []:
            lines.append("group\t%s\t%s\t%s" % (name, ",".join(map(str, idx)), kwargs_text(over)))
        for step in range(1, STEPS + 1):
            for g in opt.param_groups:
                if change == "lr*0.8":
                    g["lr"] = g["lr"] * 0.8
                elif change == "beta1-0.02":
                    g["betas"] = (g["betas"][0] - 0.02, g["betas"][1])
            opt.zero_grad()
            forward(params, x).backward()
            opt.step()
            if step in RECORDED:
                for k, p in enumerate(params):
                    lines.append("step\t%s\t%d\t%d\t%s" % (name, step, k, values(p)))
        if opt_name not in seen and groups is None and dtype == "float64":
            seen.add(opt_name)
            out = []
            tree("", opt.state_dict(), out)
            lines += ["sd\t%s\t%s\t%s\t%s" % (name, path, typ, val) for path, typ, val in out]
    write("optimizers.tsv", lines)


def expect_error(lines, case, fn):
    try:
        fn()
    except (ValueError, KeyError, TypeError) as e:
        lines.append("error\t%s\t%s" % (case, e.args[0]))
        return
    raise AssertionError("no error for " + case)


def errors():
    p = [torch.zeros(2, requires_grad=True)]
    q = [torch.zeros(3, requires_grad=True)]
    o = torch.optim
    lines = ["# error: case, PyTorch's message (the Java tests build the same call per case)"]
    cases = [
        ("SGD lr=-1.0", lambda: o.SGD(p, lr=-1.0)),
        ("SGD lr=-1e-05", lambda: o.SGD(p, lr=-1e-05)),
        ("SGD momentum=-0.5", lambda: o.SGD(p, lr=0.1, momentum=-0.5)),
        ("SGD weight_decay=-0.01", lambda: o.SGD(p, lr=0.1, weight_decay=-0.01)),
        ("SGD nesterov=True", lambda: o.SGD(p, lr=0.1, nesterov=True)),
        ("SGD nesterov=True;momentum=0.9;dampening=0.1", lambda: o.SGD(p, lr=0.1, nesterov=True, momentum=0.9,
                                                                        dampening=0.1)),
        ("Adam lr=-0.1", lambda: o.Adam(p, lr=-0.1)),
        ("Adam lr=NaN", lambda: o.Adam(p, lr=float("nan"))),
        ("Adam eps=-1e-08", lambda: o.Adam(p, eps=-1e-8)),
        ("Adam betas=1.0,0.999", lambda: o.Adam(p, betas=(1.0, 0.999))),
        ("Adam betas=0.9,-0.1", lambda: o.Adam(p, betas=(0.9, -0.1))),
        ("Adam weight_decay=-1.0", lambda: o.Adam(p, weight_decay=-1.0)),
        ("AdamW lr=-0.001", lambda: o.AdamW(p, lr=-0.001)),
        ("AdamW betas=0.9,1.0", lambda: o.AdamW(p, betas=(0.9, 1.0))),
        ("RMSprop alpha=-0.99", lambda: o.RMSprop(p, alpha=-0.99)),
        ("RMSprop momentum=-0.1", lambda: o.RMSprop(p, momentum=-0.1)),
        ("RMSprop eps=-1.0", lambda: o.RMSprop(p, eps=-1.0)),
        ("Adagrad lr_decay=-0.1", lambda: o.Adagrad(p, lr_decay=-0.1)),
        ("Adagrad initial_accumulator_value=-1.0", lambda: o.Adagrad(p, initial_accumulator_value=-1.0)),
        ("Adagrad eps=-1e-10", lambda: o.Adagrad(p, eps=-1e-10)),
        ("NAdam momentum_decay=-0.004", lambda: o.NAdam(p, momentum_decay=-0.004)),
        ("RAdam betas=0.9,1.5", lambda: o.RAdam(p, betas=(0.9, 1.5))),
        ("Adadelta rho=1.5", lambda: o.Adadelta(p, rho=1.5)),
        ("Adadelta weight_decay=-0.5", lambda: o.Adadelta(p, weight_decay=-0.5)),
        ("empty parameter list", lambda: o.Adam([])),
        ("non-leaf", lambda: o.Adam([p[0] * 2])),
        ("parameter in two groups", lambda: o.SGD([dict(params=p), dict(params=p + q)], lr=0.1)),
        ("load_state_dict group count",
         lambda: o.SGD([dict(params=p), dict(params=q)], lr=0.1).load_state_dict(o.SGD(p + q, lr=0.1).state_dict())),
        ("load_state_dict group size", lambda: o.SGD(p, lr=0.1).load_state_dict(o.SGD(p + q, lr=0.1).state_dict())),
    ]
    s = lambda: o.SGD(p, lr=0.1, momentum=0.9)  # noqa: E731
    sch = o.lr_scheduler
    cases += [
        ("ConstantLR factor=1.5", lambda: sch.ConstantLR(s(), factor=1.5)),
        ("LinearLR end_factor=1.5", lambda: sch.LinearLR(s(), end_factor=1.5)),
        ("CosineAnnealingWarmRestarts T_0=0", lambda: sch.CosineAnnealingWarmRestarts(s(), T_0=0)),
        ("CosineAnnealingWarmRestarts T_mult=0", lambda: sch.CosineAnnealingWarmRestarts(s(), T_0=5, T_mult=0)),
        ("OneCycleLR no steps", lambda: sch.OneCycleLR(s(), max_lr=0.1)),
        ("OneCycleLR total_steps=0", lambda: sch.OneCycleLR(s(), max_lr=0.1, total_steps=0)),
        ("OneCycleLR epochs=0", lambda: sch.OneCycleLR(s(), max_lr=0.1, epochs=0, steps_per_epoch=10)),
        ("OneCycleLR pct_start=1.5", lambda: sch.OneCycleLR(s(), max_lr=0.1, total_steps=10, pct_start=1.5)),
        ("ReduceLROnPlateau factor=1.0", lambda: sch.ReduceLROnPlateau(s(), factor=1.0)),
        ("ReduceLROnPlateau min_lr=2 values", lambda: sch.ReduceLROnPlateau(s(), min_lr=[0.1, 0.2])),
        ("LambdaLR 2 lambdas", lambda: sch.LambdaLR(s(), [lambda e: 1.0, lambda e: 1.0])),
        ("SequentialLR milestones", lambda: (lambda opt: sch.SequentialLR(
            opt, [sch.ExponentialLR(opt, 0.9), sch.ExponentialLR(opt, 0.8)], milestones=[]))(s())),
        ("resume without initial_lr", lambda: sch.StepLR(s(), 3, last_epoch=4)),
    ]
    for case, fn in cases:
        expect_error(lines, case, fn)
    write("errors.tsv", lines)


def cast():
    """A parameter cast to float64 after its first step. PyTorch would fail at the next step (its state
    stays float32); a state dict round trip casts the state to the parameter's dtype, which is what
    torch4j does by itself, so PyTorch's numbers come from that round trip."""
    lines = ["# cast: optimizer, kwargs, parameter after steps 1, 2 and 3 (float32 in step 1, float64 from step 2)"]
    for name, kw in (("Adam", dict(lr=0.1)), ("SGD", dict(lr=0.1, momentum=0.9)), ("Adagrad", dict(lr=0.1))):
        p = torch.tensor([0.5, -1.25, 2.0], requires_grad=True)
        opt = getattr(torch.optim, name)([p], **kw)
        after = []
        for step in range(1, 4):
            if step == 2:
                p.data = p.data.double()
                opt.load_state_dict(opt.state_dict())
            opt.zero_grad()
            p.pow(3).sum().backward()
            opt.step()
            after.append(values(p))
        lines.append("cast\t%s\t%s\t%s" % (name, kwargs_text(kw), "\t".join(after)))
    write("cast.tsv", lines)


# ------------------------------------------------------------------ schedulers

SCHEDULER_STEPS = 60


def loss_series():
    """A validation loss that falls, plateaus and bumps, for ReduceLROnPlateau (deterministic)."""
    g = torch.Generator().manual_seed(3)
    out = []
    for t in range(SCHEDULER_STEPS):
        base = 1.0 / (1 + 0.3 * min(t, 12)) + (0.05 if 30 <= t < 34 else 0.0)
        out.append(round(base + 0.004 * torch.rand(1, generator=g).item(), 6))
    return out


def accuracy_series():
    return [round(min(0.9, 0.3 + 0.05 * t) - (0.02 if t % 7 == 3 else 0.0), 4) for t in range(SCHEDULER_STEPS)]


def schedulers():
    sch = torch.optim.lr_scheduler
    loss, acc = loss_series(), accuracy_series()

    def sgd():
        a, b = torch.zeros(2, requires_grad=True), torch.zeros(3, requires_grad=True)
        return torch.optim.SGD([dict(params=[a]), dict(params=[b], lr=0.05)], lr=0.1, momentum=0.9)

    def adam():
        a, b = torch.zeros(2, requires_grad=True), torch.zeros(3, requires_grad=True)
        return torch.optim.Adam([dict(params=[a]), dict(params=[b], lr=0.05)], lr=0.1, betas=(0.9, 0.99))

    # name, optimizer factory, scheduler factory, metric series (None: step())
    cases = [
        ("StepLR", sgd, lambda o: sch.StepLR(o, step_size=7, gamma=0.5), None),
        ("StepLR_default_gamma", sgd, lambda o: sch.StepLR(o, 10), None),
        ("MultiStepLR", sgd, lambda o: sch.MultiStepLR(o, milestones=[5, 12, 12, 30], gamma=0.3), None),
        ("ExponentialLR", sgd, lambda o: sch.ExponentialLR(o, gamma=0.93), None),
        ("CosineAnnealingLR", sgd, lambda o: sch.CosineAnnealingLR(o, T_max=20, eta_min=0.001), None),
        ("CosineAnnealingLR_default", sgd, lambda o: sch.CosineAnnealingLR(o, 25), None),
        ("CosineAnnealingWarmRestarts", sgd, lambda o: sch.CosineAnnealingWarmRestarts(o, T_0=7, T_mult=2,
                                                                                      eta_min=0.0005), None),
        ("CosineAnnealingWarmRestarts_T_mult_1", sgd, lambda o: sch.CosineAnnealingWarmRestarts(o, T_0=5), None),
        ("LambdaLR", sgd, lambda o: sch.LambdaLR(o, lambda e: 0.95 ** e), None),
        ("LambdaLR_per_group", sgd, lambda o: sch.LambdaLR(o, [lambda e: 1.0 / (e + 1), lambda e: 0.9 ** e]), None),
        ("MultiplicativeLR", sgd, lambda o: sch.MultiplicativeLR(o, lambda e: 0.97), None),
        ("LinearLR", sgd, lambda o: sch.LinearLR(o, start_factor=0.25, end_factor=0.9, total_iters=10), None),
        ("LinearLR_default", sgd, lambda o: sch.LinearLR(o), None),
        ("ConstantLR", sgd, lambda o: sch.ConstantLR(o, factor=0.5, total_iters=8), None),
        ("PolynomialLR", sgd, lambda o: sch.PolynomialLR(o, total_iters=30, power=2.0), None),
        ("OneCycleLR", sgd, lambda o: sch.OneCycleLR(o, max_lr=[0.5, 0.2], total_steps=SCHEDULER_STEPS + 1), None),
        ("OneCycleLR_three_phase_linear", sgd, lambda o: sch.OneCycleLR(
            o, max_lr=0.3, epochs=6, steps_per_epoch=11, pct_start=0.25, anneal_strategy="linear", three_phase=True,
            base_momentum=0.8, max_momentum=0.9, div_factor=10.0, final_div_factor=100.0), None),
        ("OneCycleLR_adam_betas", adam, lambda o: sch.OneCycleLR(o, max_lr=0.01, total_steps=SCHEDULER_STEPS), None),
        ("CyclicLR", sgd, lambda o: sch.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=5, step_size_down=8), None),
        ("CyclicLR_triangular2", sgd, lambda o: sch.CyclicLR(o, base_lr=[0.01, 0.02], max_lr=[0.1, 0.05],
                                                             step_size_up=4, mode="triangular2"), None),
        ("CyclicLR_exp_range", sgd, lambda o: sch.CyclicLR(o, base_lr=0.001, max_lr=0.01, step_size_up=6,
                                                           mode="exp_range", gamma=0.97, base_momentum=0.7,
                                                           max_momentum=0.95), None),
        ("SequentialLR", sgd, lambda o: sch.SequentialLR(
            o, [sch.LinearLR(o, start_factor=0.1, total_iters=5), sch.ExponentialLR(o, gamma=0.9)], milestones=[5]),
         None),
        ("SequentialLR_three", sgd, lambda o: sch.SequentialLR(
            o, [sch.ConstantLR(o, factor=0.5, total_iters=3), sch.CosineAnnealingLR(o, T_max=10),
                sch.StepLR(o, 3, gamma=0.5)], milestones=[4, 15]), None),
        ("ChainedScheduler", sgd, lambda o: sch.ChainedScheduler(
            [sch.ConstantLR(o, factor=0.1, total_iters=2), sch.ExponentialLR(o, gamma=0.9)]), None),
        ("ReduceLROnPlateau_min", sgd, lambda o: sch.ReduceLROnPlateau(
            o, factor=0.5, patience=2, threshold=0.01, cooldown=1, min_lr=[0.001, 0.0005]), loss),
        ("ReduceLROnPlateau_max_abs", sgd, lambda o: sch.ReduceLROnPlateau(
            o, mode="max", threshold_mode="abs", patience=0, threshold=0.01, eps=1e-3), acc),
    ]
    lines = ["# metric: name, series; lr: name, step, each group's lr (get_last_lr()), each group's momentum or",
             "# beta1 ('-' when the scheduler does not cycle it); sd: state_dict() after the last step"]
    lines.append("metric\tloss\t%s" % ",".join(r(v) for v in loss))
    lines.append("metric\taccuracy\t%s" % ",".join(r(v) for v in acc))
    for name, make_opt, make_sched, metric in cases:
        opt = make_opt()
        s = make_sched(opt)
        cycled = "OneCycle" in name or "Cyclic" in name

        def record(step):
            # 1.13's ReduceLROnPlateau has no get_last_lr(); its _last_lr is the same list
            lrs = s._last_lr if step > 0 or not name.startswith("ReduceLROnPlateau") else [g["lr"] for g in opt.param_groups]
            mom = "-"
            if cycled:
                mom = ",".join(r(g["betas"][0] if "betas" in g else g["momentum"]) for g in opt.param_groups)
            lines.append("lr\t%s\t%d\t%s\t%s" % (name, step, ",".join(r(float(v)) for v in lrs), mom))

        record(0)
        for step in range(1, SCHEDULER_STEPS + 1):
            opt.step()
            if metric is None:
                s.step()
            else:
                s.step(metric[step - 1])
            record(step)
        out = []
        tree("", s.state_dict(), out)
        lines += ["sd\t%s\t%s\t%s\t%s" % (name, path, typ, val) for path, typ, val in out]
    write("schedulers.tsv", lines)


# ------------------------------------------------------------------ resuming across languages

RESUME_STEPS = 5


def resume_configs():
    sch = torch.optim.lr_scheduler
    return {
        "sgd": (lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9), lambda o: sch.StepLR(o, step_size=2, gamma=0.5)),
        "adamw": (lambda ps: torch.optim.AdamW(ps, lr=0.005, weight_decay=0.01), lambda o: sch.CosineAnnealingLR(o, 10)),
    }


def notebook_training(name, state=None):
    """The notebook's model (seed 42, as gen_core_fixtures.py) with one optimizer and scheduler, on the
    notebook's seven sentences as one batch; optionally resumed from a checkpoint's state."""
    from gen_statedict_fixtures import NOTEBOOK_X, NOTEBOOK_Y, SimpleNet
    torch.manual_seed(42)
    model = SimpleNet(17, 100, 16)
    make_opt, make_sched = resume_configs()[name]
    opt = make_opt(model.parameters())
    sched = make_sched(opt)
    if state is not None:
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["optimizer"])
        sched.load_state_dict(state["scheduler"])
    criterion = torch.nn.BCEWithLogitsLoss()

    def step():
        opt.zero_grad()
        criterion(model(NOTEBOOK_X), NOTEBOOK_Y).backward()
        opt.step()
        sched.step()
    return model, opt, sched, step


def resume():
    """resume_{sgd,adamw}.pt: torch.save({'model', 'optimizer', 'scheduler', 'epoch'}) after 5 steps, as a
    training script checkpoints, plus 'expected': the uninterrupted run's model and lrs after 10 steps."""
    for name in resume_configs():
        model, opt, sched, step = notebook_training(name)
        for _ in range(RESUME_STEPS):
            step()
        checkpoint = {"model": model.state_dict(), "optimizer": opt.state_dict(), "scheduler": sched.state_dict(),
                      "epoch": RESUME_STEPS}
        checkpoint = copy.deepcopy(checkpoint)
        for _ in range(RESUME_STEPS):
            step()
        checkpoint["expected"] = {"model": copy.deepcopy(model.state_dict()), "lr": sched.get_last_lr()}
        torch.save(checkpoint, os.path.join(OUT, "resume_%s.pt" % name))


def check_java():
    """The reverse direction, by hand after the Java tests ran (they never need Python):

      mvn -q test -Dtest=CheckpointResumeTest   # writes target/optim-java/resume_{sgd,adamw}_java.pt
      /usr/bin/python3 tools/gen_optim_fixtures.py --check-java

    torch4j resumed the checkpoint above at step 5, trained to step 10 and saved its own checkpoint; here
    PyTorch loads that one weights-only into a fresh model, optimizer and scheduler, trains 5 more steps,
    and must match its own uninterrupted 15 steps within 1e-6."""
    from check_statedict_java import load_weights_only
    java_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "optim-java")
    for name in resume_configs():
        loaded, how = load_weights_only(os.path.join(java_dir, "resume_%s_java.pt" % name))
        assert loaded["epoch"] == 2 * RESUME_STEPS, loaded["epoch"]
        assert isinstance(loaded["optimizer"]["param_groups"][0].get("betas", ()), tuple)
        model, opt, sched, step = notebook_training(name, loaded)
        for _ in range(RESUME_STEPS):
            step()
        ref, ref_opt, ref_sched, ref_step = notebook_training(name)
        for _ in range(3 * RESUME_STEPS):
            ref_step()
        for k, v in ref.state_dict().items():
            got = model.state_dict()[k]
            assert torch.allclose(got, v, rtol=1e-6, atol=1e-7), "%s: %s differs by %g" % (
                name, k, (got - v).abs().max().item())
        assert sched.get_last_lr() == ref_sched.get_last_lr(), (sched.get_last_lr(), ref_sched.get_last_lr())
        print("%s: PyTorch resumed torch4j's checkpoint (loaded with %s) and matches its uninterrupted run" % (name, how))


def write(name, lines):
    """A gzipped text file (the same bytes on every run: no name or time in the gzip header)."""
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with open(os.path.join(OUT, name + ".gz"), "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
            f.write(data)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    if sys.argv[1:] == ["--check-java"]:
        check_java()
        sys.exit(0)
    os.makedirs(OUT, exist_ok=True)
    optimizers()
    errors()
    cast()
    schedulers()
    resume()
