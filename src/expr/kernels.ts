/**
 * The inner loops of compiled formulas: one plain function per operator and operand shape
 * (column-column, column-constant, constant-column), so every loop is monomorphic over
 * Float64Arrays and V8 compiles it to straight machine code. The expressions are exactly those
 * of `scalar.ts` and `functions.ts` (the tests check bit equality); keep them in step. The
 * file is mechanical: every operator has the same three loops around its expression.
 *
 * Every kernel writes `out[0..n)` and reads element i of its inputs before writing element i,
 * so `out` may be the same array as an input.
 */
import { logit, roundHalfAway, sigmoid, type UnaryFunctionName } from './functions';
import {
  abs,
  acos,
  asin,
  atan,
  atan2,
  ceil,
  cos,
  exp,
  expm1,
  floor,
  hypot,
  log,
  log10,
  log1p,
  log2,
  max,
  min,
  normalCdf,
  normalQuantile,
  pow,
  sign,
  sin,
  sqrt,
  tan,
} from './math';
import type { ScalarBinaryOp } from './scalar';

/** Column op column. */
export type KernelAA = (a: Float64Array, b: Float64Array, out: Float64Array, n: number) => void;
/** Column op constant. */
export type KernelAC = (a: Float64Array, c: number, out: Float64Array, n: number) => void;
/** Constant op column. */
export type KernelCA = (c: number, b: Float64Array, out: Float64Array, n: number) => void;
/** One-operand loop. */
export type Kernel1 = (a: Float64Array, out: Float64Array, n: number) => void;

function addAA(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    out[i] = x + y;
  }
}
function addAC(a: Float64Array, y: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = x + y;
  }
}
function addCA(x: number, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = b[i];
    out[i] = x + y;
  }
}

function subAA(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    out[i] = x - y;
  }
}
function subAC(a: Float64Array, y: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = x - y;
  }
}
function subCA(x: number, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = b[i];
    out[i] = x - y;
  }
}

function mulAA(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    out[i] = x * y;
  }
}
function mulAC(a: Float64Array, y: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = x * y;
  }
}
function mulCA(x: number, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = b[i];
    out[i] = x * y;
  }
}

function divAA(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    out[i] = x / y;
  }
}
function divAC(a: Float64Array, y: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = x / y;
  }
}
function divCA(x: number, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = b[i];
    out[i] = x / y;
  }
}

function powAA(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    out[i] = pow(x, y);
  }
}
function powAC(a: Float64Array, y: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = pow(x, y);
  }
}
function powCA(x: number, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = b[i];
    out[i] = pow(x, y);
  }
}

function ltAA(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    out[i] = x < y ? 1 : x >= y ? 0 : NaN;
  }
}
function ltAC(a: Float64Array, y: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = x < y ? 1 : x >= y ? 0 : NaN;
  }
}
function ltCA(x: number, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = b[i];
    out[i] = x < y ? 1 : x >= y ? 0 : NaN;
  }
}

function leAA(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    out[i] = x <= y ? 1 : x > y ? 0 : NaN;
  }
}
function leAC(a: Float64Array, y: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = x <= y ? 1 : x > y ? 0 : NaN;
  }
}
function leCA(x: number, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = b[i];
    out[i] = x <= y ? 1 : x > y ? 0 : NaN;
  }
}

function gtAA(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    out[i] = x > y ? 1 : x <= y ? 0 : NaN;
  }
}
function gtAC(a: Float64Array, y: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = x > y ? 1 : x <= y ? 0 : NaN;
  }
}
function gtCA(x: number, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = b[i];
    out[i] = x > y ? 1 : x <= y ? 0 : NaN;
  }
}

function geAA(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    out[i] = x >= y ? 1 : x < y ? 0 : NaN;
  }
}
function geAC(a: Float64Array, y: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = x >= y ? 1 : x < y ? 0 : NaN;
  }
}
function geCA(x: number, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = b[i];
    out[i] = x >= y ? 1 : x < y ? 0 : NaN;
  }
}

function eqAA(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    out[i] = x === y ? 1 : x !== x || y !== y ? NaN : 0;
  }
}
function eqAC(a: Float64Array, y: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = x === y ? 1 : x !== x || y !== y ? NaN : 0;
  }
}
function eqCA(x: number, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = b[i];
    out[i] = x === y ? 1 : x !== x || y !== y ? NaN : 0;
  }
}

function neAA(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    out[i] = x === y ? 0 : x !== x || y !== y ? NaN : 1;
  }
}
function neAC(a: Float64Array, y: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = x === y ? 0 : x !== x || y !== y ? NaN : 1;
  }
}
function neCA(x: number, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = b[i];
    out[i] = x === y ? 0 : x !== x || y !== y ? NaN : 1;
  }
}

function andAA(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    out[i] = x !== x ? NaN : x === 0 ? 0 : y !== y ? NaN : y === 0 ? 0 : 1;
  }
}
function andAC(a: Float64Array, y: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = x !== x ? NaN : x === 0 ? 0 : y !== y ? NaN : y === 0 ? 0 : 1;
  }
}
function andCA(x: number, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = b[i];
    out[i] = x !== x ? NaN : x === 0 ? 0 : y !== y ? NaN : y === 0 ? 0 : 1;
  }
}

function orAA(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    out[i] = x !== x ? NaN : x !== 0 ? 1 : y !== y ? NaN : y === 0 ? 0 : 1;
  }
}
function orAC(a: Float64Array, y: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = x !== x ? NaN : x !== 0 ? 1 : y !== y ? NaN : y === 0 ? 0 : 1;
  }
}
function orCA(x: number, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = b[i];
    out[i] = x !== x ? NaN : x !== 0 ? 1 : y !== y ? NaN : y === 0 ? 0 : 1;
  }
}

