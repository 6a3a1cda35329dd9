package dev.torch4j.nn;

import dev.torch4j.Tensor;

/**
 * Alpha dropout of whole channels (SELU networks) during training. Input {@code (N, C, *)}; output of the same shape. Mirrors {@code nn.FeatureAlphaDropout(p=0.5, inplace=False)}.
 *
 * @see <a href="https://pytorch.org/docs/stable/generated/torch.nn.FeatureAlphaDropout.html">torch.nn.FeatureAlphaDropout</a>
 */
public class FeatureAlphaDropout extends DropoutBase {
    /** Like {@code nn.FeatureAlphaDropout()}: {@code p=0.5}. */
    public FeatureAlphaDropout() {
        this(0.5, false);
    }

    /**
     * Like {@code nn.FeatureAlphaDropout(p)}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= p <= 1} (Python's ValueError)
     */
    public FeatureAlphaDropout(double p) {
        this(p, false);
    }

    /**
     * Like {@code nn.FeatureAlphaDropout(p, inplace)}.
     *
     * @param inplace overwrite the input instead of allocating the output (PyTorch's default: false)
     * @throws IllegalArgumentException unless {@code 0 <= p <= 1} (Python's ValueError)
     */
    public FeatureAlphaDropout(double p, boolean inplace) {
        super(p, inplace);
    }

    /** Applies it, like {@code F.feature_alpha_dropout(input, p, self.training, inplace)}; see the class comment for shapes. */
    @Override
    public Tensor forward(Tensor input) {
        return observe(Functional.featureAlphaDropout(input, p, isTraining(), inplace));
    }
}
