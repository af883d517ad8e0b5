import { describe, expect, it } from 'vitest';
import { addressGroupsOf } from './address-groups.ts';

describe('address groups', () => {
  it('counts an IPv4 address as itself, in its /24', () => {
    expect(addressGroupsOf('203.0.113.7')).toEqual({
      address: 'v4:203.0.113.7',
      network: 'v4:203.0.113/24',
    });
    // The same address written as IPv6 is the same reader's address.
    expect(addressGroupsOf('::ffff:203.0.113.7')).toEqual(addressGroupsOf('203.0.113.7'));
  });

  it('counts every address of an IPv6 /64 as one, in its /48', () => {
    const a = addressGroupsOf('2001:db8:1:2:aaaa::1');
    const b = addressGroupsOf('2001:0db8:0001:0002:ffff:ffff:ffff:ffff');
    expect(a).toEqual(b);
    expect(a.address).toBe('v6:2001:db8:1:2::/64');
    expect(addressGroupsOf('2001:db8:1:3::1').address).not.toBe(a.address);
    expect(addressGroupsOf('2001:db8:1:3::1').network).toBe(a.network);
    expect(addressGroupsOf('2001:db8:2:2::1').network).not.toBe(a.network);
  });
});
