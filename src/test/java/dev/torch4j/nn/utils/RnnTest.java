package dev.torch4j.nn.utils;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torch4j.DType;
import dev.torch4j.Device;
import dev.torch4j.Fixtures;
import dev.torch4j.Tensor;
import dev.torch4j.Torch;
import dev.torch4j.nn.utils.rnn.PackedSequence;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * pack_padded_sequence, pad_packed_sequence, pad_sequence and pack_sequence against PyTorch
 * ({@code tools/gen_rnn_fixtures.py}, pack.safetensors; integer-valued data, so every element is exact).
 */
class RnnTest {
    private final Fixtures f = Fixtures.load("rnn", "pack");
    private final Tensor a = f.get("seq.a").tensor(false);
    private final Tensor b = f.get("seq.b").tensor(false);
    private final Tensor c = f.get("seq.c").tensor(false);

    private static void assertExact(Fixtures.Entry expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        assertArrayEquals(expected.values(), actual.toDoubleArray(), 0.0, what);
    }

    @Test
    void padSequenceMatchesPyTorch() {
        assertExact(f.get("pad_sequence"), Rnn.padSequence(List.of(a, b, c)), "pad_sequence");
        assertExact(f.get("pad_sequence.bf.-1"), Rnn.padSequence(List.of(b, a, c), true, -1), "batch first, -1");
        assertExact(f.get("pad_sequence.bf.-1.left"), Rnn.padSequence(List.of(b, a, c), true, -1, "left"),
                "padding_side left");
    }

    @Test
    void packSequenceMatchesPyTorch() {
        PackedSequence p = Rnn.packSequence(List.of(a, b, c));
        assertExact(f.get("pack_sequence.data"), p.data(), "data");
        assertExact(f.get("pack_sequence.batch_sizes"), p.batchSizes(), "batch sizes");
        assertNull(p.sortedIndices());
        assertNull(p.unsortedIndices());
        PackedSequence u = Rnn.packSequence(List.of(b, a, c), false);
        assertExact(f.get("pack_sequence.unsorted.data"), u.data(), "unsorted data");
        assertExact(f.get("pack_sequence.unsorted.batch_sizes"), u.batchSizes(), "unsorted batch sizes");
        assertExact(f.get("pack_sequence.unsorted.sorted_indices"), u.sortedIndices(), "sorted indices");
        assertExact(f.get("pack_sequence.unsorted.unsorted_indices"), u.unsortedIndices(), "unsorted indices");
        List<Tensor> back = Rnn.unpackSequence(u);
        assertTrue(back.get(0).equal(b) && back.get(1).equal(a) && back.get(2).equal(c), "unpack_sequence");
    }

    @Test
    void packPaddedThenPadPackedMatchesPyTorch() {
        Tensor x = f.get("x").tensor(false);
        Tensor lengths = f.get("lengths").tensor(true);
        PackedSequence p = Rnn.packPaddedSequence(x, lengths, true, false);
        assertExact(f.get("packed.data"), p.data(), "data");
        assertExact(f.get("packed.batch_sizes"), p.batchSizes(), "batch sizes");
        assertExact(f.get("packed.sorted_indices"), p.sortedIndices(), "sorted indices");
        assertExact(f.get("packed.unsorted_indices"), p.unsortedIndices(), "unsorted indices");
        Rnn.PaddedSequence padded = Rnn.padPackedSequence(p, true, 9, 5L);
        assertExact(f.get("padded.bf.9.5"), padded.output(), "padded, batch first, 9, total_length 5");
        assertExact(f.get("padded.lengths"), padded.lengths(), "lengths in the caller's order");
        assertExact(f.get("padded.tf"), Rnn.padPackedSequence(p).output(), "padded, time first");
        PackedSequence sameAsList = Rnn.packPaddedSequence(x, lengths.toLongArray(), true, false);
        assertTrue(sameAsList.data().equal(p.data()), "lengths as long[] or as a tensor");
    }

    @Test
    void unpadSequenceLeavesItsArgumentAlone() {
        Tensor padded = Rnn.padSequence(List.of(a, b, c));
        Tensor copy = padded.clone();
        List<Tensor> seqs = Rnn.unpadSequence(padded, Tensor.of(new long[] {3, 2, 1}, 3));
        assertTrue(seqs.get(0).equal(a) && seqs.get(1).equal(b) && seqs.get(2).equal(c));
        assertTrue(padded.equal(copy), "Python transposes it in place; torch4j does not");
    }

    @Test
    void packedSequenceConstructionAndConversion() {
        Tensor sorted = Tensor.of(new long[] {2, 0, 1}, 3);
        PackedSequence p = new PackedSequence(Torch.ones(6), Tensor.of(new long[] {3, 2, 1}, 3), sorted, null);
        assertArrayEquals(new long[] {1, 2, 0}, p.unsortedIndices().toLongArray(), "invert_permutation");
        assertArrayEquals(new long[] {1, 2, 0}, Rnn.invertPermutation(sorted).toLongArray());
        assertNull(Rnn.invertPermutation(null));
        assertSame(p, p.to(Device.cpu()));
        assertEquals(DType.FLOAT64, p.to(DType.FLOAT64).data().dtype());
        assertSame(p.batchSizes(), p.to(DType.FLOAT64).batchSizes());
        assertTrue(!p.isCuda());
        assertThrows(IllegalArgumentException.class, () -> new PackedSequence(null, Torch.ones(1)));
    }
}
