import ipaddr from 'ipaddr.js';

export interface AddressGroups {
  /**
   * What counts as one address: an IPv4 address, or an IPv6 /64, which is what one home,
   * phone or server is given; its other addresses are free to whoever holds it.
   */
  address: string;
  /** The network it sits in: an IPv4 /24 or an IPv6 /48 (one site's allocation). */
  network: string;
}

/**
 * The groups an address belongs to, for counting readers per address and spotting plays
 * that come from few networks. IPv4 addresses written as IPv6 (`::ffff:10.0.0.1`) are IPv4.
 * An address that cannot be read (none should reach here) is a group of its own.
 */
export function addressGroupsOf(address: string): AddressGroups {
  if (!ipaddr.isValid(address)) return { address: `?${address}`, network: `?${address}` };
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  if (parsed.kind() === 'ipv4') {
    const octets = (parsed as ipaddr.IPv4).octets;
    return { address: `v4:${octets.join('.')}`, network: `v4:${octets.slice(0, 3).join('.')}/24` };
  }
  const parts = (parsed as ipaddr.IPv6).parts.map((p) => p.toString(16));
  return {
    address: `v6:${parts.slice(0, 4).join(':')}::/64`,
    network: `v6:${parts.slice(0, 3).join(':')}::/48`,
  };
}
