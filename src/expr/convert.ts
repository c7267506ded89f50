/**
 * {@link SyntaxNode} -> {@link FormulaAst} through a whitelist: anything not explicitly allowed
 * is refused with its own error code. Nodes are checked outermost first, left to right, so the
 * first problem in reading order is the one reported.
 */
import type { BinaryOp, FormulaAst } from './ast';
import { formulaConstant } from './constants';
import { FormulaError, type FormulaErrorCode } from './errors';
import { FORMULA_FUNCTIONS, formulaFunction } from './functions';
import { isForbiddenName, MATHJS_ONLY_FUNCTIONS, nearestName } from './names';
import type { SyntaxNode } from './syntax';

const BINARY: ReadonlySet<string> = new Set<BinaryOp>(['+', '-', '*', '/', '^', '<', '<=', '>', '>=', '==', '!=', 'and', 'or']);
const COMPARISONS: ReadonlySet<string> = new Set<BinaryOp>(['<', '<=', '>', '>=', '==', '!=']);
const RANDOM_FUNCTIONS: ReadonlySet<string> = new Set(['random', 'randomInt', 'pickRandom']);

/** Operators of mathjs that are not ours but have an equivalent of ours people mean by them. */
const OPERATOR_WORDS: ReadonlyMap<string, string> = new Map([
  ['|', 'or'],
  ['&', 'and'],
]);

const UNSUPPORTED: Readonly<Record<'array' | 'object' | 'range' | 'block', string>> = {
  array: 'matrices and arrays',
  object: 'objects',
  range: 'ranges',
  block: 'several statements (";" or a line break)',
};

type Node<K extends SyntaxNode['k']> = Extract<SyntaxNode, { k: K }>;

export class Converter {
  private depth = 0;

  /**
   * @param source - the formula text the nodes point into
   * @param known - the declared names, if given: they tell `5 kg` (a unit) from `2 x`
   * @param maxDepth - the deepest tree accepted
   */
  constructor(
    private readonly source: string,
    private readonly known: ReadonlySet<string> | undefined,
    private readonly maxDepth: number,
  ) {}

  convert(node: SyntaxNode): FormulaAst {
    this.enter(1, node);
    const ast = this.convertNode(node);
    this.depth--;
    return ast;
  }

  private enter(levels: number, node: SyntaxNode): void {
    this.depth += levels;
    if (this.depth > this.maxDepth) {
      throw this.fail('formula-too-deep', node, `formula nests operators more than ${this.maxDepth} levels deep; split it into derived nodes`);
    }
  }

  private convertNode(node: SyntaxNode): FormulaAst {
    switch (node.k) {
      case 'paren':
        return this.convert(node.args[0]);
      case 'const':
        return this.constant(node);
      case 'symbol':
        return this.symbol(node);
      case 'op':
        return this.operator(node);
      case 'compare':
        return this.comparisons(node);
      case 'cond': {
        const [test, then, otherwise] = node.args;
        return { t: 'cond', test: this.convert(test), then: this.convert(then), else: this.convert(otherwise) };
      }
      case 'call':
        return this.call(node);
      case 'access':
        throw this.fail('formula-property-access', node, `property access and indexing are not allowed: "${this.snippet(node)}"`);
      case 'assign':
        throw this.fail('formula-assignment', node, `assignment is not allowed: "${this.snippet(node)}" (write "==" to compare)`);
      case 'define':
        throw this.fail('formula-assignment', node, `function definition is not allowed: "${this.snippet(node)}"`);
      case 'empty':
        throw this.fail('formula-empty', node, 'formula has no expression');
      default:
        throw this.fail('formula-unsupported', node, `${UNSUPPORTED[node.k]} are not supported: "${this.snippet(node)}"`);
    }
  }

