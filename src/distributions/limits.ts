/**
 * How large a factor's values may be. A run sums every factor's values and their squares over
 * up to ten billion trials, so values far below the largest double are already too large:
 * 1e100 keeps every such sum finite with a wide margin (1e100² · 1e10 = 1e210), and no real
 * quantity comes near it. Validation refuses parameters whose samples could leave
 * [-MAX_FACTOR_VALUE, MAX_FACTOR_VALUE] (for a lognormal, [1/MAX_FACTOR_VALUE, MAX_FACTOR_VALUE]),
 * instead of letting a run fill a column with Infinity and report its mean as `null`.
 */

/** Largest magnitude a factor's value may reach: 1e100. */
export const MAX_FACTOR_VALUE = 1e100;

/**
 * The most |mu| + 13·sigma of a lognormal may be: 230, just below ln(MAX_FACTOR_VALUE) ≈ 230.26,
 * so its samples stay between e^-230 and e^230 (about 1e-100 and 1e100).
 */
export const MAX_LOG_FACTOR_VALUE = 230;

/**
 * A bound on |z| for every standard normal the samplers can draw. The ziggurat's tail gives at
 * most R + sqrt(−2 ln 2⁻⁵³) ≈ 3.44 + 8.57 = 12.02 from 53-bit uniforms, and the inverse-CDF
 * draws of truncated normals stay inside their (bounded) interval; 13 rounds that up.
 */
export const NORMAL_REACH = 13;

/**
 * A bound on −ln u for every uniform u the samplers draw: a stream's 53-bit uniforms are at
 * least 2⁻⁵³, so −ln u <= 53·ln 2 ≈ 36.74, and |ln(u/(1 − u))| <= ln(2⁵³ − 1) likewise; 37
 * rounds it up. Inversion samplers (exponential, logistic) reach at most this far.
 */
export const UNIFORM_LOG_REACH = 37;

/**
 * Largest gamma shape, Poisson mean and binomial size. Their exact CDFs take O(√x) terms of a
 * series or continued fraction (about a millisecond at 1e9, and a quantile takes a few CDFs);
 * and at that size the relative spread 1/√x is below 3e-5, far finer than any judgment, so a
 * normal says the same thing.
 */
export const MAX_EXACT_CDF_SCALE = 1e9;

/**
 * Largest Student t degrees of freedom. The t's CDF differs from the normal's by O(1/df), so
 * beyond 1e9 it is a normal for every purpose; and its incomplete beta function squares the
 * shape df/2, which must stay far from overflowing.
 */
export const MAX_STUDENT_DF = 1e9;

/**
 * How many values a `samples` spec may hold. A million values pin every probability of the
 * empirical distribution to a millionth, far beyond what resampling them in a run can show,
 * and keep a spec's copies (the sorted values, the canonical JSON hashed for every run, the
 * plan posted to each worker thread) to a few tens of megabytes.
 */
export const MAX_SAMPLE_VALUES = 1_000_000;

/**
 * How many components a mixture may have. A mixture is a handful of scenarios of the world;
 * its CDF visits every component and a quantile evaluates the CDF up to 65 times, so this
 * keeps a report's charts of a mixture of costly components (Poisson, binomial) fast.
 */
export const MAX_MIXTURE_COMPONENTS = 100;

/**
 * How deeply mixtures may nest (a mixture of mixtures is depth 2). Validation stops descending
 * at this depth, so hostile input cannot exhaust the stack.
 */
export const MAX_MIXTURE_DEPTH = 3;

/** Written like the limit in messages: `1e+100` reads badly. */
export const MAX_FACTOR_TEXT = '1e100';
