/** Helpers shared by the administration panels. */
import type { TAdminUnit } from '@shared/api.ts';

import { errorMessage } from '../../api/use-api.ts';

/** A node of the unit tree for Tree and TreeSelect. */
export type TTreeNode = { key: number; value: number; title: string; children: TTreeNode[] };

/** Units as a tree by parent. */
export function unitTree(units: TAdminUnit[]): TTreeNode[] {
  const nodes = new Map(
    units.map((u) => [u.id, { key: u.id, value: u.id, title: u.name, children: [] as TTreeNode[] }]),
  );
  const roots: TTreeNode[] = [];
  for (const u of units) {
    const node = nodes.get(u.id);
    if (!node) continue;
    const parent = u.parentId === null ? undefined : nodes.get(u.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The server's message, or a generic one. */
export const errorText = (e: unknown) => errorMessage(e, '操作失败，请重试');

/** Runs an admin action with its success message; false when it failed (the message was shown). */
export type TRun = (work: () => Promise<unknown>, done: string) => Promise<boolean>;
