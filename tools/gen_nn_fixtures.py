#!/usr/bin/python3
"""Writes the expected values for torch4j's nn layers, losses, init and utils, computed by PyTorch itself.

Run with Debian's python3-torch:  /usr/bin/python3 tools/gen_nn_fixtures.py
Output: src/test/resources/fixtures/nn/ (small; committed):
  <case>.safetensors  one per row of CASES: the module's state right after construction under a fixed seed
                      ("init.*"), the inputs ("in<i>.<kind>", kind f = float needing grad, c = float constant,
                      l = int64, b = bool stored as int64), and per mode (train, eval) the outputs
                      ("<mode>.out<j>"), the upstream gradients used for backward ("<mode>.gout<j>"), the inputs'
                      gradients ("<mode>.grad.in<i>") and every parameter's gradient, concatenated flat in
                      named_parameters order ("<mode>.grads"; zeros where "<mode>.nograd" lists a parameter
                      without one) to keep the files small
  index.txt           per case: its name, the modes run, and the modes stored (a mode run but not stored gave
                      exactly the train values, which the Java test then expects), so the Java table can be
                      checked against this one
  init.safetensors    nn.init functions after a fixed seed; gains.tsv: calculate_gain values (repr)
  utils.safetensors   clip_grad_norm_ / clip_grad_value_ / parameters_to_vector / vector_to_parameters
  errors.tsv          the messages Python's own layer raises for mistakes torch4j checks in Java
  reprs.tsv           module reprs
  transformer.pt      the "transformer" case's model saved by torch.save(model.state_dict())

Adding a case is adding a row to CASES here and the row of the same name to NnFixturesTest's table.
This is torch 1.13: where 2.x differs (new keyword arguments such as LayerNorm's bias, the 2.x-only
fast paths), the rows stay within what 1.13 computes the same way.
"""
import collections
import math
import os
import sys
import zlib

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
import gen_core_fixtures as core  # noqa: E402  (the safetensors writer the core fixtures use)

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "nn")
SEED_INIT = 0
SEED_FWD = 1


def save(name, tensors):
    core.OUT = OUT
    core.save(name, {k: (v.long() if v.dtype == torch.bool else v.float() if v.dtype == torch.float64 else v)
                     for k, v in tensors.items()})


class Case:
    """A row: the module's factory (None for a functional), input makers, the call, and the modes to store. By
    default both modes are stored for modules with dropout; for the others only train is, after checking that
    PyTorch's eval output and gradients are the same (the Java test runs both and compares both with train)."""

    def __init__(self, name, make, inputs, call=None, modes=None):
        self.name, self.make, self.inputs, self.modes = name, make, inputs, modes
        self.call = call or (lambda m, *xs: m(*xs))


def gen(name):
    return torch.Generator().manual_seed(zlib.crc32(name.encode()))


# input makers: each takes the case's generator
def f(*shape, scale=1.0):
    return lambda g: ("f", torch.randn(*shape, generator=g) * scale)


def c(*shape, scale=1.0):
    return lambda g: ("c", torch.randn(*shape, generator=g) * scale)


def const(values):
    return lambda g: ("c", torch.tensor(values, dtype=torch.float32))


def probs(*shape):
    return lambda g: ("f", torch.rand(*shape, generator=g) * 0.9 + 0.05)


def longs(values):
    return lambda g: ("l", torch.tensor(values))


def randint(high, *shape):
    return lambda g: ("l", torch.randint(0, high, shape, generator=g))


def bools(values):
    return lambda g: ("b", torch.tensor(values, dtype=torch.bool))


def causal(n):
    return lambda g: ("c", nn.Transformer.generate_square_subsequent_mask(n))


def outputs_of(result):
    if isinstance(result, torch.Tensor):
        return [result]
    return [t for t in result if t is not None]


def run(case):
    g = gen(case.name)
    inputs = [mk(g) for mk in case.inputs]
    out = {}
    for i, (kind, t) in enumerate(inputs):
        out["in%d.%s" % (i, kind)] = t
    torch.manual_seed(SEED_INIT)
    m = case.make() if case.make else None
    if m is not None:
        for k, v in m.state_dict().items():
            out["init." + k] = v.detach().clone()
        init_state = {k: v.detach().clone() for k, v in m.state_dict().items()}
    modes = case.modes or (("train", "eval") if m is not None and has_dropout(m) else ("train",))
    for mode in ("train", "eval") if case.modes is None and m is not None else modes:
        if m is not None:
            m.load_state_dict(init_state)  # max_norm renormalises in place
            m.train(mode == "train")
            m.zero_grad(set_to_none=True)
        xs = [t.detach().clone().requires_grad_(kind == "f") for kind, t in inputs]
        torch.manual_seed(SEED_FWD)
        outs = outputs_of(case.call(m, *xs))
        ug = torch.Generator().manual_seed(99)
        loss = None
        for j, o in enumerate(outs):
            out["%s.out%d" % (mode, j)] = o.detach().clone()
            if o.requires_grad:
                go = torch.randn(o.shape, generator=ug)
                out["%s.gout%d" % (mode, j)] = go
                term = (o * go).sum()
                loss = term if loss is None else loss + term
        if loss is not None:
            loss.backward()
        for i, (kind, _) in enumerate(inputs):
            if kind == "f" and xs[i].grad is not None:
                out["%s.grad.in%d" % (mode, i)] = xs[i].grad
        if m is not None and loss is not None:
            params = list(m.named_parameters())
            out[mode + ".grads"] = torch.cat([(p.grad if p.grad is not None else torch.zeros_like(p)).reshape(-1)
                                              for _, p in params]) if params else torch.zeros(0)
            out[mode + ".nograd"] = torch.tensor([i for i, (_, p) in enumerate(params) if p.grad is None],
                                                 dtype=torch.long)
    ran = ("train", "eval") if case.modes is None and m is not None else modes
    if ran != modes:
        evals = {k: v for k, v in out.items() if k.startswith("eval.")}
        for k, v in evals.items():
            assert torch.equal(v, out["train." + k[5:]]), case.name + ": eval differs from train in " + k
            del out[k]
    save(case.name, out)
    return "%s\t%s\t%s\n" % (case.name, ",".join(ran), ",".join(modes))


