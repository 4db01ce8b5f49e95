import type { Case, CaseEvent, Item, ItemMaterial } from '../__generated__/prisma/client.js';

/** Resolver parents of the department entities: the database rows themselves. */
export type CaseRow = Case;
export type ItemRow = Item;
export type CaseEventRow = CaseEvent;
export type ItemMaterialRow = ItemMaterial;

/** A department entity is identified by its code; its numbers are resolved field by field. */
export interface DepartmentParent {
  code: string;
}

/** The `Query.<code>` namespace object carries nothing. */
export type NamespaceParent = Record<string, never>;

/** One change-feed entry: the event row and where it stands in the feed. */
export interface FeedEventParent {
  cursor: string;
  event: CaseEvent;
}

/** A value, or a function graphql-js calls for it only when the field is selected. */
type Lazy<T> = T | (() => T);

/**
 * A page of cases; its total is counted only if the client asks for `totalCount`, and its cursors
 * are made only if asked for (the hub asks for none).
 */
export interface CaseConnectionParent {
  edges: { cursor: Lazy<string>; node: Case }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor?: Lazy<string | null>;
    endCursor?: Lazy<string | null>;
  };
  count: () => Promise<number>;
}
