/**
 * Whose rate-limit bucket a request spends: only addresses nobody but the platform or a trusted
 * proxy can write. `X-Forwarded-For` is the client's own text unless `TRUST_PROXY` says how many
 * proxies append to it; rotating it must not buy new buckets.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { POST } from '../../app/api/profiles/route';
import { clientAddress, UNKNOWN_CLIENT } from '../../lib/profiles/client-address';
import { PROFILE_CREATE_LIMIT } from '../../lib/profiles/saved-profiles';
import { useProfileEnv } from './profile-env';

const request = (headers: Record<string, string>) => new Request('http://localhost:3000/api/profiles', { method: 'POST', headers });
const SELF_HOSTED = { VERCEL: false, TRUST_PROXY: undefined };

describe('clientAddress', () => {
  it('trusts no header when self-hosted without TRUST_PROXY: one shared bucket', () => {
    const sent: Record<string, string>[] = [{ 'x-forwarded-for': '203.0.113.1' }, { 'x-forwarded-for': '198.51.100.7, 10.0.0.1' }, { 'x-real-ip': '192.0.2.5' }, {}];
    for (const headers of sent)
      expect(clientAddress(request(headers), SELF_HOSTED)).toBe(UNKNOWN_CLIENT);
  });

  it('with TRUST_PROXY=n takes the n-th entry from the right of X-Forwarded-For', () => {
    const headers = { 'x-forwarded-for': '6.6.6.6, 203.0.113.9, 10.0.0.2' };
    expect(clientAddress(request(headers), { VERCEL: false, TRUST_PROXY: 1 })).toBe('10.0.0.2');
    expect(clientAddress(request(headers), { VERCEL: false, TRUST_PROXY: 2 })).toBe('203.0.113.9');
    expect(clientAddress(request({ 'x-forwarded-for': '203.0.113.9 ,10.0.0.2' }), { VERCEL: false, TRUST_PROXY: 2 })).toBe('203.0.113.9');
  });

  it('with fewer entries than trusted proxies takes the first (a trusted proxy wrote it); with none, the one bucket', () => {
    expect(clientAddress(request({ 'x-forwarded-for': '10.0.0.2' }), { VERCEL: false, TRUST_PROXY: 2 })).toBe('10.0.0.2');
    expect(clientAddress(request({ 'x-forwarded-for': '203.0.113.9' }), { VERCEL: false, TRUST_PROXY: 0 })).toBe(UNKNOWN_CLIENT);
    expect(clientAddress(request({ 'x-real-ip': '10.0.0.2' }), { VERCEL: false, TRUST_PROXY: 1 })).toBe(UNKNOWN_CLIENT);
    expect(clientAddress(request({ 'x-forwarded-for': ' , ' }), { VERCEL: false, TRUST_PROXY: 1 })).toBe(UNKNOWN_CLIENT);
  });

  it('on Vercel uses the address Vercel writes (x-vercel-forwarded-for, else x-real-ip), never the client-sent chain', () => {
    const onVercel = { VERCEL: true, TRUST_PROXY: undefined };
    expect(clientAddress(request({ 'x-vercel-forwarded-for': '203.0.113.4', 'x-real-ip': '203.0.113.5', 'x-forwarded-for': '6.6.6.6' }), onVercel)).toBe('203.0.113.4');
    expect(clientAddress(request({ 'x-real-ip': '203.0.113.5', 'x-forwarded-for': '6.6.6.6' }), onVercel)).toBe('203.0.113.5');
    expect(clientAddress(request({ 'x-forwarded-for': '6.6.6.6' }), onVercel)).toBe(UNKNOWN_CLIENT);
    // a proxy of the deployment's own in front of Vercel: TRUST_PROXY says so
    expect(clientAddress(request({ 'x-vercel-forwarded-for': '10.1.1.1', 'x-forwarded-for': '6.6.6.6, 203.0.113.4' }), { VERCEL: true, TRUST_PROXY: 1 })).toBe('203.0.113.4');
  });

  it('keeps a hostile value short and inert as a key part', () => {
    const address = clientAddress(request({ 'x-forwarded-for': `1.2.3.4, ${'a:b/c*'.repeat(40)}` }), { VERCEL: false, TRUST_PROXY: 1 });
    expect(address.length).toBeLessThanOrEqual(64);
    expect(address).toMatch(/^[0-9A-Za-z.:_-]+$/);
  });
});

describe('the profile-creation limit over HTTP', () => {
  const create = (headers: Record<string, string>) =>
    POST(new Request('http://localhost:3000/api/profiles', { method: 'POST', body: JSON.stringify({ categories: ['cs.LG'] }), headers: { 'content-type': 'application/json', ...headers } }));
  const statuses = async (count: number, headersOf: (i: number) => Record<string, string>) => {
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push((await create(headersOf(i))).status);
    return out;
  };

  // Twice the limit and two more: even split across two fixed windows, two requests are over.
  describe('self-hosted without TRUST_PROXY', () => {
    beforeEach(() => useProfileEnv());
    it('rotating X-Forwarded-For does not get new buckets', async () => {
      const seen = await statuses(2 * PROFILE_CREATE_LIMIT + 2, (i) => ({ 'x-forwarded-for': `198.51.100.${i + 1}`, 'x-real-ip': `192.0.2.${i + 1}` }));
      expect(seen.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    });
  });

  describe('behind one trusted proxy (TRUST_PROXY=1)', () => {
    beforeEach(() => useProfileEnv({ TRUST_PROXY: '1' }));
    it('rotating the entries the client wrote does not get new buckets', async () => {
      const seen = await statuses(2 * PROFILE_CREATE_LIMIT + 2, (i) => ({ 'x-forwarded-for': `198.51.100.${i + 1}, 203.0.113.50` }));
      expect(seen.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    });
    it('the rightmost entry, written by the proxy, is the client', async () => {
      const seen = await statuses(PROFILE_CREATE_LIMIT + 3, (i) => ({ 'x-forwarded-for': `6.6.6.6, 203.0.113.${i + 1}` }));
      expect(seen).toEqual(Array(PROFILE_CREATE_LIMIT + 3).fill(201));
    });
  });
});
