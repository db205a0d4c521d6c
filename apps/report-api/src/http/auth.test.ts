import { describe, expect, it } from 'vitest';
import type { Request, Response } from 'express';
import { bearerToken, companyScope, principalOf, requireRole } from './auth.ts';
import { HttpProblem } from './problem.ts';
import type { Principal } from './principal.ts';

const clinic: Principal = { tokenId: '1', role: 'clinic', companyId: '7' };
const product: Principal = { tokenId: '2', role: 'product', companyId: null };
const responseOf = (principal?: Principal) => ({ locals: { principal } }) as unknown as Response;

function slugOfThrown(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof HttpProblem ? error.slug : 'not a problem';
  }
  return undefined;
}

describe('auth helpers', () => {
  it('extracts a bearer token and rejects other shapes', () => {
    expect(bearerToken('Bearer abc.DEF-123_~+/=')).toBe('abc.DEF-123_~+/=');
    expect(bearerToken('bearer   xyz ')).toBe('xyz');
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken('Token abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });

  it('requireRole lets listed roles through and answers 403 forbidden to others', () => {
    let passed = 0;
    const next = () => (passed += 1);
    requireRole('product', 'cs')({} as unknown as Request, responseOf(product), next);
    expect(passed).toBe(1);
    expect(
      slugOfThrown(() => requireRole('product')({} as unknown as Request, responseOf(clinic), next)),
    ).toBe('forbidden');
  });

  it('principalOf answers 401 when no principal was set', () => {
    expect(principalOf(responseOf(clinic))).toBe(clinic);
    expect(slugOfThrown(() => principalOf(responseOf()))).toBe('unauthorized');
  });

  it('companyScope gives the clinic of a clinic token and 403 for internal roles', () => {
    expect(companyScope(clinic)).toBe('7');
    expect(slugOfThrown(() => companyScope(product))).toBe('forbidden');
  });
});
