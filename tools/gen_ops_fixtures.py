#!/usr/bin/python3
"""Writes the op-parity table for torch4j's generated op surface, computed by PyTorch itself.

Run with Debian's python3-torch:  /usr/bin/python3 tools/gen_ops_fixtures.py
Output: src/test/resources/fixtures/ops/ops.json (committed; the tests need no Python).

Each case is one Python expression over the named inputs below, written in the subset of Python that
OpParityTest interprets in Java: method calls on inputs (t.topk(2)), torch.* / F.* / torch.linalg.*
calls (NN.* is torch._C._nn, nn.Functional's natives in Java), positional and keyword arguments (keywords in schema order), int/float/bool/None/str literals,
int lists, tensor lists, dtypes, subscripts (a[0, 1:3, ..., None]) and index_put(t, [keys], value)
for t[keys] = value. For every case the fixture holds what PyTorch returned (dtype, shape, values of
each tensor output, or the scalar), the gradient of sum(output * weights) with respect to every float
input the expression reads, which inputs an in-place change of each output reaches (views), or the
error type and message.
"""
import json
import math
import os

import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "ops")


def make_inputs():
    g = torch.Generator().manual_seed(15)

    def randn(*s):
        return torch.randn(*s, generator=g)

    def rand(*s):
        return torch.rand(*s, generator=g)

    sq = randn(3, 3) + 3 * torch.eye(3)
    a_ = randn(3, 3)
    return {
        "a": randn(2, 3), "b": randn(2, 3), "c": randn(3), "r": randn(3, 1), "col": randn(2, 1),
        "p": rand(2, 3) + 0.5, "u": rand(2, 3) * 1.8 - 0.9, "m": randn(3, 4), "n": randn(4, 2),
        "v": randn(4), "w": randn(3), "sq": sq, "spd": a_ @ a_.T + 3 * torch.eye(3),
        "bat": randn(2, 3, 4), "bat2": randn(2, 4, 5), "img": randn(1, 2, 5, 5), "seq": randn(2, 3, 6),
        "i": torch.tensor([[-5, 3, 0], [2, -1, 4]]), "j": torch.tensor([[1, 2, 3], [4, 2, 1]]),
        "k": torch.tensor([2, 0, 1]), "idx": torch.tensor([1, 0]), "gi": torch.tensor([[2, 0, 1], [1, 1, 0]]),
        "bo": torch.tensor([[True, False, True], [False, False, True]]),
        "bo2": torch.tensor([[True, True, False], [False, True, True]]),
        "e": torch.zeros(0, 3), "s": torch.tensor(2.5), "t6": torch.arange(6.0),
        "lbl": torch.tensor([2, 0]), "tgt": rand(2, 3), "d64": randn(2, 3).double(), "h": randn(2, 3).half(),
        "i32": torch.tensor([[7, -2, 5], [0, 9, -4]], dtype=torch.int32),
        "u8": torch.tensor([[250, 3, 7], [0, 128, 255]], dtype=torch.uint8),
        "logp": F.log_softmax(randn(2, 3), 1), "emb": randn(5, 3), "tok": torch.tensor([[4, 0, 2], [1, 1, 3]]),
    }


UNARY = ["abs", "neg", "exp", "exp2", "expm1", "log1p", "sigmoid", "tanh", "sin", "cos", "tan", "sinh", "cosh",
         "atan", "asinh", "floor", "ceil", "round", "trunc", "frac", "sign", "sgn", "square", "relu", "erf",
         "erfc", "reciprocal", "isnan", "isinf", "isfinite", "signbit", "logical_not", "positive", "fix", "deg2rad",
         "rad2deg", "nan_to_num", "angle", "isreal", "isneginf", "isposinf"]
POSITIVE = ["log", "log2", "log10", "sqrt", "rsqrt", "lgamma", "digamma", "erfinv", "acosh", "i0"]
BOUNDED = ["asin", "acos", "atanh", "logit", "erfinv", "arcsin", "arccos", "arctanh"]

