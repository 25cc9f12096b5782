import { describe, expect, it } from 'vitest';
import { guidTextOfBase64, sourceAnchorOfName } from './member-references.ts';

describe('member names based on the sourceAnchor', () => {
  it('decodes CN={hex of the sourceAnchor} and formats a Base64 objectGUID as StringFromGuid does', () => {
    const anchor = Buffer.from('00112233445566778899aabbccddeeff', 'hex').toString('base64');
    expect(sourceAnchorOfName(`CN={${Buffer.from(anchor, 'utf8').toString('hex').toUpperCase()}}`)).toBe(anchor);
    expect(sourceAnchorOfName('CN=Ann,OU=People')).toBeUndefined();
    expect(sourceAnchorOfName('CN={ABC}')).toBeUndefined();
    expect(guidTextOfBase64(anchor)).toBe('33221100-5544-7766-8899-aabbccddeeff');
    expect(guidTextOfBase64('bm90IGEgZ3VpZA==')).toBeUndefined();
  });
});
