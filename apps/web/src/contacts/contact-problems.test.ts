import { describe, expect, it } from 'vitest';
import { contactProblem, groupNameProblem, searchProblem } from './contact-problems.ts';

describe('groupNameProblem', () => {
  const groups = ['Team', 'Friends'];
  it('accepts a new name, and the current one when renaming', () => {
    expect(groupNameProblem('Customers', groups)).toBeUndefined();
    expect(groupNameProblem(' Team ', groups, 'Team')).toBeUndefined();
  });
  it('refuses empty, long, control characters and names taken', () => {
    expect(groupNameProblem('   ', groups)).toMatch(/name/);
    expect(groupNameProblem('x'.repeat(65), groups)).toMatch(/64/);
    expect(groupNameProblem('a\u0007b', groups)).toMatch(/control/);
    expect(groupNameProblem(' Friends', groups)).toBe('There is already a group called “Friends”.');
    expect(groupNameProblem('Friends', groups, 'Team')).toMatch(/already/);
  });
});

describe('contactProblem', () => {
  it('says what went wrong in one sentence', () => {
    expect(contactProblem({ code: 'ST_ERR_CONFLICT', status: 409 })).toMatch(/already/);
    expect(contactProblem({ code: 'ST_ERR_RATE_LIMITED', status: 429 })).toMatch(/wait/);
    expect(contactProblem({ code: 'ST_ERR_UNAUTHENTICATED', status: 401 })).toMatch(/log in/);
    expect(contactProblem(new Error('?'))).toBe('That did not work; try again.');
  });
});

describe('searchProblem', () => {
  it('says a refused query is the query, not a group name', () => {
    expect(searchProblem({ code: 'ST_ERR_VALIDATION', status: 400 })).toMatch(/cannot search/);
    expect(searchProblem({ code: 'ST_ERR_DIRECTORY_UNAVAILABLE', status: 503 })).toMatch(/reached/);
  });
});
