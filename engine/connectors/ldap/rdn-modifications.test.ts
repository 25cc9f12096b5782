import { describe, expect, it } from 'vitest';
import type { AttributeChange } from '../contract.ts';
import { adjustForNaming, namedAdd } from './rdn-modifications.ts';

const c = (attribute: string, op: AttributeChange['op'], ...values: string[]): AttributeChange => ({ attribute, op, values });

describe('modifications and the naming value', () => {
  it('keeps the naming value in replaces and whole-attribute deletes', () => {
    const at = { dn: 'uid=Ann,ou=p,dc=x', activeDirectory: false };
    expect(adjustForNaming([c('uid', 'replace', 'alias')], at)).toEqual([c('uid', 'replace', 'alias', 'Ann')]);
    expect(adjustForNaming([c('UID', 'replace', 'ANN')], at)).toEqual([c('UID', 'replace', 'ANN')]);
    expect(adjustForNaming([c('uid', 'delete')], at)).toEqual([c('uid', 'replace', 'Ann')]);
    expect(adjustForNaming([c('uid', 'delete', 'ann', 'old')], at)).toEqual([c('uid', 'delete', 'old')]);
    expect(adjustForNaming([c('title', 'delete')], at)).toEqual([c('title', 'delete')]);
  });

  it('does not repeat what a rename with deleteOldRdn did', () => {
    const at = { dn: 'uid=new,dc=x', renamedFrom: 'uid=old,ou=y,dc=x', activeDirectory: false };
    expect(adjustForNaming([c('uid', 'delete', 'old'), c('uid', 'add', 'new', 'second'), c('cn', 'replace', 'N')], at)).toEqual([c('uid', 'add', 'second'), c('cn', 'replace', 'N')]);
  });

  it('leaves the naming attribute to the rename on Active Directory', () => {
    const at = { dn: 'CN=Ann,OU=p,DC=x', activeDirectory: true };
    expect(adjustForNaming([c('cn', 'replace', 'Ann'), c('title', 'replace', 'T')], at)).toEqual([c('title', 'replace', 'T')]);
    expect(namedAdd([c('cn', 'replace', 'other'), c('sAMAccountName', 'replace', 'ann')], 'CN=Ann,DC=x', true)).toEqual([c('sAMAccountName', 'replace', 'ann')]);
    expect(namedAdd([c('cn', 'replace', 'other')], 'cn=Ann,dc=x', false)).toEqual([c('cn', 'replace', 'other')]);
  });
});
