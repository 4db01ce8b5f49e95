import { BlockList, isIP } from 'node:net';
import { ConfigurationError } from '@onewindow/runtime';

/**
 * The client's address: the connection's peer, or, when that peer is a proxy the county trusts
 * (TRUSTED_PROXIES: addresses or CIDR ranges), the address that proxy says it saw, walking
 * X-Forwarded-For from the right past every trusted proxy. Anything a client writes itself in
 * X-Forwarded-For is never believed.
 */
export function clientAddressResolver(
  trustedProxies: readonly string[],
): (peer: string | undefined, forwardedFor: string | null) => string {
  const trusted = new BlockList();
  for (const entry of trustedProxies) {
    const [address, bits] = entry.split('/');
    const family = isIP(address ?? '') === 6 ? 'ipv6' : 'ipv4';
    if (!address || !isIP(address))
      throw new ConfigurationError(`TRUSTED_PROXIES: ${entry} is not an address or CIDR range`);
    if (bits === undefined) trusted.addAddress(address, family);
    else trusted.addSubnet(address, Number(bits), family);
  }
  const isTrusted = (address: string) => {
    const plain = address.replace(/^::ffff:/, '');
    const family = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
    return isIP(plain) !== 0 && trusted.check(plain, family);
  };
  return (peer, forwardedFor) => {
    let address = peer ?? 'unknown';
    if (!trustedProxies.length || !forwardedFor) return address;
    const hops = forwardedFor
      .split(',')
      .map((hop) => hop.trim())
      .filter(Boolean);
    while (isTrusted(address) && hops.length) address = hops.pop()!;
    return address;
  };
}
