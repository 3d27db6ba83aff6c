/**
 * The console's live preview is fed what the app's campaign page is fed: the page data it builds
 * from the editor's form equals getCampaignPage's answer for the same published campaign, so the
 * one page component (src/packages/campaign/CampaignPageView.tsx) draws the same page in both.
 */
import { formFromCampaign } from '../../console/src/campaignForm';
import { previewPageView } from '../../console/src/previewView';
import { fixedClock } from '../support/clock';
import { testEngine } from '../support/database';
import { startTestHost, type TestHost } from '../support/host';
import { initSdk, login, runAs } from '../support/sdk';

let host: TestHost;

beforeAll(async () => {
  host = await startTestHost({ demo: true, clock: fixedClock() });
  initSdk(host);
});
afterAll(async () => {
  await host.stop();
});

describe(`the campaign preview and the campaign page (${testEngine()})`, () => {
  it('builds the page data getCampaignPage answers for the demo campaign', async () => {
    const page = await runAs(undefined, 'getCampaignPage', {});
    const mona = await login('mona');
    const { campaign, published } = await runAs(mona, 'getCampaign', { campaignId: page.campaignId });
    expect(published).not.toBeNull();
    const { view, windowSet } = previewPageView(formFromCampaign(published!), campaign.status, host.clock.now());
    expect(windowSet).toBe(true);
    // Times are compared as instants: the form holds minutes in the campaign zone.
    const instant = (iso: string | null) => (iso ? new Date(iso).getTime() : null);
    expect({ ...view, startsAt: instant(view.startsAt), endsAt: instant(view.endsAt), nextSplitAt: instant(view.nextSplitAt) }).toEqual({
      ...page,
      startsAt: instant(page.startsAt),
      endsAt: instant(page.endsAt),
      nextSplitAt: instant(page.nextSplitAt),
    });
    expect(view.running).toBe(true);
  });

  it('previews a draft as it will look once published, and a paused campaign as paused', async () => {
    const page = await runAs(undefined, 'getCampaignPage', {});
    const mona = await login('mona');
    const { published } = await runAs(mona, 'getCampaign', { campaignId: page.campaignId });
    const form = formFromCampaign(published!);
    expect(previewPageView(form, 'draft', host.clock.now()).view).toMatchObject({ status: 'published', running: true });
    expect(previewPageView(form, 'paused', host.clock.now()).view).toMatchObject({ status: 'paused', running: false, nextSplitAt: null });
    const unset = previewPageView({ ...form, startsLocal: '' }, 'draft', host.clock.now());
    expect(unset).toMatchObject({ windowSet: false, view: { running: false } });
  });
});
