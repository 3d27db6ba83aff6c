import { listAuditLog } from './audit';
import { endCampaign, pauseCampaign, previewEndCampaign, publishCampaign, resumeCampaign } from './lifecycle';
import { getCampaign, getCampaignPage, listCampaigns } from './read';
import { saveCampaign } from './save';
import { campaignStats } from './stats';
import { importUsersCsv, setUserRoles } from './users';

export const campaignFunctions = [
  saveCampaign,
  getCampaign,
  listCampaigns,
  publishCampaign,
  pauseCampaign,
  resumeCampaign,
  endCampaign,
  previewEndCampaign,
  getCampaignPage,
  campaignStats,
  listAuditLog,
  importUsersCsv,
  setUserRoles,
] as const;