def bn_call(m, x):
    """Two forwards (the second on 2x), then the buffers they leave behind."""
    return (m(x), m(x * 2), m.running_mean.clone(), m.running_var.clone(), m.num_batches_tracked.clone())


def has_dropout(m):
    return any(isinstance(x, (nn.Dropout, nn.Dropout1d, nn.Dropout2d, nn.Dropout3d, nn.AlphaDropout,
                              nn.FeatureAlphaDropout)) and x.p > 0
               or isinstance(x, nn.MultiheadAttention) and x.dropout > 0 for x in m.modules())


def inplace(make):
    """In-place modules get a clone of a constant input (autograd forbids in-place ops on a leaf)."""
    return lambda m, x: m(x.clone())


def encoder_layer(**kw):
    return nn.TransformerEncoderLayer(4, 2, dim_feedforward=8, **kw)


def decoder_layer(**kw):
    return nn.TransformerDecoderLayer(4, 2, dim_feedforward=8, **kw)


def small_transformer(**kw):
    return nn.Transformer(d_model=4, nhead=2, num_encoder_layers=2, num_decoder_layers=1, dim_feedforward=8, **kw)


def no_grad(call):
    def wrapped(m, *xs):
        with torch.no_grad():
            return call(m, *xs)
    return wrapped


def chain(m, x):
    for layer in m:
        x = layer(x)
    return x


