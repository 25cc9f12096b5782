import { describe, expect, it } from 'vitest';
import { extensionCommands, shellWord } from './extension-commands.ts';

describe('extension commands shown in the Directory extensions dialog', () => {
  it('quotes names with spaces or shell characters, and shows a placeholder for an empty value', () => {
    expect(shellWord('example.test', '<c>')).toBe('example.test');
    expect(shellWord('contoso - AAD', '<c>')).toBe('"contoso - AAD"');
    expect(shellWord('a"b$c', '<c>')).toBe('"a\\"b\\$c"');
    expect(shellWord('  ', '<c>')).toBe('<c>');
  });

  it('names the connector only when several Entra connectors exist', () => {
    const flow = { source: 'example.test', attribute: 'employeeType', objectType: 'user', dataType: 'String', multiValued: false } as const;
    expect(extensionCommands('').addFlow(flow)).toBe('idsync entra extension add employeeType --from example.test --type String --targets User');
    expect(extensionCommands('b - AAD').register({ ...flow, objectType: 'group', dataType: 'Integer', multiValued: true }))
      .toBe('idsync entra extension add employeeType --type Integer --targets Group --multi-valued --connector "b - AAD"');
    expect(extensionCommands('').addFlow({ ...flow, mvAttribute: 'staffType' }))
      .toBe('idsync entra extension add employeeType --from example.test --type String --targets User --mv-attribute staffType');
    expect(extensionCommands('').app('')).toBe('idsync entra extension app <appId>');
    expect(extensionCommands('').remove('extension_abc_employeeType')).toBe('idsync entra extension remove extension_abc_employeeType --yes');
  });
});