  private constant(node: Node<'const'>): FormulaAst {
    const v = node.v;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw this.fail('formula-non-finite', node, `number literal is not finite (it reads as ${String(v)})`);
      return { t: 'num', v };
    }
    if (typeof v === 'boolean') return { t: 'num', v: v ? 1 : 0 };
    if (typeof v === 'string') throw this.fail('formula-string', node, `string literals are not allowed: ${JSON.stringify(v)}`);
    // null and undefined
    throw this.fail('formula-unsupported', node, `"${this.snippet(node)}" is not supported; only numbers, true and false are`);
  }

  private symbol(node: Node<'symbol'>): FormulaAst {
    const name = node.name;
    if (isForbiddenName(name)) throw this.fail('formula-forbidden-name', node, `the name "${name}" is not allowed in a formula`);
    const constant = formulaConstant(name);
    if (constant === undefined) return { t: 'name', name };
    // A declared node of that name would otherwise be silently shadowed.
    if (this.known?.has(name)) {
      throw this.fail(
        'formula-reserved-name',
        node,
        `"${name}" is the constant ${constant.value} in formulas, so the declared "${name}" cannot be read: rename it`,
      );
    }
    return { t: 'num', v: constant.value };
  }

  private operator(node: Node<'op'>): FormulaAst {
    const { op, args } = node;
    if (node.percent) throw this.fail('formula-unsupported', node, 'percentages are not supported: write 0.5 for 50%');
    if (op === 'to' || op === 'in') throw this.fail('formula-unit', node, `unit conversion is not supported: "${this.snippet(node)}"`);
    if (node.implicit) throw this.implicit(node);
    if (args.length === 1) {
      if (op === '-' || op === 'not') return { t: 'unary', op, arg: this.convert(args[0]) };
      if (op === '+') return this.convert(args[0]);
    } else if (BINARY.has(op)) {
      if (COMPARISONS.has(op)) this.checkNotPrecedence(node, args[0]);
      return { t: 'binary', op: op as BinaryOp, left: this.convert(args[0]), right: this.convert(args[1]) };
    }
    const word = OPERATOR_WORDS.get(op);
    throw this.fail('formula-unsupported', node, `operator "${op}" is not supported: "${this.snippet(node)}"${word ? ` (write "${word}")` : ''}`);
  }

  private comparisons(node: Node<'compare'>): FormulaAst {
    // mathjs reads `a < b <= c` as `a < b and b <= c`; keep that meaning (the middle operand is
    // repeated, which is harmless because formulas have no side effects).
    this.checkNotPrecedence(node, node.args[0]);
    // The chain becomes a left-nested `and` as deep as it has comparisons.
    this.enter(node.ops.length, node);
    const args = node.args.map((a) => this.convert(a));
    this.depth -= node.ops.length;
    const compare = (i: number): FormulaAst => ({ t: 'binary', op: node.ops[i] as BinaryOp, left: args[i], right: args[i + 1] });
    let result = compare(0);
    for (let i = 1; i < node.ops.length; i++) result = { t: 'binary', op: 'and', left: result, right: compare(i) };
    return result;
  }

  // `not x > 1` parses as `(not x) > 1`, which is almost never what was meant.
  private checkNotPrecedence(comparison: SyntaxNode, left: SyntaxNode): void {
    if (left.k === 'op' && left.op === 'not') {
      throw this.fail(
        'formula-unsupported',
        comparison,
        `"${this.snippet(comparison)}" is ambiguous: "not" applies before the comparison; write "not (...)" around the comparison, or parenthesise "(not ...)"`,
      );
    }
  }

  private implicit(node: Node<'op'>): FormulaError {
    const unit = this.unitLike(node);
    if (unit !== undefined) {
      return this.fail(
        'formula-unit',
        node,
        `units are not supported: "${this.snippet(node)}" reads as a quantity in "${unit}", which is not a declared name`,
      );
    }
    const [l, r] = node.args;
    return this.fail(
      'formula-implicit-multiplication',
      node,
      `implicit multiplication is not allowed: "${this.snippet(node)}" (write "${this.snippet(l)} * ${this.snippet(r)}")`,
    );
  }

  /**
   * The unit, if an implicit product reads as a number with a unit: a number times an undeclared
   * symbol (`5 kg`, `5 inch`), or such a quantity times another (`5 kg m`). Without the declared
   * names we cannot tell it from `2 x`, so only `known` decides. Walks the left spine of the
   * product in a loop: `a b c d ...` nests as deep as it is long.
   */
  private unitLike(node: SyntaxNode): string | undefined {
    if (this.known === undefined) return undefined;
    const spine: Array<Node<'op'>> = [];
    for (let n = node; n.k === 'op' && n.implicit; n = n.args[0]) spine.push(n);
    let unit: string | undefined;
    for (let i = spine.length - 1; i >= 0; i--) {
      const [l, r] = spine[i].args;
      const undeclared = r.k === 'symbol' && !this.known.has(r.name) && formulaConstant(r.name) === undefined;
      if (undeclared && (unit !== undefined || (l.k === 'const' && typeof l.v === 'number'))) unit = r.name;
    }
    return unit;
  }

  private call(node: Node<'call'>): FormulaAst {
    const fn = node.fn;
    if (node.optional) throw this.fail('formula-property-access', node, `optional chaining ("?.") is not allowed: "${this.snippet(node)}"`);
    if (fn.k !== 'symbol') {
      if (fn.k === 'access') throw this.fail('formula-property-access', fn, `property access and indexing are not allowed: "${this.snippet(fn)}"`);
      throw this.fail('formula-unsupported', node, `only named functions can be called: "${this.snippet(node)}"`);
    }
    const name = fn.name;
    if (isForbiddenName(name)) throw this.fail('formula-forbidden-name', fn, `the name "${name}" is not allowed in a formula`);
    if (RANDOM_FUNCTIONS.has(name)) {
      throw this.fail('formula-random', fn, `${name}() is not allowed: randomness comes only from factors, each with its own seeded stream`);
    }
    const info = formulaFunction(name);
    if (info === undefined) {
      if (MATHJS_ONLY_FUNCTIONS.has(name)) {
        throw this.fail('formula-unknown-function', fn, `unknown function "${name}": it is a mathjs function, not part of the formula language`);
      }
      const names = FORMULA_FUNCTIONS.map((f) => f.name);
      const near = nearestName(name, names);
      throw this.fail('formula-unknown-function', fn, `unknown function "${name}" (${near !== undefined ? `did you mean "${near}"?` : `known: ${names.join(', ')}`})`);
    }
    const n = node.args.length;
    if (n < info.minArgs || n > info.maxArgs) {
      const expected =
        info.minArgs === info.maxArgs ? `${info.minArgs} argument${info.minArgs === 1 ? '' : 's'}` : `${info.minArgs} to ${info.maxArgs} arguments`;
      throw this.fail('formula-arity', node, `${name}() takes ${expected}, got ${n}: "${this.snippet(node)}"`);
    }
    return { t: 'call', fn: info.name, args: node.args.map((a) => this.convert(a)) };
  }

  /** The node's text as written, on one line, clipped for messages. */
  private snippet(node: SyntaxNode): string {
    return clip(this.source.slice(node.s, node.e).replace(/\s+/g, ' '), 80);
  }

  private fail(code: FormulaErrorCode, node: SyntaxNode, message: string): FormulaError {
    return new FormulaError(code, this.source, message, node.s);
  }
}

/** `s`, or its first `max - 1` characters and an ellipsis. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
