import type { AnalyticsQuery, RepFigures } from '#protocol';
import type { Sql } from '../storage/db';
import { paramList, scopeCte } from './scope';

/**
 * Each rep's part in the conversations in scope (the rep filter narrows the rows, not the
 * conversations): answered — the rep joined first, before the visitor left (their first-response
 * times); handled — the rep owned it when it was closed (their handling times); transfers away from
 * them; their offers that lapsed; leads they made from chat. Reps with no part are left out, except
 * the one asked for. Definitions: README, "Analytics".
 */
type Row = {
  id: string;
  name: string;
  answered: number;
  wait_median: number | null;
  wait_p90: number | null;
  handled: number;
  handling_median: number | null;
  handling_p90: number | null;
  transfers: number;
  lapsed: number;
  leads: number;
};

const round = (n: number | null) => (n === null ? null : Math.round(n));

export async function repFigures(db: Sql, q: AnalyticsQuery): Promise<RepFigures[]> {
  const { params, p } = paramList();
  const scope = scopeCte(q, p, { ignoreRep: true });
  const only = q.repId ? p(q.repId) : null;
  const rows = await db.query<Row>(
    `with ${scope},
     answered as (
       select s.first_rep_id as rep, count(*)::int as n,
              percentile_disc(0.5) within group (order by s.wait_ms) as median, percentile_disc(0.9) within group (order by s.wait_ms) as p90
         from scope s where s.outcome = 'answered' and s.first_rep_id is not null group by 1),
     handled as (
       select s.owner_id as rep, count(*)::int as n,
              percentile_disc(0.5) within group (order by s.handling_ms) as median, percentile_disc(0.9) within group (order by s.handling_ms) as p90
         from scope s where s.handling_ms is not null and s.owner_id is not null group by 1),
     facts as (
       select f.rep_id as rep, count(*) filter (where f.kind = 'transferred')::int as transfers, count(*) filter (where f.kind = 'offer_lapsed')::int as lapsed
         from conversation_facts f join scope s on s.id = f.conversation_id where f.rep_id is not null group by 1),
     leads as (
       select k.created_by as rep, count(*)::int as n from crm_contacts k join scope s on s.id = k.source_conversation_id
        where k.source = 'chat' and k.created_by is not null group by 1)
     select r.id, r.name, coalesce(a.n, 0) as answered, a.median as wait_median, a.p90 as wait_p90,
            coalesce(h.n, 0) as handled, h.median as handling_median, h.p90 as handling_p90,
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
    firstResponse: { median: round(r.wait_median), p90: round(r.wait_p90) },
    handled: r.handled,
    handling: { median: round(r.handling_median), p90: round(r.handling_p90) },
    transfers: r.transfers,
    offersLapsed: r.lapsed,
    leads: r.leads,
  }));
}
