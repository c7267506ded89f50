import type * as z from 'zod/mini';
import { joinPath, type ValidationIssue } from '../issues';

function describeReceived(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'string') return `the string ${JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input)}`;
  return typeof input === 'object' ? 'an object' : `the ${typeof input} ${String(input)}`;
}

/**
 * Turns zod's issues into ours, one line each, with the dotted path from `base`. Unknown keys
 * become one issue per key so each typo is pointed at.
 */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], base: string, root: unknown): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) {
    const path = joinPath(base, ...issue.path.map(String));
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          out.push({ code: 'unknown-field', path: joinPath(path, key), message: `unknown field "${key}"` });
        }
        break;
      case 'invalid_type': {
        const received = valueAt(root, issue.path);
        out.push(
          received === undefined
            ? { code: 'missing-field', path, message: `required ${issue.expected === 'record' ? 'object' : issue.expected} is missing` }
            : { code: 'wrong-type', path, message: `expected ${issue.expected === 'record' ? 'an object' : issue.expected}, got ${describeReceived(received)}` },
        );
        break;
      }
      case 'invalid_union': {
        const received = valueAt(root, issue.path);
        // An object meant one of the object forms: report that form's own problems (a typo'd
        // key, a missing field) rather than "matches no form".
        const objectForms = received !== null && typeof received === 'object' && !Array.isArray(received) ? issue.errors.filter((errs) => !errs.some((e) => e.code === 'invalid_type' && e.path.length === 0)) : [];
        const closest = objectForms.sort((a, b) => a.length - b.length)[0];
        if (closest) out.push(...fromZodIssues(closest, path, received));
        else out.push({ code: 'wrong-type', path, message: `${issue.message || 'invalid value'} (got ${describeReceived(received)})` });
        break;
      }
      default:
        out.push({ code: 'invalid-value', path, message: issue.message });
    }
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}
