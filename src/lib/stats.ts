// Small, pure statistics for the factoren page: correlation (Pearson, Spearman), a Fisher-z 95%
// interval, and ordinary least squares with up to three predictors (coefficients with t-intervals,
// R², residuals and prediction intervals). One implementation for the build and the browser.
// Missing values (null, undefined, NaN) drop the whole case (listwise deletion).

export type Num = number | null | undefined;

const ok = (v: Num): v is number => typeof v === 'number' && Number.isFinite(v);

/** The cases where every column has a value. */
export function completeCases(cols: Num[][]): number[][] {
  const n = Math.min(...cols.map((c) => c.length));
  const out: number[][] = cols.map(() => []);
  for (let i = 0; i < n; i++) {
    if (cols.every((c) => ok(c[i]))) cols.forEach((c, j) => out[j].push(c[i] as number));
  }
  return out;
}

const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;

function pearsonClean(x: number[], y: number[]): number | null {
  if (x.length < 3) return null;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  // A constant column has no correlation with anything.
  if (sxx === 0 || syy === 0) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

export interface Correlation {
  r: number | null;
  n: number;
}

/** Pearson's r over the complete pairs; null when n < 3 or a column is constant. */
export function pearson(x: Num[], y: Num[]): Correlation {
  const [a, b] = completeCases([x, y]);
  return { r: pearsonClean(a, b), n: a.length };
}

/** Ranks 1..n, ties get the average of the ranks they span. */
export function ranks(xs: number[]): number[] {
  const idx = xs.map((v, i) => [v, i] as const).sort((p, q) => p[0] - q[0]);
  const out = new Array<number>(xs.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1][0] === idx[i][0]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[idx[k][1]] = avg;
    i = j + 1;
  }
  return out;
}

/** Spearman's ρ: Pearson's r of the (average) ranks of the complete pairs. */
export function spearman(x: Num[], y: Num[]): Correlation {
  const [a, b] = completeCases([x, y]);
  return { r: pearsonClean(ranks(a), ranks(b)), n: a.length };
}

/** 95% interval of a correlation via Fisher's z (needs n > 3). */
export function fisherInterval(r: number | null, n: number, z = 1.959963984540054): [number, number] | null {
  if (r === null || n <= 3) return null;
  if (Math.abs(r) === 1) return [r, r];
  const zr = Math.atanh(r);
  const se = 1 / Math.sqrt(n - 3);
  return [Math.tanh(zr - z * se), Math.tanh(zr + z * se)];
}

// --- Student's t ---------------------------------------------------------------------------------

