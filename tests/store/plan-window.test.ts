// The memory bound of a feed read is decided from the manifest alone (no read needed to decide).
import { describe, expect, it } from 'vitest';
import { ESTIMATED_ENTRY_BYTES, MAX_WINDOW_BYTES } from '../../lib/store/keys';
import { planWindow } from '../../lib/store/plan-window';
import type { Manifest } from '../../lib/store/store';

const manifest: Manifest = {
  revision: 3,
  updatedAt: '2025-11-21T02:00:00.000Z',
  days: {
    '2025-11-21': { 'cs.LG': { key: 'a', count: 10, bytes: 400 }, 'cs.CL': { key: 'b', count: 10, bytes: 300 } },
    '2025-11-20': { 'cs.LG': { key: 'c', count: 10, bytes: 400 } },
    // Written before sizes were recorded: estimated from the count.
    '2025-11-19': { 'cs.LG': { key: 'd', count: 2 } },
  },
};
const days = ['2025-11-21', '2025-11-20', '2025-11-19'];

describe('planWindow', () => {
  it('takes whole days, newest first, while they fit', () => {
    expect(planWindow(manifest, ['cs.LG', 'cs.CL'], days, 1_100)).toEqual({ keys: ['a', 'b', 'c'], days: days.slice(0, 2), truncated: true });
    expect(planWindow(manifest, ['cs.LG', 'cs.CL'], days, 1_100 + 2 * ESTIMATED_ENTRY_BYTES)).toEqual({
      keys: ['a', 'b', 'c', 'd'],
      days,
      truncated: false,
    });
  });

  it('cuts the newest day bucket by bucket only when it alone is too big, never to nothing', () => {
    expect(planWindow(manifest, ['cs.LG', 'cs.CL'], days, 500)).toEqual({ keys: ['a'], days: [days[0]], truncated: true });
    expect(planWindow(manifest, ['cs.CL'], days, 1)).toEqual({ keys: ['b'], days: [days[0]], truncated: true });
  });

  it('defaults to a cap of a few MB', () => {
    expect(MAX_WINDOW_BYTES).toBeLessThanOrEqual(8 * 1024 * 1024);
  });
});
