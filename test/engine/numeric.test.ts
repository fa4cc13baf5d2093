import { hyp2f1, lgamma, nelderMead } from '../../src/engine/numeric';

describe('lgamma', () => {
  test('matches factorials and Γ(½) = √π', () => {
    let factorial = 1;
    for (let n = 1; n <= 30; n++) {
      expect(lgamma(n)).toBeCloseTo(Math.log(factorial), 10);
      factorial *= n;
    }
    expect(lgamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(lgamma(1.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI) / 2), 13);
  });

  test('Γ(x + 1) = x Γ(x) from tiny to large arguments', () => {
    for (const x of [1e-6, 0.01, 0.2426, 0.7929, 3.3, 17.5, 250, 1e5]) {
      expect(lgamma(x + 1) - lgamma(x) - Math.log(x)).toBeCloseTo(0, 9);
    }
  });
});

describe('hyp2f1', () => {
  test('closed forms: 2F1(1,1;2;z) = −ln(1−z)/z and 2F1(a,b;b;z) = (1−z)^−a', () => {
    for (const z of [0, 0.1, 0.5, 0.9, 0.99]) {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(z ? -Math.log(1 - z) / z : 1, 10);
      expect(hyp2f1(0.7, 2.4, 2.4, z)).toBeCloseTo((1 - z) ** -0.7, 9);
    }
  });

  test('Gauss at z → 1: 2F1(a,b;c;1) = Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)) when c > a + b', () => {
    const [a, b, c] = [0.3, 0.5, 2.2];
    const exact = Math.exp(lgamma(c) + lgamma(c - a - b) - lgamma(c - a) - lgamma(c - b));
    expect(hyp2f1(a, b, c, 0.999999)).toBeCloseTo(exact, 4);
  });
});

describe('nelderMead', () => {
  test('finds the Rosenbrock minimum from several starts', () => {
    const rosenbrock = ([x, y]: number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    for (const start of [
      [-1.2, 1],
      [3, -2],
      [0, 0],
    ]) {
      const { x } = nelderMead(rosenbrock, start);
      // The simplex stops when its vertices lie within 1e-4 of each other.
      expect(x[0]).toBeCloseTo(1, 3);
      expect(x[1]).toBeCloseTo(1, 3);
    }
  });

  test('reaches the corner of a non-smooth valley (where contractions fail and the simplex must shrink)', () => {
    const f = ([x, y]: number[]) => Math.abs(x - 1) + 4 * Math.abs(y + 2) + Math.abs(x - y - 3) * 0.5;
    const { x, value } = nelderMead(f, [5, 5]);
    expect(value).toBeCloseTo(0, 6);
    expect(x[0]).toBeCloseTo(1, 3);
    expect(x[1]).toBeCloseTo(-2, 3);
  });
});
