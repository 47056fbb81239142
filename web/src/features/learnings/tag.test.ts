import { describe, expect, it } from 'vitest';
import { asTag } from './tag';

// The API's rule for a learning's tags (src/sprints/dto/review.inputs.ts).
const API_TAG = /^[\p{L}\p{N}][\p{L}\p{N}_-]{0,39}$/u;

describe('asTag', () => {
  it('turns spaces and signs into single hyphens, in lower case', () => {
    expect(asTag('Flyer & Plakate')).toBe('flyer-plakate');
    expect(asTag('  Open Source  ')).toBe('open-source');
    expect(asTag('C++/Rust')).toBe('c-rust');
    expect(asTag('team_rituale')).toBe('team_rituale');
  });

  it('keeps letters of every language, composed', () => {
    expect(asTag('Geräte')).toBe('geräte');
    expect(asTag('Cafe\u0301 Ökologie')).toBe('café-ökologie');
  });

  it('starts and ends with a letter or digit and keeps to 40 characters', () => {
    expect(asTag('#barrierefreiheit!')).toBe('barrierefreiheit');
    expect(asTag('-_-x')).toBe('x');
    const long = asTag(`${'a'.repeat(39)} b`);
    expect(long).toBe('a'.repeat(39));
    expect(asTag('x'.repeat(80))).toHaveLength(40);
  });

  it('never cuts a character written as two code units in half', () => {
    expect(asTag(`a${'𝐀'.repeat(30)}`)).toBe(`a${'𝐀'.repeat(19)}`);
  });

  it('is empty when nothing can be a tag', () => {
    expect(asTag('  ')).toBe('');
    expect(asTag('&!?')).toBe('');
  });

  it('gives only tags the API takes', () => {
    for (const typed of [
      'Flyer & Plakate',
      'Geräte',
      '#a',
      '1. Sprint',
      'Ü-30 Treff',
      'a'.repeat(60),
    ])
      expect(asTag(typed)).toMatch(API_TAG);
  });
});
