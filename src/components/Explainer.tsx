import { Tex } from './Tex';

/**
 * The paper, its claim with the right quantifiers, and what this demo does and does not show (docs/science.md 1).
 * Folded (its heading still shows) while an experiment has many runs: its charts then need the room, and the
 * preset's caption says what to look at.
 */
export function Explainer({ folded = false }: { folded?: boolean }) {
  return (
    <details className="explainer" open={!folded}>
      <summary>
        <h2 id="explainer-title">What you are looking at</h2>
      </summary>
      <p>
        Daniely &amp; Vardi, <cite>Hardness of Learning Neural Networks with Natural Weights</cite> (NeurIPS 2020),
        study depth-2 networks
      </p>
      <Tex
        block
      >{String.raw`N_W(x) = \operatorname{clip}_{[0,1]}\Big(\sum_{i=1}^{m} \operatorname{relu}(\langle w_i, x\rangle)\Big), \qquad W = [w_1,\dots,w_m] \in \mathbb{R}^{n\times m},\ W_{ri} \overset{\text{iid}}{\sim} \mathcal{D}`}</Tex>
      <p>
        whose first-layer weights are drawn from a natural distribution <Tex>{String.raw`\mathcal{D}`}</Tex> (normal,
        uniform, …). Known hardness results assumed adversarial weights; could random weights make learning easy?
      </p>
      <p>
        <strong>Their answer is no.</strong> Assuming that refuting random K-SAT formulas is hard, for most draws of{' '}
        <Tex>W</Tex> no efficient algorithm learns <Tex>N_W</Tex> under <em>every</em> input distribution. The input
        distribution that defeats the learner <strong>may depend on the weights</strong>: the result is worst case over
        inputs and asymptotic, and that is exactly where its critics pointed.
      </p>
      <h3>The mechanism you can watch</h3>
      <p>
        With <Tex>{String.raw`m < n`}</Tex>, a random <Tex>W</Tex> has full column rank, so for any matrix <Tex>V</Tex>{' '}
        there is an <Tex>A</Tex> with <Tex>{String.raw`W^\top A = V^\top`}</Tex>. Inputs{' '}
        <Tex>{String.raw`x = A\,[z;1]`}</Tex> built from hidden bits <Tex>{String.raw`z \in \{0,1\}^d`}</Tex> make every
        hidden unit's pre-activation <Tex>{String.raw`\langle w_i, x\rangle`}</Tex> any affine function of <Tex>z</Tex>{' '}
        the adversary likes. Here <Tex>{String.raw`2^{k-1}`}</Tex> units sum to the parity of <Tex>k</Tex> secret bits
        and the rest are switched off; the weights stay exactly as drawn. The pre-activation histogram shows it:
        Gaussian under Gaussian inputs, a few forced values under the adversarial ones.
      </p>
      <h3>What this demo shows, and what it does not</h3>
      <ul>
        <li>
          It shows gradient training (Adam or SGD) failing <em>in practice, within a step budget</em>, on the
          adversarial inputs, while the very same random teacher is learned quickly under Gaussian inputs. The plateau
          at normalised loss 1 grows with every extra parity bit.
        </li>
        <li>
          It is not a proof of computational hardness: sizes are finite, and low-k parities are learned if you wait. The
          hard target is a sparse parity (hard for gradient methods and statistical-query algorithms), standing in for
          the paper's random K-SAT construction; a K-SAT-shaped target is offered too, and may well be learnable at
          these sizes.
        </li>
        <li>
          Random labels are the control: the curve of a run that learns nothing. Changing the weight distribution
          changes nothing: the adversary does not care.
        </li>
      </ul>
      <h3>Related results</h3>
      <ul className="related">
        <li>
          Klivans &amp; Sherstov 2006; Daniely &amp; Shalev-Shwartz 2016: depth-2 networks with arbitrary weights are
          hard to learn.
        </li>
        <li>
          Shamir 2018: nice targets have hard input distributions, and some simple targets are hard even on nice inputs.
        </li>
        <li>
          Daniely &amp; Vardi 2021: hardness under Gaussian inputs for deeper networks, from local pseudorandom
          generators.
        </li>
        <li>
          Daniely, Srebro &amp; Vardi 2023: random networks are almost learnable for inputs on the sphere, which is why
          the input distribution is the crux.
        </li>
      </ul>
    </details>
  );
}
