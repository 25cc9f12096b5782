// The `idsync entra extension …` command line that does what the Directory extensions dialog is about to do, shown
// beside each action so an administrator can script it.
import type { ExtensionDataType } from '../../../shared/api/entra-extensions.ts';

export interface FlowForm {
  source: string;
  attribute: string;
  objectType: 'user' | 'group';
  dataType: ExtensionDataType;
  multiValued: boolean;
  /** The metaverse attribute the value passes through; empty for the default (the extension's name). */
  mvAttribute?: string;
}

/** A shell word: quoted when it holds anything but plain name characters; a placeholder when empty. */
export function shellWord(value: string, placeholder: string): string {
  const v = value.trim();
  if (!v) return placeholder;
  return /^[\w.@:/=+-]+$/.test(v) ? v : `"${v.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** The commands, for one Entra connector; `connector` is empty when it is the only one (the CLI's default). */
export function extensionCommands(connector: string) {
  const on = connector ? ` --connector ${shellWord(connector, '')}` : '';
  const base = 'idsync entra extension';
  const shape = (f: Pick<FlowForm, 'objectType' | 'dataType' | 'multiValued'>) =>
    ` --type ${f.dataType} --targets ${f.objectType === 'user' ? 'User' : 'Group'}${f.multiValued ? ' --multi-valued' : ''}`;
  return {
    list: `${base} list${on}`,
    app: (appId: string) => `${base} app ${shellWord(appId, '<appId>')}${on}`,
    addFlow: (f: FlowForm) => `${base} add ${shellWord(f.attribute, '<attribute>')} --from ${shellWord(f.source, '<connector>')}${shape(f)}${f.mvAttribute?.trim() ? ` --mv-attribute ${shellWord(f.mvAttribute, '')}` : ''}${on}`,
    register: (f: FlowForm) => `${base} add ${shellWord(f.attribute, '<name>')}${shape(f)}${on}`,
    remove: (name: string) => `${base} remove ${shellWord(name, '<name>')} --yes${on}`,
  };
}