function minAA(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    out[i] = min(x, y);
  }
}
function minAC(a: Float64Array, y: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = min(x, y);
  }
}
function minCA(x: number, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = b[i];
    out[i] = min(x, y);
  }
}

function maxAA(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    out[i] = max(x, y);
  }
}
function maxAC(a: Float64Array, y: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = max(x, y);
  }
}
function maxCA(x: number, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = b[i];
    out[i] = max(x, y);
  }
}

function atan2AA(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    out[i] = atan2(x, y);
  }
}
function atan2AC(a: Float64Array, y: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = atan2(x, y);
  }
}
function atan2CA(x: number, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = b[i];
    out[i] = atan2(x, y);
  }
}

function hypotAA(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    out[i] = hypot(x, y);
  }
}
function hypotAC(a: Float64Array, y: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = hypot(x, y);
  }
}
function hypotCA(x: number, b: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const y = b[i];
    out[i] = hypot(x, y);
  }
}

/** The three loops of each binary operator. */
export const BINARY_KERNELS: Readonly<Record<ScalarBinaryOp, { readonly aa: KernelAA; readonly ac: KernelAC; readonly ca: KernelCA }>> = {
  '+': { aa: addAA, ac: addAC, ca: addCA },
  '-': { aa: subAA, ac: subAC, ca: subCA },
  '*': { aa: mulAA, ac: mulAC, ca: mulCA },
  '/': { aa: divAA, ac: divAC, ca: divCA },
  '^': { aa: powAA, ac: powAC, ca: powCA },
  '<': { aa: ltAA, ac: ltAC, ca: ltCA },
  '<=': { aa: leAA, ac: leAC, ca: leCA },
  '>': { aa: gtAA, ac: gtAC, ca: gtCA },
  '>=': { aa: geAA, ac: geAC, ca: geCA },
  '==': { aa: eqAA, ac: eqAC, ca: eqCA },
  '!=': { aa: neAA, ac: neAC, ca: neCA },
  and: { aa: andAA, ac: andAC, ca: andCA },
  or: { aa: orAA, ac: orAC, ca: orCA },
  min: { aa: minAA, ac: minAC, ca: minCA },
  max: { aa: maxAA, ac: maxAC, ca: maxCA },
  atan2: { aa: atan2AA, ac: atan2AC, ca: atan2CA },
  hypot: { aa: hypotAA, ac: hypotAC, ca: hypotCA },
};

function neg1(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = -x;
  }
}
function not1(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = x !== x ? NaN : x === 0 ? 1 : 0;
  }
}
function exp1(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = exp(x);
  }
}
function log1(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = log(x);
  }
}
function log1p1(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = log1p(x);
  }
}
function expm11(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = expm1(x);
  }
}
function log21(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = log2(x);
  }
}
function log101(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = log10(x);
  }
}
function sqrt1(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = sqrt(x);
  }
}
function abs1(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = abs(x);
  }
}
function floor1(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = floor(x);
  }
}
function ceil1(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = ceil(x);
  }
}
function round1(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = roundHalfAway(x);
  }
}
function sign1(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = sign(x);
  }
}
function sigmoid1(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = sigmoid(x);
  }
}
function logit1(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = logit(x);
  }
}
function sin1(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = sin(x);
  }
}
function cos1(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = cos(x);
  }
}
function tan1(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = tan(x);
  }
}
function asin1(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = asin(x);
  }
}
function acos1(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = acos(x);
  }
}
function atan1(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = atan(x);
  }
}
function phi1(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = normalCdf(x);
  }
}
function probit1(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    out[i] = normalQuantile(x);
  }
}

/** The loop of each one-operand operator (`neg` is unary minus) and function. */
export const UNARY_KERNELS: Readonly<Record<UnaryFunctionName | 'neg' | 'not', Kernel1>> = {
  neg: neg1,
  not: not1,
  exp: exp1,
  log: log1,
  log1p: log1p1,
  expm1: expm11,
  log2: log21,
  log10: log101,
  sqrt: sqrt1,
  abs: abs1,
  floor: floor1,
  ceil: ceil1,
  round: round1,
  sign: sign1,
  sigmoid: sigmoid1,
  logit: logit1,
  sin: sin1,
  cos: cos1,
  tan: tan1,
  asin: asin1,
  acos: acos1,
  atan: atan1,
  phi: phi1,
  probit: probit1,
};

/**
 * `a + b·c` over columns in one pass: what `+` over a product computes in two, with the same two
 * roundings (the product, then the sum). A weighted sum of n terms then reads and writes its
 * columns n times, not 2n.
 */
export function addProductKernel(a: Float64Array, b: Float64Array, c: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i] * c[i];
    out[i] = x + y;
  }
}

/** `test ? a : b` over columns (constants are passed as filled columns). */
export function condKernel(t: Float64Array, a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  // One store per branch on purpose: as a single `?:` expression, V8 (Node 20) boxes every
  // element into a heap number when the NaN branch has never run, allocating ~16 bytes a trial.
  for (let i = 0; i < n; i++) {
    const test = t[i];
    if (test === 0) out[i] = b[i];
    else if (test === test) out[i] = a[i];
    else out[i] = NaN;
  }
}

/** Copies a column (a formula that is just a name). */
export function copyKernel(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = a[i];
}

/** Fills with a constant (a formula that folds to one number). */
export function fillKernel(c: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = c;
}