CASES = []
CASES += ["a.%s()" % f for f in UNARY]
CASES += ["p.%s()" % f for f in POSITIVE]
CASES += ["u.%s()" % f for f in BOUNDED]
CASES += ["torch.%s(a)" % f for f in ["abs", "exp", "sigmoid", "tanh", "floor", "sign", "relu", "square"]]
CASES += ["a.clone().%s_()" % f for f in ["abs", "neg", "exp", "sigmoid", "tanh", "sin", "floor", "round",
                                            "trunc", "sign", "square", "relu", "reciprocal", "clamp_min", "zero"]
          if f not in ("clamp_min",)]
CASES += ["p.clone().%s_()" % f for f in ["log", "sqrt", "rsqrt"]]
CASES += [
    # binary, broadcasting, scalars
    "a.add(b)", "a.add(b, alpha=2)", "a.add(2.5)", "a.add(3)", "a.sub(b)", "a.sub(b, alpha=0.5)", "a.sub(1.5)",
    "a.mul(b)", "a.mul(-2)", "a.mul(r.t())", "a.div(p)", "a.div(4)", "a.div(p, rounding_mode='floor')",
    "a.div(p, rounding_mode='trunc')", "a.add(c)", "a.mul(col)", "r.add(c)", "a.pow(2)", "p.pow(0.5)",
    "p.pow(b)", "torch.pow(2.0, a)", "a.remainder(1.5)", "a.fmod(1.5)", "a.atan2(b)", "a.maximum(b)",
    "a.minimum(b)", "a.fmax(b)", "a.fmin(b)", "a.hypot(b)", "a.copysign(b)", "a.lerp(b, 0.3)", "a.lerp(b, p)",
    "a.addcmul(b, p, value=0.5)", "a.addcdiv(b, p, value=2)", "a.xlogy(p)", "a.logaddexp(b)", "a.logaddexp2(b)",
    "a.true_divide(p)", "a.floor_divide(p)", "torch.rsub(a, 2.0)", "a.heaviside(b)",
    "a.nextafter(b)", "a.ldexp(j)", "a.clamp(-0.5, 0.5)", "a.clamp(min=-0.3)",
    "a.clamp(b, p)", "a.clamp(None, 0.2)", "a.clamp_min(0.1)", "a.clamp_max(0.1)", "a.clip(-1, 1)", "a.float_power(2)",
    "a.where(bo, b)", "torch.where(bo, a, b)", "torch.where(bo, a, 0.0)", "a.masked_fill(bo, -1.0)",
    "a.masked_fill(bo, 7)", "a.clone().masked_fill_(bo, 2.5)", "a.clone().add_(b)", "a.clone().add_(b, alpha=3)",
    "a.clone().add_(1.5)", "a.clone().sub_(b)", "a.clone().mul_(b)", "a.clone().mul_(0.5)", "a.clone().div_(p)",
    "a.clone().pow_(2)", "a.clone().clamp_(-0.5, 0.5)", "a.clone().lerp_(b, 0.25)", "a.clone().addcmul_(b, p)",
    "a.clone().fill_(3.25)", "a.clone().copy_(b)", "a.clone().copy_(c)", "a.clone().masked_scatter_(bo, b)",
    "a.clone().index_fill_(1, k, -2.0)", "a.clone().index_add_(1, k, b)", "a.clone().index_copy_(1, k, b)",
    "a.clone().scatter_(1, gi, b)", "a.clone().scatter_add_(1, gi, b)", "a.clone().tril_()", "a.clone().triu_(1)",
    "a.clone().t_()", "a.clone().unsqueeze_(0)", "a.clone().squeeze_()", "a.clone().transpose_(0, 1)",
    # integer and bool dtypes, promotion
    "i.add(j)", "i.add(2)", "i.add(2.5)", "i.mul(a)", "i.div(j)", "i.div(j, rounding_mode='floor')",
    "i.floor_divide(j)", "i.remainder(j)", "i.fmod(j)", "i.abs()", "i.neg()", "i.sign()", "i.pow(2)",
    "i.bitwise_and(j)", "i.bitwise_or(j)", "i.bitwise_xor(j)", "i.bitwise_not()", "i.bitwise_left_shift(j)",
    "i.gcd(j)", "i.lcm(j)", "i.clamp(-2, 2)", "i.sum()", "i.prod()", "i.cumsum(1)", "i.max()", "i.argmax()",
    "i.float()", "i.to(torch.float64)", "i.to(torch.int32)", "i32.add(i)", "i32.mul(2)", "i32.sum()",
    "u8.add(10)", "u8.to(torch.int64)", "u8.bitwise_not()", "bo.logical_and(bo2)", "bo.logical_or(bo2)",
    "bo.logical_xor(bo2)", "bo.logical_not()", "bo.bitwise_and(bo2)", "bo.sum()", "bo.any()", "bo.all()",
    "bo.any(1)", "bo.all(0)", "bo.float()", "bo.add(bo2)", "a.mul(bo)", "d64.add(a)", "h.float()",
    "a.to(torch.float64)", "a.to(torch.int64)", "a.to(torch.bool)", "a.to(torch.float16)",
    "a.to(torch.bfloat16).float()", "a.type_as(i)", "i.type_as(a)", "a.double()", "a.long()", "a.int()",
    # comparisons
    "a.eq(b)", "a.ne(b)", "a.lt(b)", "a.le(b)", "a.gt(b)", "a.ge(b)", "a.gt(0.1)", "a.eq(0)", "i.eq(j)",
    "a.isclose(b)", "a.isclose(a.add(1e-7))", "i.ge(0)", "a.greater(b)", "a.less_equal(b)", "a.not_equal(b)",
    "a.equal(b)", "a.equal(a.clone())", "a.allclose(b)", "a.allclose(a.add(1e-9))", "torch.isin(k, idx)",
    # reductions
    "a.sum()", "a.sum(0)", "a.sum(1, True)", "a.sum([0, 1])", "a.sum(dtype=torch.float64)", "a.mean()",
    "a.mean(1)", "a.mean(0, True)", "a.prod()", "a.prod(1)", "a.max()", "a.min()", "a.max(1)", "a.min(0, True)",
    "a.max(b)", "a.amax(1)", "a.amin(0)", "a.aminmax()", "a.argmax()", "a.argmax(1)", "a.argmin(0, True)",
    "a.std()", "a.std(1)", "a.var()", "a.var(0)", "a.std(1, unbiased=False)", "a.var(1, True, True)",
    "torch.std_mean(a)", "torch.var_mean(a, 1)", "a.norm()", "a.norm(1)", "a.norm(2, 1)", "a.logsumexp(1)",
    "a.cumsum(1)", "a.cumprod(0)", "a.cummax(1)", "a.cummin(0)", "a.logcumsumexp(1)", "a.median()",
    "a.median(1)", "a.nanmedian()", "a.mode(1)", "a.kthvalue(2, 1)", "a.topk(2)", "a.topk(2, 0, False)",
    "a.sort()", "a.sort(0, True)", "a.argsort(1)", "a.msort()", "a.count_nonzero()", "a.count_nonzero(1)",
    "a.nansum()", "a.nanmean()", "a.quantile(0.25)", "a.all()", "a.any()", "a.dist(b)", "a.trace()",
    "e.sum()", "e.sum(0)", "e.mean(1)", "e.amax(1)", "torch.sum(a, 1)", "torch.mean(a)", "torch.max(a, 1)",
    "torch.logsumexp(a, 0)", "a.softmax(1)", "a.log_softmax(0)", "torch.softmax(a, 1)", "a.unique()",
    "torch.unique(i, True, True, True)", "a.diff()", "a.renorm(2, 0, 1.0)", "i.bincount", 
    # shapes and views
    "a.view(3, 2)", "a.view(-1)", "a.view(torch.int32)", "a.reshape(3, 2)", "a.reshape(-1, 1)", "a.t()",
    "a.transpose(0, 1)", "a.permute(1, 0)", "bat.permute(2, 0, 1)", "a.flatten()", "bat.flatten(1)",
    "bat.flatten(0, 1)", "a.unsqueeze(0)", "a.unsqueeze(-1)", "r.squeeze()", "r.squeeze(1)", "a.squeeze(0)",
    "a.expand(4, 2, 3)", "r.expand(3, 4)", "r.expand_as(m)", "a.narrow(1, 1, 2)", "a.select(1, 2)",
    "a.select(0, -1)", "a.unbind()", "a.unbind(1)", "a.split(2, 1)", "a.split([1, 2], 1)", "a.chunk(2, 1)",
    "t6.tensor_split(3)", "a.movedim(0, 1)", "bat.swapaxes(0, 2)", "a.contiguous()", "a.t().contiguous()",
    "a.clone()", "a.detach()", "a.flip(1)", "a.flip([0, 1])", "a.fliplr()", "a.flipud()", "a.roll(1)",
    "a.roll(1, 1)", "a.rot90()", "a.repeat(2, 1)", "a.repeat_interleave(2)", "a.repeat_interleave(2, 1)",
    "a.tile([2])", "a.tril()", "a.triu()", "m.tril(1)", "m.triu(-1)", "a.diag()", "c.diag()", "c.diag(1)",
    "sq.diagonal()", "bat.diagonal(0, 1, 2)", "c.diag_embed()", "a.unfold(1, 2, 1)", "t6.unflatten(0, [2, 3])",
    "a.ravel()", "a.view_as(b)", "a.reshape_as(b.t())", "a.as_strided([2, 2], [1, 2])", "c.outer(w)",
    "a.new_zeros(2)", "a.new_ones([1, 3])", "a.new_full([2], 4.5)", "a.new_empty([0])", "a.new_tensor",
    "torch.cat([a, b])", "torch.cat([a, b], 1)", "torch.concat([a, c.unsqueeze(0)])", "torch.stack([a, b])",
    "torch.stack([a, b], 2)", "torch.hstack([a, b])", "torch.vstack([a, b])", "torch.dstack([a, b])",
    "torch.column_stack([c, w])", "torch.broadcast_tensors(a, c)", "torch.broadcast_to(c, [2, 3])",
    "torch.meshgrid([c, v], indexing='ij')", "torch.cartesian_prod(k, idx)", "torch.block_diag(a, sq)",
    "torch.atleast_2d(c)", "torch.atleast_3d(a)", "torch.tril_indices(3, 3)", "torch.triu_indices(3, 4, 1)",
    "torch.combinations(c)", "torch.kron(a, r)", "torch.cdist(a, m.t()[:2])", "torch.einsum('ij,jk->ik', [a, m])",
    "torch.einsum('bij->bji', [bat])",
    # autograd through in-place ops: version counters catch a saved tensor changed in place
    "a.sigmoid().mul_(2)", "a.exp().add_(1)", "a.clone().mul_(b).sum()", "a.mul(2).tanh_()", "a.t().clone().add_(b.t())",
    "a.view(3, 2).mul_(2)", "a.clone().view(3, 2).mul_(2)", "a.clone()[0].add_(c)", "a.clone().select(1, 0).zero_()",
    # indexing: gather, scatter, index_select, masked, take, put
    "a.gather(1, gi)", "a.index_select(1, k)", "a.index_select(0, idx)", "a.masked_select(bo)", "a.take(k)",
    "a.take_along_dim(gi, 1)", "a.scatter(1, gi, b)", "a.scatter(1, gi, 2.0)", "a.scatter_add(1, gi, b)",
    "a.scatter_reduce(1, gi, b, 'amax')", "a.index_add(1, k, b)", "a.index_fill(1, k, 0.5)", "a.index_copy(1, k, b)",
    "a.index_put([idx], c)", "a.index_put([idx, k[:2]], torch.ones(2), True)", "bo.nonzero()", "a.argwhere()",
    "a.masked_scatter(bo, b)", "a.put(k, c)", "a.searchsorted", "torch.searchsorted(t6, c)",
    "torch.bucketize(c, t6)", "k.bincount()", "torch.histc(a, 4)",
    # Python subscripts (views where Python gives views)
    "a[0]", "a[-1]", "a[0, 1]", "a[:, 1]", "a[1:]", "a[:, ::2]", "a[:, -2:]", "a[..., 0]", "a[None]",
    "a[:, None]", "a[0, None, 1:]", "bat[1, ..., 2]", "bat[:, 1:3, ::2]", "a[idx]", "a[:, k]", "a[bo]",
    "a[idx, k[:2]]", "a[True]", "a[False]", "a[1:100]", "a[-100:1]", "a[5:]", "a[:, [0, 2]]", "s[None]",
    "index_put(a.clone(), [0], 5.0)", "index_put(a.clone(), [slice(None), 1], c[:2])",
    "index_put(a.clone(), [bo], 0.0)", "index_put(a.clone(), [idx], b)", "index_put(a.clone(), [Ellipsis, 0], -1.0)",
    "index_put(a.clone(), [slice(0, 1), slice(None, None, 2)], 9.0)",
    # matrices
    "a.matmul(m)", "m.mm(n)", "m.mv(v)", "c.dot(w)", "c.vdot(w)", "bat.bmm(bat2)", "bat.matmul(bat2)",
    "a.matmul(c)", "c.matmul(m)", "torch.addmm(c, a.t(), a)", "torch.addmv(w, m, v)", "torch.baddbmm(bat.matmul(bat2), bat, bat2)",
    "torch.addr(a, c[:2], w)", "torch.chain_matmul", "sq.det()", "sq.inverse()", "sq.logdet", "sq.slogdet()",
    "spd.cholesky()", "sq.matrix_power(3)", "sq.matrix_exp()", "torch.linalg.inv(sq)", "torch.linalg.det(sq)",
    "torch.linalg.norm(a)", "torch.linalg.vector_norm(a, 3)", "torch.linalg.matrix_norm(sq)",
    "torch.linalg.solve(sq, a.t())", "torch.linalg.cholesky(spd)", "torch.linalg.qr(sq)", "torch.linalg.eigvalsh(spd)",
    "torch.linalg.svdvals(m)", "torch.linalg.matrix_rank(m)", "torch.linalg.pinv(m)", "torch.linalg.cross(a, b)",
    "torch.linalg.multi_dot([a, m, n])", "torch.linalg.vecdot(a, b)", "torch.linalg.slogdet(sq)",
    # nn functional natives and torch.* nn ops
    "F.gelu(a)", "F.gelu(a, approximate='tanh')", "F.elu(a)", "F.leaky_relu(a)", "F.leaky_relu(a, 0.2)",
    "F.hardtanh(a)", "F.softplus(a)", "F.silu(a)", "F.mish(a)", "F.hardswish(a)", "F.hardsigmoid(a)",
    "F.relu6(a)", "F.softshrink(a)", "F.glu(m)", "torch.selu(a)", "torch.celu(a)",
    "torch.prelu(a, torch.tensor([0.25]))", "torch.hardshrink(a)", "torch.threshold(a, 0.1, 20.0)",
    "torch.rrelu(a, 0.125, 0.3333333333333333, False)", "torch.dropout(a, 0.0, True)", "torch.dropout(a, 0.5, False)",
    "F.mse_loss(a, b)", "F.l1_loss(a, b)", "F.smooth_l1_loss(a, b)", "F.huber_loss(a, b)",
    "F.binary_cross_entropy(tgt, p.div(2))", "torch.binary_cross_entropy_with_logits(a, tgt, None, None, 1)",
    "NN.nll_loss_nd(logp, lbl, None, 1, -100)", "torch.kl_div(logp, tgt, 1)", "torch.cosine_similarity(a, b)",
    "torch.pairwise_distance(a, b)", "torch.cosine_embedding_loss(a, b, torch.tensor([1.0, -1.0]), 0.0, 1)",
    "torch.margin_ranking_loss(c, w, torch.tensor([1.0, -1.0, 1.0]), 0.0, 1)", "torch.hinge_embedding_loss(a, b.sign(), 1.0, 1)",
    "F.one_hot(k)", "F.one_hot(k, 4)", "torch.layer_norm(a, [3])", "torch.group_norm(img, 1)",
    "torch.embedding(emb, tok)", "torch.embedding(emb, tok, 0)", "F.linear(a, m.t())", "F.linear(a, m.t(), v)",
    "torch.bilinear(a, b, torch.ones(2, 3, 3), None)", "torch.conv1d(seq, torch.ones(2, 3, 2))",
    "torch.conv1d(seq, torch.ones(4, 3, 3), None, 1, 1)", "torch.conv2d(img, torch.ones(1, 2, 3, 3))",
    "torch.max_pool1d(seq, 2)", "torch.avg_pool1d(seq, 2)", "torch.adaptive_max_pool1d(seq, 2)",
    "torch.adaptive_avg_pool1d(seq, 3)", "torch.max_pool2d(img, 2)", "F.avg_pool2d(img, 2)",
    "F.adaptive_avg_pool2d(img, [2, 2])", "F.pad(a, [1, 2])", "F.pad(a, [1, 1, 1, 0], 'constant', 0.5)",
    "torch.constant_pad_nd(a, [1, 1])", "torch.pixel_shuffle(img.repeat(1, 2, 1, 1), 2)",
    "torch.channel_shuffle(img, 2)", "NN.cross_entropy_loss(a, lbl, None, 1, -100, 0.0)", "NN.cross_entropy_loss(a, tgt, None, 1, -100, 0.1)", "NN.nll_loss(logp, lbl, None, 2, -100)", "NN.nll_loss(logp, lbl, None, 0, 1)", "NN.cross_entropy_loss(a, lbl, torch.tensor([0.2, 1.0, 3.0]), 1, -100, 0.0)", "NN.log_sigmoid(a)",
    "torch.batch_norm(bat, None, None, None, None, True, 0.1, 1e-5, False)",
    "torch.instance_norm(bat, None, None, None, None, True, 0.1, 1e-5, False)",
    "torch.scaled_dot_product_attention", "torch.native_layer_norm(a, [3], None, None, 1e-5)",
    # creation
    "torch.zeros(2, 3)", "torch.ones([2, 2], dtype=torch.int64)", "torch.full([2, 2], 7.5)", "torch.eye(3)",
    "torch.eye(2, 3)", "torch.arange(5)", "torch.arange(1, 2.5, 0.5)", "torch.arange(0, 10, 3)",
    "torch.linspace(0, 1, 5)", "torch.logspace(0, 2, 3)", "torch.zeros_like(a)", "torch.ones_like(i)",
    "torch.full_like(a, 2)", "torch.empty(0, 2)", "torch.scalar_tensor(3.5)", "torch.tril_indices(2, 2)",
    "torch.complex(a, b).abs()", "torch.real(torch.polar(p, a))", "torch.imag(torch.complex(a, b))", "torch.view_as_real(torch.complex(a, b))",
    # errors (message and type from PyTorch)
    "a.view(4)", "a.add(m)", "a.squeeze(5)", "a.select(0, 5)", "s.select(0, 0)", "a.matmul(a)", "i.mean()",
    "a.sum(7)", "torch.stack([a, c])", "torch.cat([a, m])", "a[5]", "a[:, 9]", "a.reshape(5, -1)",
    "a.gather(1, k)", "a.index_select(1, a)", "a.expand(3, 3)", "a.narrow(1, 2, 2)", "a.topk(4)",
    "a.t().view(6)", "torch.arange(1, 0, 1)", "torch.zeros(-1)", "a.softmax(2)", "bo.add(bo2).sub(bo)",
    "a.masked_fill(i, 0.0)", "a.transpose(0, 2)", "a.permute(0, 0)", "a.flatten(2)", "a.unflatten(1, [2, 2])",
    "a.split(0)", "a.chunk(0)", "a.repeat(2)", "torch.linalg.inv(m)", "a.kthvalue(4, 1)", "torch.cat([])",
    "a.mm(b)", "c.dot(v)", "a.t().cross(b)", "F.one_hot(i)", "a.bitwise_and(b)", "NN.nll_loss_nd(a, a)",
]

