import { describe, expect, it } from 'vitest';
import { scaledSize, sha256Hex } from './photo.ts';

describe('photo scaling before upload', () => {
  it('scales the longer edge down to the limit, keeping the proportions, and leaves small photos alone', () => {
    expect(scaledSize(4000, 3000, 2048)).toEqual({ width: 2048, height: 1536 });
    expect(scaledSize(3000, 4000, 2048)).toEqual({ width: 1536, height: 2048 });
    expect(scaledSize(2048, 1000, 2048)).toBeNull();
    expect(scaledSize(800, 600, 2048)).toBeNull();
    expect(scaledSize(10_000, 10, 2048)).toEqual({ width: 2048, height: 2 });
  });
  it('hashes the original as the server would', async () => {
    expect(await sha256Hex(new Blob(['abc']))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
