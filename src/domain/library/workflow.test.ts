import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  decideTransition,
  isStale,
  mayCreate,
  mayEdit,
  reviewDueAfter,
  type Standing,
  type Status,
  type Transition,
} from './workflow.js';

describe('library workflow', () => {
  const cases: Array<[Standing, Status, Transition, Status | 'forbidden' | 'wrong_status']> = [
    ['editor', 'draft', 'submit', 'review'],
    ['submitter', 'draft', 'submit', 'review'],
    ['other', 'draft', 'submit', 'forbidden'],
    ['editor', 'review', 'publish', 'published'],
    ['submitter', 'review', 'publish', 'forbidden'],
    ['other', 'review', 'publish', 'forbidden'],
    ['editor', 'draft', 'publish', 'wrong_status'],
    ['editor', 'published', 'publish', 'wrong_status'],
    ['editor', 'review', 'return', 'draft'],
    ['submitter', 'review', 'return', 'forbidden'],
    ['editor', 'draft', 'return', 'wrong_status'],
    ['editor', 'review', 'submit', 'wrong_status'],
    ['editor', 'published', 'archive', 'archived'],
    ['submitter', 'draft', 'archive', 'forbidden'],
    ['editor', 'archived', 'archive', 'wrong_status'],
  ];
  for (const [standing, from, transition, expected] of cases) {
    it(`${standing} ${transition} from ${from} → ${expected}`, () => {
      const d = decideTransition(standing, from, transition);
      if (d.ok) assert.equal(d.to, expected);
      else assert.equal(d.reason, expected);
    });
  }

  it('only editors create anything; municipality staff only good examples', () => {
    assert.equal(mayCreate('editor', 'intervention'), true);
    assert.equal(mayCreate('editor', 'good_example'), true);
    assert.equal(mayCreate('submitter', 'good_example'), true);
    assert.equal(mayCreate('submitter', 'intervention'), false);
    assert.equal(mayCreate('other', 'good_example'), false);
  });

  const edits: Array<[Standing, Status, boolean]> = [
    ['editor', 'draft', true],
    ['editor', 'review', true],
    ['editor', 'published', true],
    ['editor', 'archived', false],
    ['submitter', 'draft', true],
    ['submitter', 'review', false],
    ['submitter', 'published', false],
    ['other', 'draft', false],
  ];
  for (const [standing, status, expected] of edits) {
    it(`${standing} may${expected ? '' : ' not'} edit in ${status}`, () => {
      assert.equal(mayEdit(standing, status), expected);
    });
  }

  const dues: Array<[string, number, string]> = [
    ['2026-12-07', 24, '2028-12-07'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-11-15', 3, '2027-02-15'],
  ];
  for (const [from, months, expected] of dues) {
    it(`review due ${months} months after ${from} is ${expected}`, () => {
      assert.equal(reviewDueAfter(from, months), expected);
    });
  }

  it('an entry is stale once its review-due date has passed', () => {
    assert.equal(isStale('2026-12-06', '2026-12-07'), true);
    assert.equal(isStale('2026-12-07', '2026-12-07'), false);
    assert.equal(isStale(null, '2026-12-07'), false);
  });
});
