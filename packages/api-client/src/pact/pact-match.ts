// A small reader of Pact V4 matching rules, enough to check that a recorded response (an MSW scenario's)
// satisfies an interaction's expected response: type, regex, integer, boolean, null and eachLike (min).
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Matcher {
  match: string;
  regex?: string;
  min?: number;
}
type Rules = Record<string, { matchers: Matcher[] } | undefined>;

export interface PactResponse {
  status: number;
  headers?: Record<string, string[]>;
  body?: { content?: Json };
  matchingRules?: { body?: Rules; header?: Rules };
}

export interface PactInteraction {
  description: string;
  type: string;
  providerStates?: { name: string; params?: Record<string, Json> }[];
  request: { method: string; path: string; query?: Record<string, string[]> };
  response: PactResponse;
}

export interface PactFile {
  consumer: { name: string };
  provider: { name: string };
  interactions: PactInteraction[];
}

export interface ActualResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

const ruleFor = (rules: Rules, path: string): Matcher[] | undefined =>
  (rules[path] ?? rules[path.replace(/\[\d+\]/g, '[*]')])?.matchers;

function sameType(expected: unknown, actual: unknown): boolean {
  if (expected === null) return actual === null;
  if (Array.isArray(expected)) return Array.isArray(actual);
  return typeof expected === typeof actual;
}

function compare(expected: Json, actual: unknown, rules: Rules, path: string, out: string[]): void {
  const matchers = ruleFor(rules, path);
  let cascade = false;
  for (const m of matchers ?? []) {
    if (m.match === 'regex' && !(typeof actual === 'string' && new RegExp(m.regex ?? '').test(actual)))
      out.push(`${path}: ${JSON.stringify(actual)} does not match /${m.regex ?? ''}/`);
    if (m.match === 'integer' && !Number.isInteger(actual))
      out.push(`${path}: ${JSON.stringify(actual)} is not an integer`);
    if (m.match === 'boolean' && typeof actual !== 'boolean') out.push(`${path}: expected a boolean`);
    if (m.match === 'null' && actual !== null) out.push(`${path}: expected null`);
    if (m.match === 'type') {
      if (!sameType(expected, actual))
        out.push(`${path}: expected a ${typeof expected}, got ${JSON.stringify(actual)}`);
      cascade = true;
      if (Array.isArray(actual) && m.min !== undefined && actual.length < m.min)
        out.push(`${path}: expected at least ${String(m.min)} items`);
    }
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      if (!matchers) out.push(`${path}: expected an array`);
      return;
    }
    const template = expected[0];
    if (cascade && template !== undefined) {
      actual.forEach((item, i) => compare(template, item, rules, `${path}[${String(i)}]`, out));
    } else if (!cascade) {
      if (actual.length !== expected.length) out.push(`${path}: expected ${String(expected.length)} items`);
      expected.forEach((item, i) => compare(item, actual[i], rules, `${path}[${String(i)}]`, out));
    }
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      out.push(`${path}: expected an object, got ${JSON.stringify(actual)}`);
      return;
    }
    for (const [key, value] of Object.entries(expected)) {
      if (!(key in actual)) out.push(`${path}.${key}: missing`);
      else compare(value, (actual as Record<string, unknown>)[key], rules, `${path}.${key}`, out);
    }
    return;
  }
  if (!matchers && expected !== actual)
    out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Mismatches between an actual response and an interaction's expected one (empty: it satisfies it). */
export function responseMismatches(expected: PactResponse, actual: ActualResponse): string[] {
  const out: string[] = [];
  if (expected.status !== actual.status)
    out.push(`status: expected ${String(expected.status)}, got ${String(actual.status)}`);
  for (const [name, values] of Object.entries(expected.headers ?? {})) {
    const value = actual.headers.get(name);
    const rule = ruleFor(expected.matchingRules?.header ?? {}, name)?.find((m) => m.match === 'regex');
    const expectedValue = values.join(', ');
    // Like Pact: a Content-Type without parameters is compared by media type only.
    const same =
      name.toLowerCase() === 'content-type' && !expectedValue.includes(';')
        ? value?.split(';')[0]?.trim() === expectedValue
        : value === expectedValue;
    if (value === null) out.push(`header ${name}: missing`);
    else if (rule ? !new RegExp(rule.regex ?? '').test(value) : !same)
      out.push(`header ${name}: ${JSON.stringify(value)} does not satisfy the contract`);
  }
  if (expected.body?.content !== undefined)
    compare(expected.body.content, actual.body, expected.matchingRules?.body ?? {}, '$', out);
  return out;
}