CASES = [
    # dropout: masks are PyTorch's for the same seed; eval is the identity
    Case("dropout", lambda: nn.Dropout(0.3), [f(4, 6)]),
    Case("dropout_p0", lambda: nn.Dropout(0.0), [f(3, 4)]),
    Case("dropout_p1", lambda: nn.Dropout(1.0), [f(3, 4)]),
    Case("dropout_inplace", lambda: nn.Dropout(0.5, inplace=True), [c(3, 5)], inplace(None)),
    Case("dropout1d", lambda: nn.Dropout1d(0.4), [f(3, 4, 5)]),
    Case("dropout1d_unbatched", lambda: nn.Dropout1d(0.4), [f(4, 5)]),
    Case("dropout2d", lambda: nn.Dropout2d(0.5), [f(2, 3, 4, 4)]),
    Case("dropout3d", lambda: nn.Dropout3d(0.5), [f(2, 3, 2, 2, 2)]),
    Case("dropout3d_unbatched", lambda: nn.Dropout3d(0.5), [f(3, 2, 2, 2)]),
    Case("alpha_dropout", lambda: nn.AlphaDropout(0.2), [f(5, 6)]),
    Case("feature_alpha_dropout", lambda: nn.FeatureAlphaDropout(0.2), [f(2, 3, 4)]),
    Case("F.dropout", None, [f(4, 5)], lambda m, x: F.dropout(x, 0.25), modes=("train",)),
    Case("F.dropout_eval", None, [f(4, 5)], lambda m, x: F.dropout(x, 0.25, training=False), modes=("train",)),
    Case("F.alpha_dropout", None, [f(4, 5)], lambda m, x: F.alpha_dropout(x, 0.3, training=True), modes=("train",)),
    # normalisation and containers
    Case("layer_norm", lambda: nn.LayerNorm(6), [f(3, 4, 6)]),
    Case("layer_norm_2d_eps", lambda: nn.LayerNorm([4, 6], eps=1e-3), [f(2, 4, 6)]),
    Case("layer_norm_no_affine", lambda: nn.LayerNorm(6, elementwise_affine=False), [f(3, 6)]),
    # batch norm: two forwards, then the running statistics (train updates them, eval reads them)
    Case("batch_norm1d", lambda: nn.BatchNorm1d(4), [f(5, 4)], bn_call, modes=("train", "eval")),
    Case("batch_norm1d_3d_cumulative", lambda: nn.BatchNorm1d(3, eps=1e-3, momentum=None), [f(4, 3, 5)], bn_call,
         modes=("train", "eval")),
    Case("batch_norm1d_untracked_no_affine", lambda: nn.BatchNorm1d(4, affine=False, track_running_stats=False),
         [f(5, 4)], lambda m, x: m(x), modes=("train", "eval")),
    Case("batch_norm2d", lambda: nn.BatchNorm2d(3, momentum=0.3), [f(2, 3, 4, 5)], bn_call, modes=("train", "eval")),
    Case("F.batch_norm", None, [f(5, 4), f(4), f(4)],
         lambda m, x, w, b: F.batch_norm(x, torch.zeros(4), torch.ones(4), w, b, True, 0.2, 1e-4), modes=("train",)),
    Case("F.layer_norm", None, [f(3, 6), f(6), f(6)], lambda m, x, w, b: F.layer_norm(x, (6,), w, b, 1e-4),
         modes=("train",)),
    Case("sequential", lambda: nn.Sequential(nn.Linear(5, 4), nn.ReLU(), nn.Dropout(0.3), nn.Linear(4, 2)),
         [f(3, 5)]),
    Case("sequential_named", lambda: nn.Sequential(collections.OrderedDict(
        [("fc1", nn.Linear(5, 4)), ("act", nn.Tanh()), ("fc2", nn.Linear(4, 3))])), [f(2, 5)]),
    Case("module_list", lambda: nn.ModuleList([nn.Linear(4, 4), nn.GELU(), nn.Linear(4, 3)]), [f(2, 4)], chain),
    Case("module_dict", lambda: nn.ModuleDict({"enc": nn.Linear(4, 3), "dec": nn.Linear(3, 2)}), [f(2, 4)],
         lambda m, x: m["dec"](m["enc"](x))),
    Case("identity", lambda: nn.Identity(), [f(2, 3)]),
    Case("flatten", lambda: nn.Flatten(), [f(2, 3, 4)]),
    Case("flatten_0_1", lambda: nn.Flatten(0, 1), [f(2, 3, 4)]),
    Case("unflatten", lambda: nn.Unflatten(1, (2, 3)), [f(4, 6)]),
    # activations
    Case("relu", lambda: nn.ReLU(), [f(3, 5)]),
    Case("relu_inplace", lambda: nn.ReLU(inplace=True), [c(3, 5)], inplace(None)),
    Case("relu6", lambda: nn.ReLU6(), [f(3, 5, scale=5)]),
    Case("leaky_relu", lambda: nn.LeakyReLU(0.2), [f(3, 5)]),
    Case("elu", lambda: nn.ELU(0.5), [f(3, 5)]),
    Case("celu", lambda: nn.CELU(1.5), [f(3, 5)]),
    Case("selu", lambda: nn.SELU(), [f(3, 5)]),
    Case("gelu", lambda: nn.GELU(), [f(3, 5)]),
    Case("gelu_tanh", lambda: nn.GELU(approximate="tanh"), [f(3, 5)]),
    Case("silu", lambda: nn.SiLU(), [f(3, 5)]),
    Case("mish", lambda: nn.Mish(), [f(3, 5)]),
    Case("sigmoid", lambda: nn.Sigmoid(), [f(3, 5)]),
    Case("tanh", lambda: nn.Tanh(), [f(3, 5)]),
    Case("log_sigmoid", lambda: nn.LogSigmoid(), [f(3, 5)]),
    Case("softsign", lambda: nn.Softsign(), [f(3, 5)]),
    Case("tanhshrink", lambda: nn.Tanhshrink(), [f(3, 5)]),
    Case("hardtanh", lambda: nn.Hardtanh(-0.5, 0.7), [f(3, 5)]),
    Case("hardswish", lambda: nn.Hardswish(), [f(3, 5, scale=3)]),
    Case("hardsigmoid", lambda: nn.Hardsigmoid(), [f(3, 5, scale=3)]),
    Case("softplus", lambda: nn.Softplus(2.0, 5.0), [f(3, 5, scale=3)]),
    Case("softshrink", lambda: nn.Softshrink(0.3), [f(3, 5)]),
    Case("hardshrink", lambda: nn.Hardshrink(0.4), [f(3, 5)]),
    Case("threshold", lambda: nn.Threshold(0.1, -2.0), [f(3, 5)]),
    Case("softmax", lambda: nn.Softmax(dim=1), [f(3, 5)]),
    Case("softmax_implicit_dim", lambda: nn.Softmax(), [f(2, 3, 4)]),
    Case("softmin", lambda: nn.Softmin(dim=0), [f(3, 5)]),
    Case("log_softmax", lambda: nn.LogSoftmax(dim=-1), [f(3, 5)]),
    Case("glu", lambda: nn.GLU(), [f(3, 6)]),
    Case("prelu", lambda: nn.PReLU(), [f(3, 5)]),
    Case("prelu_channels", lambda: nn.PReLU(5, 0.1), [f(3, 5, 2)]),
    Case("F.softmax_double", None, [f(3, 4)], lambda m, x: F.softmax(x, dim=1, dtype=torch.float64),
         modes=("train",)),
    Case("F.normalize", None, [f(3, 4)], lambda m, x: F.normalize(x), modes=("train",)),
    Case("F.cosine_similarity", None, [f(3, 4), f(3, 4)], lambda m, a, b: F.cosine_similarity(a, b),
         modes=("train",)),
    Case("F.cosine_similarity_dim0", None, [f(3, 4), f(3, 4)], lambda m, a, b: F.cosine_similarity(a, b, 0, 1e-6),
         modes=("train",)),
    Case("F.pairwise_distance", None, [f(3, 4), f(3, 4)], lambda m, a, b: F.pairwise_distance(a, b),
         modes=("train",)),
    Case("F.pairwise_distance_p1_keepdim", None, [f(3, 4), f(3, 4)],
         lambda m, a, b: F.pairwise_distance(a, b, 1.0, 1e-3, True), modes=("train",)),
    Case("F.logsigmoid", None, [f(3, 4)], lambda m, x: F.logsigmoid(x), modes=("train",)),
    # convolution and pooling (text CNNs)
    Case("conv1d", lambda: nn.Conv1d(4, 6, 3), [f(2, 4, 10)]),
    Case("conv1d_options", lambda: nn.Conv1d(4, 6, 3, stride=2, padding=1, dilation=2, bias=False), [f(2, 4, 11)]),
    Case("conv1d_groups", lambda: nn.Conv1d(4, 6, 3, groups=2), [f(2, 4, 8)]),
    Case("conv1d_same", lambda: nn.Conv1d(4, 5, 4, padding="same"), [f(2, 4, 9)]),
    Case("conv1d_reflect", lambda: nn.Conv1d(3, 2, 3, padding=2, padding_mode="reflect"), [f(2, 3, 7)]),
    Case("conv1d_replicate", lambda: nn.Conv1d(3, 2, 3, padding=1, padding_mode="replicate"), [f(2, 3, 7)]),
    Case("conv1d_circular", lambda: nn.Conv1d(3, 2, 3, padding=1, padding_mode="circular"), [f(2, 3, 7)]),
    Case("conv1d_unbatched", lambda: nn.Conv1d(4, 6, 3), [f(4, 10)]),
    Case("max_pool1d", lambda: nn.MaxPool1d(3), [f(2, 3, 10)]),
    Case("max_pool1d_options", lambda: nn.MaxPool1d(3, stride=2, padding=1, ceil_mode=True), [f(2, 3, 10)]),
    Case("max_pool1d_indices", lambda: nn.MaxPool1d(2, return_indices=True), [f(2, 3, 8)]),
    Case("adaptive_max_pool1d", lambda: nn.AdaptiveMaxPool1d(1), [f(2, 3, 7)]),
    Case("adaptive_max_pool1d_indices", lambda: nn.AdaptiveMaxPool1d(3, return_indices=True), [f(2, 3, 7)]),
    Case("adaptive_avg_pool1d", lambda: nn.AdaptiveAvgPool1d(2), [f(2, 3, 7)]),
    Case("F.conv1d", None, [f(2, 3, 8), f(4, 3, 2), f(4)], lambda m, x, w, b: F.conv1d(x, w, b, 2, 1, 1, 1),
         modes=("train",)),
    Case("F.max_pool1d", None, [f(2, 3, 9)], lambda m, x: F.max_pool1d(x, 3, 2, 1), modes=("train",)),
    # 2-d convolution and pooling (Kim-style text CNNs: a (n, emb_dim) kernel over (N, 1, seq, emb))
    Case("conv2d", lambda: nn.Conv2d(1, 3, (2, 5)), [f(2, 1, 6, 5)]),
    Case("conv2d_options", lambda: nn.Conv2d(4, 6, 3, stride=(2, 1), padding=(1, 2), dilation=(1, 2), groups=2,
                                             bias=False), [f(2, 4, 7, 8)]),
    Case("conv2d_same_reflect", lambda: nn.Conv2d(2, 3, (3, 2), padding="same", padding_mode="reflect"),
         [f(2, 2, 5, 6)]),
    Case("conv2d_unbatched", lambda: nn.Conv2d(2, 3, 2), [f(2, 4, 5)]),
    Case("max_pool2d", lambda: nn.MaxPool2d(2), [f(2, 3, 6, 5)]),
    Case("max_pool2d_options", lambda: nn.MaxPool2d((3, 2), stride=(2, 1), padding=1, ceil_mode=True),
         [f(2, 3, 7, 6)]),
    Case("F.conv2d", None, [f(2, 3, 6, 5), f(4, 3, 2, 2), f(4)], lambda m, x, w, b: F.conv2d(x, w, b, (2, 1), 1),
         modes=("train",)),
    Case("F.max_pool2d", None, [f(2, 3, 6, 6)], lambda m, x: F.max_pool2d(x, 3, 2, 1), modes=("train",)),
    # embedding bags
    Case("embedding_bag", lambda: nn.EmbeddingBag(10, 4), [randint(10, 3, 4)]),
    Case("embedding_bag_sum_offsets", lambda: nn.EmbeddingBag(10, 4, mode="sum"),
         [longs([1, 2, 4, 5, 4, 3, 2]), longs([0, 2, 5])]),
    Case("embedding_bag_max", lambda: nn.EmbeddingBag(10, 4, mode="max"),
         [longs([1, 2, 4, 5, 4, 3, 2]), longs([0, 3, 4])]),
    Case("embedding_bag_per_sample_weights", lambda: nn.EmbeddingBag(10, 4, mode="sum"),
         [longs([1, 2, 4, 5, 4, 3, 2]), longs([0, 2, 5]), f(7)]),
    Case("embedding_bag_padding_last_offset", lambda: nn.EmbeddingBag(10, 4, padding_idx=-9,
                                                                      include_last_offset=True),
         [longs([1, 2, 1, 5, 4, 1, 2]), longs([0, 2, 5, 7])]),
    Case("embedding_bag_max_norm", lambda: nn.EmbeddingBag(10, 4, max_norm=1.0), [randint(10, 2, 3)]),
    Case("F.embedding", None, [randint(6, 2, 3), f(6, 4)], lambda m, i, w: F.embedding(i, w, padding_idx=1),
         modes=("train",)),
    # attention
    Case("mha_self", lambda: nn.MultiheadAttention(4, 2), [f(4, 2, 4)], lambda m, x: m(x, x, x)),
    Case("mha_cross", lambda: nn.MultiheadAttention(4, 2), [f(4, 3, 4), f(6, 3, 4)], lambda m, q, kv: m(q, kv, kv)),
    Case("mha_distinct", lambda: nn.MultiheadAttention(4, 4), [f(4, 2, 4), f(5, 2, 4), f(5, 2, 4)]),
    Case("mha_masks_batch_first", lambda: nn.MultiheadAttention(4, 2, batch_first=True),
         [f(3, 4, 4), f(3, 6, 4), bools([[False] * 6, [False] * 4 + [True] * 2, [False] * 3 + [True] * 3]),
          c(4, 6)],
         lambda m, q, kv, kpm, am: m(q, kv, kv, kpm, attn_mask=am)),
    Case("mha_no_weights_per_head", lambda: nn.MultiheadAttention(4, 2, batch_first=True),
         [f(3, 4, 4), bools([[False] * 4, [False] * 3 + [True], [False] * 2 + [True] * 2])],
         lambda m, x, kpm: m(x, x, x, key_padding_mask=kpm, need_weights=False)),
    Case("mha_average_false", lambda: nn.MultiheadAttention(4, 2), [f(4, 2, 4), causal(4)],
         lambda m, x, am: m(x, x, x, attn_mask=am, average_attn_weights=False)),
    Case("mha_kdim_vdim_bias_kv_zero_attn", lambda: nn.MultiheadAttention(4, 2, kdim=5, vdim=3, add_bias_kv=True,
                                                                         add_zero_attn=True),
         [f(4, 2, 4), f(6, 2, 5), f(6, 2, 3), bools([[False] * 5 + [True], [False] * 6])],
         lambda m, q, k, v, kpm: m(q, k, v, key_padding_mask=kpm)),
    Case("mha_unbatched_3d_mask", lambda: nn.MultiheadAttention(4, 2), [f(5, 4), c(2, 5, 5)],
         lambda m, x, am: m(x, x, x, attn_mask=am)),
    Case("mha_bool_mask_no_bias", lambda: nn.MultiheadAttention(4, 2, bias=False),
         [f(4, 2, 4), bools([[j > i for j in range(4)] for i in range(4)])],
         lambda m, x, am: m(x, x, x, attn_mask=am)),
    Case("mha_dropout", lambda: nn.MultiheadAttention(4, 2, dropout=0.3), [f(4, 2, 4)], lambda m, x: m(x, x, x)),
    # transformer layers
    Case("encoder_layer", lambda: encoder_layer(), [f(5, 3, 4)]),
    Case("encoder_layer_masks", lambda: encoder_layer(dropout=0.0),
         [f(5, 3, 4), causal(5), bools([[False] * 5, [False] * 4 + [True], [False] * 3 + [True] * 2])]),
    Case("encoder_layer_norm_first_gelu_batch_first",
         lambda: encoder_layer(activation="gelu", norm_first=True, batch_first=True, layer_norm_eps=1e-6,
                              dropout=0.0),
         [f(3, 5, 4), causal(5)], lambda m, x, am: m(x, src_mask=am)),
    Case("encoder_layer_activation_module", lambda: encoder_layer(activation=nn.GELU(), dropout=0.2), [f(4, 2, 4)]),
    Case("encoder_layer_unbatched", lambda: encoder_layer(), [f(5, 4)]),
    Case("encoder", lambda: nn.TransformerEncoder(encoder_layer(dropout=0.0), 2, nn.LayerNorm(4)),
         [f(5, 3, 4), causal(5), bools([[False] * 5, [False] * 4 + [True], [False] * 3 + [True] * 2])]),
    Case("encoder_nested_eval", lambda: nn.TransformerEncoder(encoder_layer(batch_first=True), 2),
         [c(3, 5, 4), bools([[False] * 5, [False] * 4 + [True], [False] * 2 + [True] * 3])],
         no_grad(lambda m, x, kpm: m(x, src_key_padding_mask=kpm)), modes=("eval",)),
    Case("decoder_layer", lambda: decoder_layer(), [f(4, 3, 4), f(5, 3, 4), causal(4)],
         lambda m, t, mem, am: m(t, mem, tgt_mask=am)),
    Case("decoder_layer_norm_first_batch_first", lambda: decoder_layer(norm_first=True, batch_first=True,
                                                                       activation="gelu", dropout=0.0),
         [f(3, 4, 4), f(3, 5, 4), causal(4), bools([[False] * 4, [False] * 3 + [True], [False] * 4]),
          bools([[False] * 5, [False] * 5, [False] * 3 + [True] * 2])],
         lambda m, t, mem, am, tk, mk: m(t, mem, tgt_mask=am, tgt_key_padding_mask=tk, memory_key_padding_mask=mk)),
    Case("decoder", lambda: nn.TransformerDecoder(decoder_layer(dropout=0.0), 2, nn.LayerNorm(4)),
         [f(4, 3, 4), f(5, 3, 4), causal(4)], lambda m, t, mem, am: m(t, mem, tgt_mask=am)),
    Case("transformer", lambda: small_transformer(),
         [f(5, 3, 4), f(4, 3, 4), causal(4), bools([[False] * 5, [False] * 4 + [True], [False] * 5])],
         lambda m, s, t, am, sk: m(s, t, tgt_mask=am, src_key_padding_mask=sk, memory_key_padding_mask=sk)),
    Case("transformer_batch_first_norm_first_gelu", lambda: small_transformer(batch_first=True, norm_first=True,
                                                                              activation="gelu", dropout=0.0),
         [f(2, 5, 4), f(2, 4, 4), causal(4)], lambda m, s, t, am: m(s, t, tgt_mask=am)),
    # losses
    Case("cross_entropy", lambda: nn.CrossEntropyLoss(), [f(4, 5), longs([1, 0, 4, 2])]),
    Case("cross_entropy_weight_ignore_smoothing", lambda: nn.CrossEntropyLoss(
        weight=torch.tensor([1.0, 0.5, 2.0, 1.5, 0.7]), ignore_index=1, label_smoothing=0.1),
         [f(5, 5), longs([1, 0, 4, 2, 1])]),
    Case("cross_entropy_probabilities", lambda: nn.CrossEntropyLoss(label_smoothing=0.2),
         [f(4, 5), lambda g: ("c", torch.randn(4, 5, generator=g).softmax(1))]),
    Case("cross_entropy_none_kdim", lambda: nn.CrossEntropyLoss(reduction="none"), [f(2, 5, 3), randint(5, 2, 3)]),
    Case("cross_entropy_sum", lambda: nn.CrossEntropyLoss(reduction="sum"), [f(4, 5), longs([1, 0, 4, 2])]),
    Case("F.cross_entropy", None, [f(3, 4), longs([3, 0, 1])],
         lambda m, x, t: F.cross_entropy(x, t, label_smoothing=0.05), modes=("train",)),
    Case("nll", lambda: nn.NLLLoss(), [f(4, 5), longs([1, 0, 4, 2])]),
    Case("nll_weight_ignore", lambda: nn.NLLLoss(weight=torch.tensor([1.0, 0.5, 2.0, 1.5, 0.7]), ignore_index=0),
         [f(4, 5), longs([1, 0, 4, 2])]),
    Case("nll_none_kdim", lambda: nn.NLLLoss(reduction="none"), [f(2, 5, 3), randint(5, 2, 3)]),
    Case("mse", lambda: nn.MSELoss(), [f(3, 4), c(3, 4)]),
    Case("mse_sum", lambda: nn.MSELoss(reduction="sum"), [f(3, 4), f(3, 4)]),
    Case("mse_none", lambda: nn.MSELoss(reduction="none"), [f(3, 4), c(3, 4)]),
    Case("l1", lambda: nn.L1Loss(), [f(3, 4), c(3, 4)]),
    Case("l1_sum", lambda: nn.L1Loss(reduction="sum"), [f(3, 4), c(3, 4)]),
    Case("smooth_l1", lambda: nn.SmoothL1Loss(beta=0.5), [f(3, 4), c(3, 4)]),
    Case("smooth_l1_beta0", lambda: nn.SmoothL1Loss(beta=0.0), [f(3, 4), c(3, 4)]),
    Case("huber", lambda: nn.HuberLoss(delta=0.7), [f(3, 4), c(3, 4)]),
    Case("huber_none", lambda: nn.HuberLoss(reduction="none", delta=1.3), [f(3, 4), c(3, 4)]),
    Case("bce", lambda: nn.BCELoss(weight=torch.tensor([1.0, 0.5, 2.0, 1.5, 0.7])), [probs(3, 5), probs(3, 5)]),
    Case("bce_none", lambda: nn.BCELoss(reduction="none"), [probs(3, 5), probs(3, 5)]),
    Case("bce_with_logits", lambda: nn.BCEWithLogitsLoss(pos_weight=torch.tensor([0.5, 2.0, 3.0])),
         [f(4, 3), probs(4, 3)]),
    Case("kl_div_batchmean", lambda: nn.KLDivLoss(reduction="batchmean"),
         [f(3, 4), lambda g: ("c", torch.rand(3, 4, generator=g).softmax(1))]),
    Case("kl_div_mean", lambda: nn.KLDivLoss(), [f(3, 4), lambda g: ("c", torch.rand(3, 4, generator=g).softmax(1))]),
    Case("kl_div_sum_log_target", lambda: nn.KLDivLoss(reduction="sum", log_target=True), [f(3, 4), c(3, 4)]),
    Case("kl_div_none", lambda: nn.KLDivLoss(reduction="none"),
         [f(3, 4), lambda g: ("c", torch.rand(3, 4, generator=g))]),
    Case("cosine_embedding", lambda: nn.CosineEmbeddingLoss(margin=0.2), [f(4, 6), f(4, 6), const([1, -1, 1, -1])]),
    Case("cosine_embedding_none", lambda: nn.CosineEmbeddingLoss(reduction="none"),
         [f(4, 6), f(4, 6), const([1, -1, -1, 1])]),
    Case("margin_ranking", lambda: nn.MarginRankingLoss(margin=0.1), [f(5), f(5), const([1, -1, 1, 1, -1])]),
    Case("margin_ranking_sum", lambda: nn.MarginRankingLoss(reduction="sum"), [f(5), f(5), const([1, -1, 1, 1, -1])]),
    Case("F.binary_cross_entropy", None, [probs(4), probs(4), const([1.0, 2.0, 0.5, 1.0])],
         lambda m, x, t, w: F.binary_cross_entropy(x, t, w), modes=("train",)),
    Case("F.kl_div", None, [f(2, 3), c(2, 3)], lambda m, x, t: F.kl_div(x, t, reduction="batchmean", log_target=True),
         modes=("train",)),
    Case("F.nll_loss", None, [f(3, 4), longs([3, 0, 1])], lambda m, x, t: F.nll_loss(x, t, ignore_index=0),
         modes=("train",)),
]


