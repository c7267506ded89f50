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

/** Written like the limit in messages: `1e+100` reads badly. */
export const MAX_FACTOR_TEXT = '1e100';
