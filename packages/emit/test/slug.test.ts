/** File names from plan and test names: signs become `m`, hyphens inside names stay. */
import { describe, expect, it } from 'vitest';
import { slug } from '../src/index.js';

describe('slug', () => {
  it.each([
    ['storage-42-days', 'storage-42-days'],
    ['cycle-life-2', 'cycle-life-2'],
    ['capacity@-20°C', 'capacity_m20C'],
    ['capacity @ -20 °C, 1 C', 'capacity_m20_C_1_C'],
    ['capacity@−40°C@0.5C', 'capacity_m40C_0p5C'],
    ['-5', 'm5'],
    ['soc@50%', 'soc_50pct'],
  ])('%s → %s', (text, expected) => {
    expect(slug(text)).toBe(expected);
  });
});
