import type { AnalyticsQuery, RepProfile } from '#protocol';
import { HubError } from '../inbox/errors';

/**
 * Who may read which figures (FEATURES H4), by the role each person was granted: supervisors and super
 * users read everyone's; a rep reads only their own part (their query is narrowed to them, and
 * asking for another rep is refused before anything is read); exports are for supervisors and super
 * users only, since a conversation list names colleagues and customers' conversations.
 */
export function queryFor<Q extends AnalyticsQuery>(rep: Pick<RepProfile, 'id' | 'role'>, q: Q): Q {
  if (rep.role !== 'rep') return q;
  if (q.repId !== undefined && q.repId !== rep.id)
    throw new HubError('forbidden', "reps see only their own figures, not another rep's");
  return { ...q, repId: rep.id };
}

export function mayExport(rep: Pick<RepProfile, 'role'>): void {
  if (rep.role === 'rep') throw new HubError('forbidden', 'only supervisors and super users can export analytics');
}
