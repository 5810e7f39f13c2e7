/**
 * Common CRMs the rep can enable in one go on the options page (FEATURES B1). Each asks for exactly the
 * hosts the CRM's web app runs on, as optional host permissions.
 */
export interface CrmPreset {
  id: string;
  name: string;
  origins: string[];
}

export const CRM_PRESETS: readonly CrmPreset[] = [
  {
    id: 'salesforce',
    name: 'Salesforce',
    origins: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'],
  },
  { id: 'hubspot', name: 'HubSpot', origins: ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*'] },
  { id: 'pipedrive', name: 'Pipedrive', origins: ['https://*.pipedrive.com/*'] },
  { id: 'zoho', name: 'Zoho CRM', origins: ['https://crm.zoho.com/*', 'https://crm.zoho.eu/*'] },
  { id: 'dynamics', name: 'Microsoft Dynamics 365', origins: ['https://*.dynamics.com/*'] },
  { id: 'freshsales', name: 'Freshsales', origins: ['https://*.myfreshworks.com/*'] },
];
