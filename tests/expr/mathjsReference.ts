/**
 * The formula pipeline as it was before our own parser (src/expr/parse.ts at the commit that
 * replaced it): mathjs's parser, then a whitelist converter from its tree to our FormulaAst.
 * Kept only as the reference of tests/expr/differential.test.ts, which requires the new parser
 * to accept the same formulas, build the same trees and refuse with the same codes. Do not
 * change it to follow the new parser: it is the old behaviour, frozen. The pre-checks, the
 * operator hints and `clip` did not change with the parser, so they are the library's own.
 */
// The number-only entry of mathjs, as the library used it.
import { create, parseDependencies } from 'mathjs/number';
import type { ConditionalNode, FunctionNode, MathNode, ParenthesisNode, RelationalNode, SymbolNode } from 'mathjs/number';
import type { BinaryOp, FormulaAst } from '../../src/expr/ast';
import { formulaConstant } from '../../src/expr/constants';
import { FormulaError, type FormulaErrorCode } from '../../src/expr/errors';
import { FORMULA_FUNCTIONS, formulaFunction } from '../../src/expr/functions';
import { isForbiddenName, MATHJS_ONLY_FUNCTIONS, nearestName } from '../../src/expr/names';
import { clip } from '../../src/expr/convert';
import { MAX_FORMULA_TREE_DEPTH, operatorHint, precheck } from '../../src/expr/parse';

let mathParse: ((source: string) => MathNode) | undefined;

function getParser(): (source: string) => MathNode {
  if (mathParse === undefined) {
    const math = create({ parseDependencies });
    mathParse = (source) => math.parse(source);
  }
  return mathParse;
}

/** The old parseFormula: the same pre-checks, mathjs's parser, the old converter. */
export function referenceParseFormula(source: string, known?: ReadonlySet<string>): FormulaAst {
  precheck(source);
  let root: MathNode;
  try {
    root = getParser()(source);
  } catch (e) {
    throw fromParserError(source, e);
  }
  return new Converter(source, known).convert(root);
}

function fromParserError(source: string, e: unknown): FormulaError {
  if (e instanceof RangeError) {
    // Stack overflow inside mathjs despite the bracket pre-check (very long operator chains).
    return new FormulaError('formula-too-deep', source, 'formula nests too deeply for the parser');
  }
  const raw = e instanceof Error ? e.message : String(e);
  const char = (e as { char?: unknown } | null)?.char;
  const message = raw.replace(/\s*\(char \d+\)\s*$/, '') + operatorHint(source);
  if (typeof char === 'number' && Number.isInteger(char)) {
    const position = Math.max(0, char - 1);
    return new FormulaError('formula-syntax', source, `syntax error at character ${position + 1}: ${message}`, position);
  }
  return new FormulaError('formula-syntax', source, `syntax error: ${message}`);
}


// The fields we read from mathjs operator and constant nodes (its generic typings are awkward
// to narrow, and `isPercentage` is untyped).
interface OperatorView {
  readonly op: string;
  readonly fn: string;
  readonly args: readonly MathNode[];
  readonly implicit: boolean;
  readonly isPercentage?: boolean;
}
const asOperator = (node: MathNode): OperatorView => node as unknown as OperatorView;
const constantValue = (node: MathNode): unknown => (node as unknown as { value: unknown }).value;

const RANDOM_FUNCTIONS: ReadonlySet<string> = new Set(['random', 'randomInt', 'pickRandom']);

// mathjs operator functions we accept, mapped to our operator names.
const BINARY_FROM_MATHJS: Readonly<Record<string, BinaryOp>> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  pow: '^',
  smaller: '<',
  smallerEq: '<=',
  larger: '>',
  largerEq: '>=',
  equal: '==',
  unequal: '!=',
  and: 'and',
  or: 'or',
};

/** mathjs operators that are not ours but have an equivalent of ours people mean by them. */
const OPERATOR_WORDS: Readonly<Record<string, string>> = { bitOr: 'or', bitAnd: 'and' };

const COMPARISONS: ReadonlySet<string> = new Set(['smaller', 'smallerEq', 'larger', 'largerEq', 'equal', 'unequal']);

const UNSUPPORTED_NODES: Readonly<Record<string, string>> = {
  ArrayNode: 'matrices and arrays',
  ObjectNode: 'objects',
  RangeNode: 'ranges',
  BlockNode: 'several statements (";" or a line break)',
};