# entries written as a bare attribute above are placeholders for ops whose call shape differs too much
# between Python and Java (or between 1.13 and 2.x); they are left out
CASES = [c for c in CASES if "(" in c or "[" in c or c.endswith(".T")]


def index_put(t, key, value):
    t[tuple(key)] = value
    return t


ENV = {"torch": torch, "F": F, "NN": torch._C._nn, "index_put": index_put, "Ellipsis": Ellipsis, "slice": slice}


def encode_value(x):
    if isinstance(x, float) and not math.isfinite(x):
        return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")
    return x


def tensor_json(t):
    t = t.detach()
    if t._is_zerotensor():
        t = torch.zeros(t.shape, dtype=t.dtype)
    if t.is_complex():
        t = torch.view_as_real(t)
    if t.dtype in (torch.float16, torch.bfloat16):
        values = t.float().flatten().tolist()
    else:
        values = t.flatten().tolist()
    return {"dtype": str(t.dtype), "shape": list(t.shape), "values": [encode_value(v) for v in values]}


def outputs_of(r):
    if isinstance(r, torch.Tensor):
        return [r]
    if isinstance(r, (tuple, list)):
        out = []
        for x in r:
            out.extend(outputs_of(x))
        return out
    return [r]


def weights(shape, salt):
    n = 1
    for s in shape:
        n *= s
    return torch.cos(torch.arange(n, dtype=torch.float64) * 0.7 + salt).float().reshape(shape)