def init_cases():
    def trunc(*args):
        return lambda t: nn.init.trunc_normal_(t, *args)
    rows = [
        ("uniform", (4, 5), lambda t: nn.init.uniform_(t, -0.5, 2.0)),
        ("uniform_default", (7,), lambda t: nn.init.uniform_(t)),
        ("normal", (4, 5), lambda t: nn.init.normal_(t, 1.0, 0.3)),
        ("constant", (3, 2), lambda t: nn.init.constant_(t, 0.7)),
        ("zeros", (3, 2), nn.init.zeros_),
        ("ones", (3, 2), nn.init.ones_),
        ("eye", (3, 5), nn.init.eye_),
        ("xavier_uniform", (5, 7), nn.init.xavier_uniform_),
        ("xavier_uniform_gain", (4, 3, 2), lambda t: nn.init.xavier_uniform_(t, gain=2.0)),
        ("xavier_normal", (6, 4), nn.init.xavier_normal_),
        ("kaiming_uniform", (5, 6), nn.init.kaiming_uniform_),
        ("kaiming_uniform_sqrt5", (6, 4, 3), lambda t: nn.init.kaiming_uniform_(t, a=math.sqrt(5))),
        ("kaiming_uniform_fan_out_relu", (5, 6), lambda t: nn.init.kaiming_uniform_(t, mode="fan_out",
                                                                                   nonlinearity="relu")),
        ("kaiming_normal", (5, 6), nn.init.kaiming_normal_),
        ("kaiming_normal_fan_out_tanh", (5, 6, 2), lambda t: nn.init.kaiming_normal_(t, mode="fan_out",
                                                                                    nonlinearity="tanh")),
        ("kaiming_normal_leaky", (4, 4), lambda t: nn.init.kaiming_normal_(t, a=0.2)),
        ("orthogonal", (4, 6), nn.init.orthogonal_),
        ("orthogonal_tall", (6, 4), nn.init.orthogonal_),
        ("orthogonal_3d_gain", (3, 2, 4), lambda t: nn.init.orthogonal_(t, gain=2.0)),
        ("trunc_normal", (40,), trunc()),
        ("trunc_normal_shifted", (40,), trunc(0.5, 2.0, -1.0, 3.0)),
        ("trunc_normal_unit", (40,), trunc(0.0, 1.0, 0.0, 1.0)),
        ("trunc_normal_narrow", (40,), trunc(0.1, 0.02, -0.3, 0.25)),
        ("sparse", (8, 5), lambda t: nn.init.sparse_(t, 0.3)),
    ]
    out = {}
    for i, (name, shape, fn) in enumerate(rows):
        torch.manual_seed(100 + i)
        t = torch.empty(*shape)
        fn(t)
        out[name] = t
        out["seed." + name] = torch.tensor(100 + i)
    save("init", out)
    with open(os.path.join(OUT, "gains.tsv"), "w") as fh:
        for nl, param in (("linear", None), ("conv1d", None), ("sigmoid", None), ("tanh", None), ("relu", None),
                          ("leaky_relu", None), ("leaky_relu", 0.2), ("leaky_relu", math.sqrt(5)), ("selu", None),
                          ("conv_transpose2d", None)):
            fh.write("%s\t%s\t%r\n" % (nl, "" if param is None else repr(param), nn.init.calculate_gain(nl, param)))


