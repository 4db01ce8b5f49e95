import { describe, expect, it } from 'vitest';
import { clientAddressResolver } from './client-address.js';

describe('the client address', () => {
  it('is the peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddressResolver([])('203.0.113.9', '1.2.3.4')).toBe('203.0.113.9');
  });

  it('walks X-Forwarded-For past trusted proxies only', () => {
    const resolve = clientAddressResolver(['10.0.0.0/8', '192.0.2.1']);
    // The county's proxy (10.0.0.2) saw 198.51.100.7; what the client wrote before that is not believed.
    expect(resolve('10.0.0.2', '1.2.3.4, 198.51.100.7')).toBe('198.51.100.7');
    expect(resolve('::ffff:10.0.0.2', '198.51.100.7, 192.0.2.1')).toBe('198.51.100.7');
    // A peer that is not a trusted proxy is the client, even if it sends the header.
    expect(resolve('203.0.113.9', '10.0.0.3')).toBe('203.0.113.9');
  });

  it('refuses a setting that is not an address or a range', () => {
    expect(() => clientAddressResolver(['gateway.local'])).toThrow(/TRUSTED_PROXIES/);
  });
});