class Converter {
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly known: ReadonlySet<string> | undefined,
  ) {}

  convert(node: MathNode): FormulaAst {
    this.enter(1);
    const ast = this.convertNode(node);
    this.depth--;
    return ast;
  }

  private enter(levels: number): void {
    this.depth += levels;
    if (this.depth > MAX_FORMULA_TREE_DEPTH) {
      throw this.fail(
        'formula-too-deep',
        `formula nests operators more than ${MAX_FORMULA_TREE_DEPTH} levels deep; split it into derived nodes`,
      );
    }
  }

  private convertNode(node: MathNode): FormulaAst {
    switch (node.type) {
      case 'ParenthesisNode':
        return this.convert((node as ParenthesisNode).content);
      case 'ConstantNode':
        return this.constant(node);
      case 'SymbolNode':
        return this.symbol((node as SymbolNode).name);
      case 'OperatorNode':
        return this.operator(node);
      case 'RelationalNode':
        return this.relational(node as RelationalNode);
      case 'ConditionalNode': {
        const c = node as ConditionalNode;
        return { t: 'cond', test: this.convert(c.condition), then: this.convert(c.trueExpr), else: this.convert(c.falseExpr) };
      }
      case 'FunctionNode':
        return this.call(node as FunctionNode<MathNode>);
      case 'AccessorNode':
      case 'IndexNode':
        throw this.fail('formula-property-access', `property access and indexing are not allowed: "${snippet(node)}"`);
      case 'AssignmentNode':
        throw this.fail('formula-assignment', `assignment is not allowed: "${snippet(node)}" (write "==" to compare)`);
      case 'FunctionAssignmentNode':
        throw this.fail('formula-assignment', `function definition is not allowed: "${snippet(node)}"`);
      default: {
        const what = Object.hasOwn(UNSUPPORTED_NODES, node.type) ? UNSUPPORTED_NODES[node.type] : `${node.type}s`;
        throw this.fail('formula-unsupported', `${what} are not supported: "${snippet(node)}"`);
      }
    }
  }

  private constant(node: MathNode): FormulaAst {
    const v = constantValue(node);
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) {
        throw this.fail('formula-non-finite', `number literal is not finite (it reads as ${String(v)})`);
      }
      return { t: 'num', v };
    }
    if (typeof v === 'boolean') return { t: 'num', v: v ? 1 : 0 };
    if (typeof v === 'string') throw this.fail('formula-string', `string literals are not allowed: ${JSON.stringify(v)}`);
    // mathjs gives an empty expression (a comment only, a lone ";") as a constant `undefined`.
    if (v === undefined) throw this.fail('formula-empty', 'formula has no expression');
    throw this.fail('formula-unsupported', `"${snippet(node)}" is not supported; only numbers, true and false are`);
  }

  private symbol(name: string): FormulaAst {
    if (isForbiddenName(name)) throw this.fail('formula-forbidden-name', `the name "${name}" is not allowed in a formula`);
    const constant = formulaConstant(name);
    if (constant === undefined) return { t: 'name', name };
    // A declared node of that name would otherwise be silently shadowed.
    if (this.known?.has(name)) {
      throw this.fail(
        'formula-reserved-name',
        `"${name}" is the constant ${constant.value} in formulas, so the declared "${name}" cannot be read: rename it`,
      );
    }
    return { t: 'num', v: constant.value };
  }

  private operator(mathNode: MathNode): FormulaAst {
    const node = asOperator(mathNode);
    const fn = node.fn;
    if (node.isPercentage === true) {
      throw this.fail('formula-unsupported', 'percentages are not supported: write 0.5 for 50%');
    }
    if (fn === 'to') throw this.fail('formula-unit', `unit conversion is not supported: "${snippet(mathNode)}"`);
    if (node.implicit) throw this.implicit(mathNode);
    const args = node.args;
    if (args.length === 1) {
      if (fn === 'unaryMinus') return { t: 'unary', op: '-', arg: this.convert(args[0]) };
      if (fn === 'unaryPlus') return this.convert(args[0]);
      if (fn === 'not') return { t: 'unary', op: 'not', arg: this.convert(args[0]) };
    } else if (args.length === 2) {
      const op = Object.hasOwn(BINARY_FROM_MATHJS, fn) ? BINARY_FROM_MATHJS[fn] : undefined;
      if (op !== undefined) {
        if (COMPARISONS.has(fn)) this.checkNotPrecedence(mathNode, args[0]);
        return { t: 'binary', op, left: this.convert(args[0]), right: this.convert(args[1]) };
      }
    }
    const hint = Object.hasOwn(OPERATOR_WORDS, fn) ? ` (write "${OPERATOR_WORDS[fn]}")` : '';
    throw this.fail('formula-unsupported', `operator "${node.op}" is not supported: "${snippet(mathNode)}"${hint}`);
  }

  private relational(node: RelationalNode): FormulaAst {
    // mathjs reads `a < b <= c` as `a < b and b <= c`; keep that meaning (the middle operand is
    // repeated, which is harmless because formulas have no side effects).
    this.checkNotPrecedence(node, node.params[0]);
    // The chain becomes a left-nested `and` as deep as it has comparisons.
    this.enter(node.conditionals.length);
    const params = node.params.map((p) => this.convert(p));
    this.depth -= node.conditionals.length;
    let result: FormulaAst | undefined;
    node.conditionals.forEach((fn, i) => {
      const op = COMPARISONS.has(fn) ? BINARY_FROM_MATHJS[fn] : undefined;
      if (op === undefined) throw this.fail('formula-unsupported', `comparison "${fn}" is not supported: "${snippet(node)}"`);
      const cmp: FormulaAst = { t: 'binary', op, left: params[i], right: params[i + 1] };
      result = result === undefined ? cmp : { t: 'binary', op: 'and', left: result, right: cmp };
    });
    if (result === undefined) throw this.fail('formula-unsupported', `empty comparison: "${snippet(node)}"`);
    return result;
  }

  // `not x > 1` parses as `(not x) > 1`, which is almost never what was meant.
  private checkNotPrecedence(comparison: MathNode, left: MathNode): void {
    if (left.type === 'OperatorNode' && asOperator(left).fn === 'not') {
      throw this.fail(
        'formula-unsupported',
        `"${snippet(comparison)}" is ambiguous: "not" applies before the comparison; write "not (...)" around the comparison, or parenthesise "(not ...)"`,
      );
    }
  }

  private implicit(node: MathNode): FormulaError {
    const unit = this.unitLike(node);
    if (unit !== undefined) {
      return this.fail(
        'formula-unit',
        `units are not supported: "${snippet(node)}" reads as a quantity in "${unit}", which is not a declared name`,
      );
    }
    const [l, r] = asOperator(node).args;
    const hint = l !== undefined && r !== undefined ? ` (write "${snippet(l)} * ${snippet(r)}")` : '';
    return this.fail('formula-implicit-multiplication', `implicit multiplication is not allowed: "${snippet(node)}"${hint}`);
  }

  // A number implicitly multiplied by an undeclared symbol (`5 kg`, `5 inch`) is mathjs's unit
  // syntax. Without the declared names we cannot tell it from `2 x`, so only `known` decides.
  private unitLike(node: MathNode): string | undefined {
    if (this.known === undefined || node.type !== 'OperatorNode') return undefined;
    const op = asOperator(node);
    if (!op.implicit || op.args.length !== 2) return undefined;
    const [l, r] = op.args;
    const unit = r.type === 'SymbolNode' ? (r as SymbolNode).name : undefined;
    if (unit !== undefined && !this.known.has(unit) && formulaConstant(unit) === undefined) {
      const lv = l.type === 'ConstantNode' ? constantValue(l) : undefined;
      if (typeof lv === 'number' || this.unitLike(l) !== undefined) return unit;
    }
    return this.unitLike(l);
  }

  private call(node: FunctionNode<MathNode>): FormulaAst {
    const fnNode = node.fn;
    if (fnNode.type !== 'SymbolNode') {
      if (fnNode.type === 'AccessorNode' || fnNode.type === 'IndexNode') {
        throw this.fail('formula-property-access', `property access and indexing are not allowed: "${snippet(fnNode)}"`);
      }
      throw this.fail('formula-unsupported', `only named functions can be called: "${snippet(node)}"`);
    }
    const name = (fnNode as SymbolNode).name;
    if (isForbiddenName(name)) throw this.fail('formula-forbidden-name', `the name "${name}" is not allowed in a formula`);
    if (RANDOM_FUNCTIONS.has(name)) {
      throw this.fail(
        'formula-random',
        `${name}() is not allowed: randomness comes only from factors, each with its own seeded stream`,
      );
    }
    const info = formulaFunction(name);
    if (info === undefined) {
      if (MATHJS_ONLY_FUNCTIONS.has(name)) {
        throw this.fail('formula-unknown-function', `unknown function "${name}": it is a mathjs function, not part of the formula language`);
      }
      const near = nearestName(name, FORMULA_FUNCTIONS.map((f) => f.name));
      const hint = near !== undefined ? `did you mean "${near}"?` : `known: ${FORMULA_FUNCTIONS.map((f) => f.name).join(', ')}`;
      throw this.fail('formula-unknown-function', `unknown function "${name}" (${hint})`);
    }
    const n = node.args.length;
    if (n < info.minArgs || n > info.maxArgs) {
      const expected =
        info.minArgs === info.maxArgs
          ? `${info.minArgs} argument${info.minArgs === 1 ? '' : 's'}`
          : `${info.minArgs} to ${info.maxArgs} arguments`;
      throw this.fail('formula-arity', `${name}() takes ${expected}, got ${n}: "${snippet(node)}"`);
    }
    return { t: 'call', fn: info.name, args: node.args.map((a) => this.convert(a)) };
  }

  private fail(code: FormulaErrorCode, message: string): FormulaError {
    return new FormulaError(code, this.source, message);
  }
}

function snippet(node: MathNode): string {
  let text: string;
  try {
    text = node.toString();
  } catch {
    text = node.type;
  }
  return clip(text.replace(/\s+/g, ' '), 80);
}
