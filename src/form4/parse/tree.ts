// Walking a DOM without recursion: however deep a hostile document nests, a walk uses a heap
// array, never the call stack (domutils' textContent recurses once per level).

import { type AnyNode, hasChildren, isText } from "domhandler";

/** The text of a node and everything under it, in document order (what textContent gives). */
export function textOf(node: AnyNode): string {
  if (isText(node)) return node.data;
  let out = "";
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop() as AnyNode;
    if (isText(n)) out += n.data;
    else if (hasChildren(n)) {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as AnyNode);
    }
  }
  return out;
}

/**
 * Visit every node under `root` in document order. `enter` returns false to skip a node's
 * children; `leave` is called after a node's children (post-order), for nodes with children.
 */
export function walk(
  root: AnyNode,
  enter: (node: AnyNode) => boolean | undefined,
  leave?: (node: AnyNode) => void,
): void {
  const stack: { node: AnyNode; left: boolean }[] = [{ node: root, left: false }];
  while (stack.length > 0) {
    const top = stack.pop() as { node: AnyNode; left: boolean };
    if (top.left) {
      leave?.(top.node);
      continue;
    }
    if (enter(top.node) === false || !hasChildren(top.node)) continue;
    if (leave) stack.push({ node: top.node, left: true });
    const children = top.node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({ node: children[i] as AnyNode, left: false });
    }
  }
}
