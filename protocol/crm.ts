// Owns the CRM frames' entry point: re-exports the building blocks, the card and the feed, and holds
// the field layouts (FEATURES E4), lead assignment and pools (E5) and notifications (E6).
import * as z from 'zod';
import { LayoutEntity, PersonRef } from './crm-basics';
import { CRM_LIMITS } from './crm-limits';
import { Id, Timestamp } from './model';

export * from './crm-basics';
export * from './crm-card';
export * from './crm-feed';

/**
 * The contact card and CRM actions (FEATURES E1–E13) on the wire. A rep asks with one `crm` frame
 * (`{ type: 'crm', reqId, request }`) and the hub answers with one `crm` frame (`{ type: 'crm', reqId,
 * answer }`) whose `answer.op` is the request's `op`, or with an `error` frame. Requests that change
 * something carry a `clientId`: a retry gets the first answer back and changes nothing again.
 */

// ---- field layouts (FEATURES E4) ----

export const FieldType = z.enum(['text', 'number', 'date', 'url']);
/** The standard fields of each kind of record; super users choose which show, in what order. */
export const STANDARD_FIELDS = {
  lead: ['name', 'email', 'phone', 'address', 'company', 'owner', 'source', 'createdAt'],
  person: ['name', 'email', 'phone', 'address', 'company', 'owner', 'createdAt'],
  company: ['name', 'website', 'phone', 'address', 'industry'],
} as const satisfies Record<LayoutEntity, readonly string[]>;

export const LayoutField = z.discriminatedUnion('custom', [
  z.object({ custom: z.literal(false), key: z.string().min(1).max(40), visible: z.boolean() }),
  z.object({
    custom: z.literal(true),
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _; starts with a letter'),
    label: z.string().trim().min(1).max(CRM_LIMITS.fieldLabelChars),
    type: FieldType,
    visible: z.boolean(),
  }),
]);
export type LayoutField = z.infer<typeof LayoutField>;

/** The body of `PUT /api/admin/crm/layouts/:entity` (super users only) and what `layouts` answers. */
export const FieldLayout = z
  .object({ entity: LayoutEntity, fields: z.array(LayoutField).max(CRM_LIMITS.layoutFields) })
  .superRefine((l, ctx) => {
    const standard: readonly string[] = STANDARD_FIELDS[l.entity];
    const seen = new Set<string>();
    l.fields.forEach((f, i) => {
      if (seen.has(f.key))
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'key'], message: `field ${f.key} appears twice` });
      seen.add(f.key);
      if (!f.custom && !standard.includes(f.key))
        ctx.addIssue({
          code: 'custom',
          path: ['fields', i, 'key'],
          message: `${f.key} is not a standard ${l.entity} field`,
        });
      if (f.custom && standard.includes(f.key))
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'key'], message: `${f.key} is a standard field name` });
    });
  });
export type FieldLayout = z.infer<typeof FieldLayout>;

// ---- lead creation (FEATURES E5) ----

export const LeadAssignment = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('owner'), ownerId: Id }),
  /** The pool's next member in round robin, claimed in the database (two hubs never pick the same turn). */
  z.object({ kind: z.literal('pool'), poolId: Id }),
]);
export type LeadAssignment = z.infer<typeof LeadAssignment>;

export const DistributionPool = z.object({ id: Id, name: z.string(), members: z.array(PersonRef) });
export type DistributionPool = z.infer<typeof DistributionPool>;

// ---- notifications (FEATURES E6): a hub event for the record's owner only ----

export const CrmNotification = z.object({
  id: Id,
  /** `sales`: someone used "notify sales"; `lead_assigned`: a lead from chat was given to you. */
  reason: z.enum(['sales', 'lead_assigned']),
  contact: PersonRef,
  from: PersonRef,
  text: z.string(),
  conversationId: Id.nullable(),
  createdAt: Timestamp,
});
export type CrmNotification = z.infer<typeof CrmNotification>;