def reads(expr, inputs):
    import re
    names = set(re.findall(r"\b([a-z][a-z0-9]*)\b", expr))
    return [n for n in inputs if n in names]


def run_case(expr, base):
    case = {"expr": expr}
    names = reads(expr, base)
    ins = {n: base[n].clone() for n in names}
    float_names = [n for n in names if ins[n].dtype in (torch.float32, torch.float64)]
    for n in float_names:
        ins[n].requires_grad_(True)
    try:
        r = eval(expr, dict(ENV), dict(ins))
    except Exception as e:  # noqa: BLE001 - the error is the expected result
        case["error"] = {"type": type(e).__name__, "message": str(e).split("\n")[0]}
        return case
    outs = outputs_of(r)
    case["outputs"] = [tensor_json(o) if isinstance(o, torch.Tensor) else {"scalar": encode_value(o)} for o in outs]
    loss = None
    for k, o in enumerate(outs):
        if isinstance(o, torch.Tensor) and o.dtype in (torch.float32, torch.float64) and o.requires_grad:
            term = (o * weights(o.shape, k).to(o.dtype)).sum()
            loss = term if loss is None else loss + term
    if loss is not None:
        try:
            loss.backward()
            case["grads"] = {n: tensor_json(ins[n].grad) for n in float_names if ins[n].grad is not None}
        except RuntimeError as e:
            case["grad_error"] = str(e).split("\n")[0]
    # views: which inputs an in-place change of each output reaches
    aliases = []
    with torch.no_grad():
        ins2 = {n: base[n].clone() for n in names}
        try:
            r2 = eval(expr, dict(ENV), dict(ins2))
        except Exception:  # noqa: BLE001
            r2 = None
        for o in outputs_of(r2) if r2 is not None else []:
            if not isinstance(o, torch.Tensor) or o.numel() == 0:
                aliases.append([])
                continue
            snapshot = {n: ins2[n].clone() for n in ins2}
            try:
                if o.dtype == torch.bool:
                    o.logical_not_()
                else:
                    o.add_(1)
            except RuntimeError:
                aliases.append(["<refused>"])
                continue
            aliases.append(sorted(n for n in ins2 if not torch.equal(snapshot[n], ins2[n])))
    case["aliases"] = aliases
    return case


def main():
    os.makedirs(OUT, exist_ok=True)
    base = make_inputs()
    fixture = {"torch": torch.__version__, "inputs": {k: tensor_json(v) for k, v in base.items()}, "cases": []}
    seen = set()
    for expr in CASES:
        if expr in seen:
            continue
        seen.add(expr)
        fixture["cases"].append(run_case(expr, base))
    with open(os.path.join(OUT, "ops.json"), "w") as f:
        json.dump(fixture, f, separators=(",", ":"), allow_nan=False)
    errors = sum(1 for c in fixture["cases"] if "error" in c)
    print("%d cases (%d errors) -> %s" % (len(fixture["cases"]), errors, os.path.join(OUT, "ops.json")))


if __name__ == "__main__":
    main()
