import type { AnalyticsQuery, RepFigures } from '#protocol';
import type { Sql } from '../storage/db';
import { PERCENTILES, spread, type PartRow } from './figures';
import { paramList, scopeSql, sinceStart } from './scope';

/**
 * Each rep's part in the conversations in scope (the rep filter narrows the rows, not the
 * conversations): answered — the rep joined first, before the visitor left (their first-response
 * times); handled — the rep owned it when it was closed (their handling times); transfers away from
 * them; their offers that lapsed; leads they made from chat. Reps with no part are left out, except
 * the one asked for. Run inside `analyticsRead`. Definitions: docs/ANALYTICS.md.
 */
type Row = PartRow & { id: string; name: string };

export async function repFigures(db: Sql, q: AnalyticsQuery): Promise<RepFigures[]> {
  const { params, p } = paramList();
  const since = sinceStart(q, p);
  const only = q.repId ? p(q.repId) : null;
  const rows = await db.query<Row>(
    `with s as materialized (${scopeSql(q, p, { ignoreRep: true })}),
     answered as (
       select s.first_rep_id as rep, count(*)::int as n, ${PERCENTILES('s.wait_s')} as wait
         from s where s.outcome = 'answered' and s.first_rep_id is not null group by 1),
     handled as (
       select s.owner_id as rep, count(*)::int as n, ${PERCENTILES('s.handling_s')} as handling
         from s where s.handling_s is not null and s.owner_id is not null group by 1),
     facts as (
       select f.rep_id as rep, count(*) filter (where f.kind = 'transferred')::int as transfers, count(*) filter (where f.kind = 'offer_lapsed')::int as lapsed
         from conversation_facts f join s on s.id = f.conversation_id where f.rep_id is not null and f.at >= ${since} group by 1),
     leads as (
       select k.created_by as rep, count(*)::int as n from crm_contacts k join s on s.id = k.source_conversation_id
        where k.source = 'chat' and k.created_by is not null and k.created_at >= ${since} group by 1)
     select r.id, r.name, coalesce(a.n, 0) as answered, a.wait, coalesce(h.n, 0) as handled, h.handling,
            coalesce(f.transfers, 0) as transfers, coalesce(f.lapsed, 0) as lapsed, coalesce(l.n, 0) as leads
       from reps r
       left join answered a on a.rep = r.id
       left join handled h on h.rep = r.id
       left join facts f on f.rep = r.id
       left join leads l on l.rep = r.id
      where ${only ? `r.id = ${only}` : 'coalesce(a.rep, h.rep, f.rep, l.rep) is not null'}
      order by r.name, r.id`,
    params,
  );
  return rows.map((r) => ({
    repId: r.id,
    name: r.name,
    answered: r.answered,
    firstResponse: spread(r.wait),
    handled: r.handled,
    handling: spread(r.handling),
    transfers: r.transfers,
    offersLapsed: r.lapsed,
    leads: r.leads,
  }));
}
