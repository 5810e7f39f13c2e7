import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  CRM_SITE_LIMITS,
  crmSitesItem,
  importLegacyRecordLinks,
  parseCrmSite,
  removeCrmSite,
  saveCrmSite,
  type CrmSiteInput,
} from './crm-sites';

/** The rep's CRM sites (FEATURES E8, E12): checked before they are stored, in WXT's fake storage. */
beforeEach(() => fakeBrowser.reset());

const input = (extra: Partial<CrmSiteInput> = {}): CrmSiteInput => ({
  name: ' Acme CRM ',
  pattern: 'https://crm.acme.test/*',
  recordPath: '',
  emailSelector: '[data-field="email"]',
  emailAttribute: '',
  recordUrlTemplate: 'https://crm.acme.test/contacts/{id}',
  ...extra,
});

describe('CRM site settings', () => {
  it('keeps a valid site with empty optional fields as null', () => {
    expect(parseCrmSite(input(), 'id-1')).toEqual({
      ok: true,
      site: {
        id: 'id-1',
        name: 'Acme CRM',
        pattern: 'https://crm.acme.test/*',
        recordPath: null,
        emailSelector: '[data-field="email"]',
        emailAttribute: null,
        recordUrlTemplate: 'https://crm.acme.test/contacts/{id}',
      },
    });
    expect(parseCrmSite(input({ emailSelector: '', recordUrlTemplate: '' }), 'x')).toMatchObject({
      ok: true,
      site: { emailSelector: null, recordUrlTemplate: null },
    });
  });

  it('names every wrong field', () => {
    const wrong = parseCrmSite(
      input({
        name: ' ',
        pattern: 'crm.acme.test',
        recordPath: 'contacts/*',
        emailSelector: 'div[[',
        emailAttribute: 'on click',
        recordUrlTemplate: 'javascript:alert({id})',
      }),
      'x',
    );
    expect(wrong).toEqual({
      ok: false,
      fields: ['name', 'pattern', 'recordPath', 'emailSelector', 'emailAttribute', 'recordUrlTemplate'],
    });
    expect(parseCrmSite(input({ emailSelector: 'x'.repeat(CRM_SITE_LIMITS.selectorChars + 1) }), 'x')).toEqual({
      ok: false,
      fields: ['emailSelector'],
    });
  });

  it('saves, replaces by id, removes, and refuses more than the limit', async () => {
    const parsed = parseCrmSite(input(), 'a');
    if (!parsed.ok) throw new Error('the sample site is valid');
    const site = (id: string) => ({ ...parsed.site, id });
    expect(await saveCrmSite(site('a'))).toBe(true);
    expect(await saveCrmSite({ ...site('a'), name: 'Renamed' })).toBe(true);
    expect((await crmSitesItem.getValue()).map((s) => s.name)).toEqual(['Renamed']);
    for (let i = 1; i < CRM_SITE_LIMITS.sites; i++) expect(await saveCrmSite(site(`s${i}`))).toBe(true);
    expect(await saveCrmSite(site('one-too-many'))).toBe(false);
    expect(await crmSitesItem.getValue()).toHaveLength(CRM_SITE_LIMITS.sites);
    await removeCrmSite('a');
    expect((await crmSitesItem.getValue()).some((s) => s.id === 'a')).toBe(false);
  });

  it('files the old "Open in CRM" templates under their sites once', async () => {
    await fakeBrowser.storage.local.set({
      crmRecordLinks: [
        { name: 'Acme', template: 'https://crm.acme.test/c/{id}' },
        { name: 'Broken', template: 'not a url' },
      ],
    });
    let n = 0;
    await importLegacyRecordLinks(() => `imported-${++n}`);
    await importLegacyRecordLinks(() => 'again');
    expect(await crmSitesItem.getValue()).toEqual([
      {
        id: 'imported-1',
        name: 'Acme',
        pattern: 'https://crm.acme.test/*',
        recordPath: null,
        emailSelector: null,
        emailAttribute: null,
        recordUrlTemplate: 'https://crm.acme.test/c/{id}',
      },
    ]);
    expect((await fakeBrowser.storage.local.get('crmRecordLinks')).crmRecordLinks).toBeUndefined();
  });
});
