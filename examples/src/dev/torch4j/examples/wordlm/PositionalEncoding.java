package dev.torch4j.examples.wordlm;

import dev.torch4j.DType;
import dev.torch4j.Indexing;
import dev.torch4j.Tensor;
import dev.torch4j.TensorOptions;
import dev.torch4j.Torch;
import dev.torch4j.nn.Dropout;
import dev.torch4j.nn.Module;
import dev.torch4j.nn.TensorModule;

/**
 * Inject some information about the relative or absolute position of the tokens in the sequence: sines and
 * cosines of different frequencies, {@code PE(pos, 2i) = sin(pos/10000^(2i/d_model))},
 * {@code PE(pos, 2i+1) = cos(pos/10000^(2i/d_model))}, added to the embeddings, then dropout.
 * {@code model.PositionalEncoding} of pytorch/examples' word_language_model
 * (<a href="https://github.com/pytorch/examples/blob/77f55b912142e11fcfdf5b530231fb9c52f181e8/word_language_model/model.py">model.py</a>).
 */
public final class PositionalEncoding extends Module implements TensorModule {
    final Dropout dropout;
    final Tensor pe;

    /** {@code PositionalEncoding(d_model)} with {@code dropout=0.1, max_len=5000}. */
    public PositionalEncoding(long dModel) {
        this(dModel, 0.1, 5000);
    }

    /** {@code PositionalEncoding(d_model, dropout)} with {@code max_len=5000}. */
    public PositionalEncoding(long dModel, double dropout) {
        this(dModel, dropout, 5000);
    }

    /**
     * @param dModel  the embed dim
     * @param dropout the dropout value
     * @param maxLen  the max. length of the incoming sequence
     */
    public PositionalEncoding(long dModel, double dropout, long maxLen) {
        this.dropout = register("dropout", new Dropout(dropout));

        Tensor pe = Torch.zeros(maxLen, dModel);
        Tensor position = Torch.arange(0, maxLen, TensorOptions.defaults().dtype(DType.FLOAT32)).unsqueeze(1);
        Tensor divTerm = Torch.exp(Torch.arange(0, dModel, 2).toFloat().mul(-Math.log(10000.0) / dModel));
        pe.indexPut_(new Object[] {Indexing.all(), Indexing.slice(0, null, 2)}, Torch.sin(position.mul(divTerm)));
        pe.indexPut_(new Object[] {Indexing.all(), Indexing.slice(1, null, 2)}, Torch.cos(position.mul(divTerm)));
        pe = pe.unsqueeze(0).transpose(0, 1);
        this.pe = registerBuffer("pe", pe);
    }

    /**
     * @param x the sequence fed to the positional encoder model, {@code (sequence length, batch size, embed dim)}
     * @return {@code (sequence length, batch size, embed dim)}
     */
    @Override
    public Tensor forward(Tensor x) {
        x = x.add(pe.index(Indexing.slice(null, x.size(0)), Indexing.all()));
        return dropout.forward(x);
    }
}