def utils_cases():
    g = gen("utils")
    base = [torch.randn(3, 4, generator=g), torch.randn(5, generator=g), torch.randn(2, 2, generator=g)]
    grads = [torch.randn(t.shape, generator=g) for t in base]
    out = {"param%d" % i: t for i, t in enumerate(base)}
    out.update({"grad%d" % i: t for i, t in enumerate(grads)})
    for name, max_norm, norm_type in (("l2", 1.0, 2.0), ("l1", 2.0, 1.0), ("inf", 0.5, math.inf), ("p3", 0.7, 3.0),
                                      ("unclipped", 100.0, 2.0)):
        ps = [t.clone().requires_grad_(True) for t in base]
        for p, gr in zip(ps, grads):
            p.grad = gr.clone()
        ps[1].grad = None if name == "p3" else ps[1].grad  # a parameter without a gradient is skipped
        total = nn.utils.clip_grad_norm_(ps, max_norm, norm_type)
        out[name + ".total"] = total
        for i, p in enumerate(ps):
            if p.grad is not None:
                out["%s.grad%d" % (name, i)] = p.grad
    ps = [t.clone().requires_grad_(True) for t in base]
    for p, gr in zip(ps, grads):
        p.grad = gr.clone()
    nn.utils.clip_grad_value_(ps, 0.5)
    out.update({"value.grad%d" % i: p.grad for i, p in enumerate(ps)})
    out["vector"] = nn.utils.parameters_to_vector(base)
    vec = torch.arange(float(out["vector"].numel()))
    ps = [t.clone() for t in base]
    nn.utils.vector_to_parameters(vec, ps)
    out.update({"from_vector%d" % i: p for i, p in enumerate(ps)})
    save("utils", out)