/** ln Γ(x), Lanczos approximation (g = 7, n = 9): about 15 significant digits. */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the regularised incomplete beta function (Numerical Recipes' betacf). */
function betacf(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
function incBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betacf(a, b, x)) / a : 1 - (front * betacf(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with df degrees of freedom. */
export function tCdf(t: number, df: number): number {
  const tail = 0.5 * incBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The p-quantile of Student's t (bisection on the cdf: slow-ish but exact to ~1e-10). */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new RangeError(`tQuantile: p must be in (0, 1) and df > 0 (p=${p}, df=${df})`);
  let lo = -1e3;
  let hi = 1e3;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

// --- Ordinary least squares ----------------------------------------------------------------------

/** Inverse of a small symmetric matrix by Gauss-Jordan; null when singular. */
function invert(m: number[][]): number[][] | null {
  const k = m.length;
  const a = m.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < k; col++) {
    let piv = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) piv = r;
    const scale = Math.max(1, ...m.map((row) => Math.abs(row[col])));
    if (Math.abs(a[piv][col]) < 1e-10 * scale) return null;
    [a[col], a[piv]] = [a[piv], a[col]];
    const d = a[col][col];
    for (let j = 0; j < 2 * k; j++) a[col][j] /= d;
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = a[r][col];
      if (f !== 0) for (let j = 0; j < 2 * k; j++) a[r][j] -= f * a[col][j];
    }
  }
  return a.map((row) => row.slice(k));
}

export interface Coefficient {
  /** Index of the predictor; -1 for the intercept. */
  index: number;
  estimate: number;
  se: number;
  /** 95% t-interval. */
  low: number;
  high: number;
}

export interface OlsFit {
  n: number;
  /** Number of predictors. */
  k: number;
  df: number;
  intercept: Coefficient;
  coefficients: Coefficient[];
  r2: number;
  /** Residual standard error. */
  sigma: number;
  /** t quantile (97.5%) at df. */
  t: number;
  /** (XᵀX)⁻¹ including the intercept column, for prediction intervals. */
  xtxInv: number[][];
  /** The expected outcome for predictor values x. */
  predict(x: number[]): number;
  /** 95% prediction interval for a new case (a wijk) with predictor values x. */
  predictionInterval(x: number[]): [number, number];
  /** 95% interval of the expected mean at x (narrower; for the fitted band). */
  confidenceInterval(x: number[]): [number, number];
}

/**
 * OLS of y on up to three predictors with an intercept, via the normal equations (stable enough
 * at this size; the predictors are centred first). Cases with any missing value are dropped.
 * Null when there are too few cases (n ≤ k + 1) or the predictors are collinear or constant.
 */
export function ols(y: Num[], xs: Num[][]): OlsFit | null {
  const k = xs.length;
  if (k < 1 || k > 3) throw new RangeError(`ols: 1 to 3 predictors, got ${k}`);
  const [yy, ...cols] = completeCases([y, ...xs]);
  const n = yy.length;
  const df = n - k - 1;
  if (df < 1) return null;
  const means = cols.map(mean);
  const c = cols.map((col, j) => col.map((v) => v - means[j]));
  // Centred normal equations for the slopes; the intercept follows from the means.
  const xtx = c.map((a) => c.map((b) => a.reduce((s, v, i) => s + v * b[i], 0)));
  const inv = invert(xtx);
  if (!inv) return null;
  const my = mean(yy);
  const xty = c.map((a) => a.reduce((s, v, i) => s + v * (yy[i] - my), 0));
  const beta = inv.map((row) => row.reduce((s, v, j) => s + v * xty[j], 0));
  const b0 = my - beta.reduce((s, b, j) => s + b * means[j], 0);
  const fitted = yy.map((_, i) => b0 + beta.reduce((s, b, j) => s + b * cols[j][i], 0));
  const sse = yy.reduce((s, v, i) => s + (v - fitted[i]) ** 2, 0);
  const sst = yy.reduce((s, v) => s + (v - my) ** 2, 0);
  const sigma2 = sse / df;
  const sigma = Math.sqrt(sigma2);
  const t = tQuantile(0.975, df);
  // Full (XᵀX)⁻¹ with intercept from the centred inverse: var(b0) = 1/n + mᵀ inv m.
  const im = inv.map((row) => row.reduce((s, v, j) => s + v * means[j], 0));
  const v00 = 1 / n + means.reduce((s, m, j) => s + m * im[j], 0);
  const xtxInv = [[v00, ...im.map((v) => -v)], ...inv.map((row, i) => [-im[i], ...row])];
  const coef = (index: number, estimate: number, variance: number): Coefficient => {
    const se = Math.sqrt(variance * sigma2);
    return { index, estimate, se, low: estimate - t * se, high: estimate + t * se };
  };
  const quad = (x: number[]) => {
    const v = [1, ...x];
    return v.reduce((s, a, i) => s + a * v.reduce((u, b, j) => u + xtxInv[i][j] * b, 0), 0);
  };
  const predict = (x: number[]) => b0 + beta.reduce((s, b, j) => s + b * x[j], 0);
  return {
    n,
    k,
    df,
    intercept: coef(-1, b0, v00),
    coefficients: beta.map((b, j) => coef(j, b, inv[j][j])),
    r2: sst === 0 ? 0 : 1 - sse / sst,
    sigma,
    t,
    xtxInv,
    predict,
    predictionInterval(x) {
      const h = t * sigma * Math.sqrt(1 + quad(x));
      const p = predict(x);
      return [p - h, p + h];
    },
    confidenceInterval(x) {
      const h = t * sigma * Math.sqrt(quad(x));
      const p = predict(x);
      return [p - h, p + h];
    },
  };
}
