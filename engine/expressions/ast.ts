// The syntax tree produced by the parser. `pos` is the 0-based offset of the node's first character.

/** Binary operators by tier: arithmetic/concatenation, comparison, logical. */
export type BinaryOperator = '&' | '+' | '-' | '*' | '/' | '=' | '<>' | '<' | '<=' | '>' | '>=' | '&&' | '||';

/** Built-in constants written as bare words. */
export type ConstantName = 'NULL' | 'AuthoritativeNull' | 'IgnoreThisFlow' | 'CRLF';

export type Node =
  | { readonly kind: 'string'; readonly value: string; readonly pos: number }
  | { readonly kind: 'number'; readonly value: bigint; readonly pos: number }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly pos: number }
  | { readonly kind: 'constant'; readonly name: ConstantName; readonly pos: number }
  | { readonly kind: 'attribute'; readonly name: string; readonly pos: number }
  | { readonly kind: 'parameter'; readonly name: string; readonly pos: number }
  | { readonly kind: 'variable'; readonly name: string; readonly pos: number }
  /** A bare word that is neither a constant nor a call: valid only as an enum argument. */
  | { readonly kind: 'identifier'; readonly name: string; readonly pos: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Node[]; readonly pos: number }
  | { readonly kind: 'negate'; readonly operand: Node; readonly pos: number }
  | { readonly kind: 'binary'; readonly op: BinaryOperator; readonly left: Node; readonly right: Node; readonly pos: number };

/** Calls `visit` on every node of the tree, parents first. */
export function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  switch (node.kind) {
    case 'call':
      for (const a of node.args) walk(a, visit);
      break;
    case 'negate':
      walk(node.operand, visit);
      break;
    case 'binary':
      walk(node.left, visit);
      walk(node.right, visit);
      break;
    default:
      break;
  }
}