def message(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001  (every kind is a recorded message)
        return str(e).split("\n")[0]
    raise AssertionError("no error")


def errors():
    def nonfinite():
        p = torch.zeros(2, requires_grad=True)
        p.grad = torch.tensor([float("inf"), 1.0])
        nn.utils.clip_grad_norm_([p], 1.0, error_if_nonfinite=True)
    mha = nn.MultiheadAttention(8, 2)
    cases = {
        "dropout_p": lambda: nn.Dropout(1.5),
        "F.dropout_p": lambda: F.dropout(torch.zeros(2), -0.1),
        "dropout1d_rank": lambda: F.dropout1d(torch.zeros(2, 3, 4, 5), 0.5),
        "bce_size": lambda: F.binary_cross_entropy(torch.full((3, 1), 0.5), torch.zeros(3)),
        "batch_norm1d_rank": lambda: nn.BatchNorm1d(3)(torch.zeros(2, 3, 4, 5)),
        "batch_norm2d_rank": lambda: nn.BatchNorm2d(3)(torch.zeros(2, 3, 4)),
        "batch_norm_single_value": lambda: nn.BatchNorm1d(4)(torch.zeros(1, 4)),
        "bce_with_logits_size": lambda: nn.BCEWithLogitsLoss()(torch.zeros(7, 1), torch.zeros(7)),
        "margin_ranking_dims": lambda: F.margin_ranking_loss(torch.zeros(3), torch.zeros(3, 1), torch.zeros(3)),
        "glu_scalar": lambda: F.glu(torch.tensor(1.0)),
        "mha_divisible": lambda: nn.MultiheadAttention(10, 3),
        "mha_key_rank": lambda: mha(torch.zeros(4, 2, 8), torch.zeros(4, 8), torch.zeros(4, 2, 8)),
        "mha_kpm_type": lambda: mha(torch.zeros(4, 2, 8), torch.zeros(4, 2, 8), torch.zeros(4, 2, 8),
                                    key_padding_mask=torch.zeros(2, 4, dtype=torch.long)),
        "mha_attn_mask_2d": lambda: mha(torch.zeros(4, 2, 8), torch.zeros(5, 2, 8), torch.zeros(5, 2, 8),
                                        attn_mask=torch.zeros(3, 3)),
        "mha_attn_mask_3d": lambda: mha(torch.zeros(4, 2, 8), torch.zeros(5, 2, 8), torch.zeros(5, 2, 8),
                                        attn_mask=torch.zeros(2, 4, 5)),
        "mha_query_rank": lambda: mha(torch.zeros(8), torch.zeros(8), torch.zeros(8)),
        "transformer_batch": lambda: small_transformer()(torch.zeros(5, 3, 4), torch.zeros(4, 2, 4)),
        "transformer_features": lambda: small_transformer()(torch.zeros(5, 3, 4), torch.zeros(4, 3, 6)),
        "activation_name": lambda: nn.TransformerEncoderLayer(8, 2, activation="tanh"),
        "conv_groups_in": lambda: nn.Conv1d(3, 4, 3, groups=2),
        "conv_groups_out": lambda: nn.Conv1d(4, 3, 3, groups=2),
        "conv_same_strided": lambda: nn.Conv1d(4, 3, 3, stride=2, padding="same"),
        "embedding_bag_offsets_none": lambda: F.embedding_bag(torch.tensor([1, 2]), torch.zeros(5, 2)),
        "embedding_bag_2d_offsets": lambda: F.embedding_bag(torch.tensor([[1, 2]]), torch.zeros(5, 2),
                                                            torch.tensor([0])),
        "embedding_bag_per_sample_mean": lambda: F.embedding_bag(torch.tensor([1, 2]), torch.zeros(5, 2),
                                                                 torch.tensor([0]),
                                                                 per_sample_weights=torch.ones(2)),
        "embedding_bag_max_sparse": lambda: F.embedding_bag(torch.tensor([1, 2]), torch.zeros(5, 2),
                                                            torch.tensor([0]), mode="max", sparse=True),
        "embedding_bag_padding": lambda: nn.EmbeddingBag(5, 2, padding_idx=5),
        "fan_1d": lambda: nn.init.xavier_uniform_(torch.empty(3)),
        "orthogonal_1d": lambda: nn.init.orthogonal_(torch.empty(3)),
        "eye_3d": lambda: nn.init.eye_(torch.empty(2, 2, 2)),
        "clip_nonfinite": nonfinite,
        "module_list_index": lambda: nn.ModuleList([nn.ReLU()])[3],
        "sequential_index": lambda: nn.Sequential(nn.ReLU(), nn.Tanh())[-3],
        "kl_div_reduction": lambda: F.kl_div(torch.zeros(2), torch.zeros(2), reduction="avg"),
    }
    with open(os.path.join(OUT, "errors.tsv"), "w") as fh:
        for k, fn in cases.items():
            fh.write(k + "\t" + message(fn) + "\n")


def reprs():
    mods = {
        "dropout": nn.Dropout(0.3), "dropout2d_inplace": nn.Dropout2d(0.5, inplace=True),
        "alpha_dropout": nn.AlphaDropout(0.2), "layer_norm": nn.LayerNorm(6),
        "layer_norm_2d": nn.LayerNorm([4, 6], eps=1e-3, elementwise_affine=False),
        "batch_norm1d": nn.BatchNorm1d(4), "batch_norm2d_options": nn.BatchNorm2d(3, eps=1e-3, momentum=None,
                                                                              affine=False),
        "relu": nn.ReLU(), "relu_inplace": nn.ReLU(inplace=True), "leaky_relu": nn.LeakyReLU(0.2),
        "elu": nn.ELU(0.5), "gelu_tanh": nn.GELU(approximate="tanh"), "hardtanh": nn.Hardtanh(-0.5, 0.7),
        "softplus": nn.Softplus(2.0, 5.0), "softshrink": nn.Softshrink(0.3), "threshold": nn.Threshold(0.1, -2.0),
        "softmax": nn.Softmax(dim=1), "log_softmax_none": nn.LogSoftmax(), "glu": nn.GLU(), "prelu": nn.PReLU(5),
        "identity": nn.Identity(), "flatten": nn.Flatten(), "unflatten": nn.Unflatten(1, (2, 3)),
        "conv1d": nn.Conv1d(4, 6, 3), "conv1d_options": nn.Conv1d(4, 6, 3, stride=2, padding=1, dilation=2,
                                                                   groups=2, bias=False, padding_mode="reflect"),
        "conv1d_same": nn.Conv1d(4, 5, 4, padding="same"),
        "max_pool1d": nn.MaxPool1d(3), "max_pool1d_options": nn.MaxPool1d(3, stride=2, padding=1, ceil_mode=True),
        "conv2d": nn.Conv2d(1, 3, (2, 5)), "conv2d_options": nn.Conv2d(4, 6, 3, stride=(2, 1), padding=(1, 2),
                                                                       dilation=2, groups=2, bias=False,
                                                                       padding_mode="circular"),
        "conv2d_same": nn.Conv2d(2, 3, 3, padding="same"),
        "max_pool2d": nn.MaxPool2d(2), "max_pool2d_options": nn.MaxPool2d((3, 2), stride=(2, 1), padding=1,
                                                                           ceil_mode=True),
        "adaptive_max_pool1d": nn.AdaptiveMaxPool1d(1), "adaptive_avg_pool1d": nn.AdaptiveAvgPool1d(2),
        "embedding_bag": nn.EmbeddingBag(10, 4, mode="sum", padding_idx=1),
        "sequential": nn.Sequential(nn.Linear(5, 4), nn.ReLU(), nn.Dropout(0.3)),
        "module_list": nn.ModuleList([nn.Linear(4, 4), nn.GELU()]),
    }
    with open(os.path.join(OUT, "reprs.tsv"), "w") as fh:
        for k, m in mods.items():
            fh.write(k + "\t" + repr(m).replace("\n", "\\n") + "\n")


def state_dicts():
    """The "transformer" case's model saved by torch.save(model.state_dict()); the Java test loads it into a model
    built with another seed and compares with that case's outputs."""
    torch.manual_seed(SEED_INIT)
    torch.save(small_transformer().state_dict(), os.path.join(OUT, "transformer.pt"))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    rows = [run(case) for case in CASES]
    with open(os.path.join(OUT, "index.txt"), "w") as fh:
        fh.write("".join(rows))
    init_cases()
    utils_cases()
    errors()
    reprs()
    state_dicts()
    total = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT))
    print("torch", torch.__version__, "->", os.path.abspath(OUT), "%d files, %d bytes" % (len(os.listdir(OUT)), total))
