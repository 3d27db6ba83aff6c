import type { CampaignJson } from '../../../contract/campaigns';
import type { DealAdminJson, ProductAdminJson } from '../../../contract/merchandising';
import { call } from '../api';
import { CampaignPicker, defaultCampaign } from '../components/CampaignPicker';
import { Field, FieldErrorsContext } from '../components/Field';
import { Empty, ErrorBox, Loading } from '../components/States';
import { t, type MessageKey } from '../i18n';
import { changesDealTerms, DEAL_PATHS, dealFormFrom, dealInput, newDealForm, type DealForm } from '../merchForms';
import { yuan } from '../money';
import { href, navigate } from '../router';
import { useLoad } from '../useLoad';
import { useMerchForm } from '../useMerchForm';

const DEAL_STATUS: Record<DealAdminJson['status'], MessageKey> = { live: 'Live', stopped: 'Stopped' };

/** A campaign's group-buy deals (their current versions). */
export function DealListPage({ campaignId }: { campaignId: string | null }) {
  const campaigns = useLoad(() => call('listCampaigns', {}), 'merch-campaigns');
  const campaign = campaigns.data ? defaultCampaign(campaigns.data.campaigns, campaignId) : null;
  const deals = useLoad(
    async () => (campaign ? call('listGroupBuyDeals', { campaignId: campaign.campaignId, limit: 100 }) : { deals: [], nextCursor: null }),
    `deals:${campaign?.campaignId ?? 'none'}`,
  );
  return (
    <section className='page'>
      <div className='page__header'>
        <h1>{t('Group deals')}</h1>
        <div className='page__actions'>
          {campaigns.data && (
            <CampaignPicker
              campaigns={campaigns.data.campaigns}
              value={campaign?.campaignId ?? null}
              onChange={(id) => navigate({ page: 'deals', campaignId: id })}
            />
          )}
          {campaign && (
            <a
              className='button button--primary'
              id='new-deal'
              href={href({ page: 'deal', dealId: null, campaignId: campaign.campaignId })}
            >
              {t('New group deal')}
            </a>
          )}
        </div>
      </div>
      {campaigns.loading || deals.loading ? (
        <Loading />
      ) : campaigns.error || deals.error ? (
        <ErrorBox error={(campaigns.error ?? deals.error)!} onRetry={() => void deals.reload()} />
      ) : !campaign ? (
        <Empty title={t('No campaigns yet')}>{t('Group deals belong to a campaign: create one first.')}</Empty>
      ) : !deals.data || deals.data.deals.length === 0 ? (
        <Empty title={t('No group deals in this campaign yet')}>
          {t('Create one: the product, its group price and how many make a group.')}
        </Empty>
      ) : (
        <table className='table' id='deal-table'>
          <thead>
            <tr>
              <th>{t('Product')}</th>
              <th className='num'>{t('Group price')}</th>
              <th className='num'>{t('Leader price')}</th>
              <th className='num'>{t('Group size')}</th>
              <th className='num'>{t('Time limit (hours)')}</th>
              <th>{t('Status')}</th>
              <th className='num'>{t('Openings')}</th>
              <th className='num'>{t('Open now')}</th>
              <th className='num'>{t('Version')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {deals.data.deals.map((d) => (
              <tr key={d.dealId} data-deal-id={d.dealId}>
                <td>
                  {d.product.title}
                  <div className='muted'>
                    {d.product.shopName} · {t('list price {price}', { price: yuan(d.product.priceFen) })}
                  </div>
                </td>
                <td className='num'>{yuan(d.groupPriceFen)}</td>
                <td className='num'>{d.leaderPriceFen === null ? '—' : yuan(d.leaderPriceFen)}</td>
                <td className='num'>{d.size}</td>
                <td className='num'>{d.timeLimitHours}</td>
                <td>
                  <span className={`badge badge--${d.status}`}>{t(DEAL_STATUS[d.status])}</span>
                </td>
                <td className='num'>
                  {d.openingsUsed}
                  {d.openingsTotal !== null ? ` / ${d.openingsTotal}` : ''}
                </td>
                <td className='num'>{d.openGroupBuys}</td>
                <td className='num'>v{d.version}</td>
                <td className='actions'>
                  <a href={href({ page: 'deal', dealId: d.dealId, campaignId: d.campaignId })}>{t('Edit')}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

async function findDeal(dealId: string, campaignId: string | null): Promise<DealAdminJson | null> {
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const { deals, nextCursor } = await call('listGroupBuyDeals', {
      ...(campaignId ? { campaignId } : {}),
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    const found = deals.find((d) => d.dealId === dealId);
    if (found) return found;
    if (!nextCursor) return null;
    cursor = nextCursor;
  }
  return null;
}

export function DealEditorPage({ dealId, campaignId }: { dealId: string | null; campaignId: string | null }) {
  const loaded = useLoad(
    async () => {
      const [{ campaigns }, { products }, deal] = await Promise.all([
        call('listCampaigns', {}),
        call('listCatalog', { limit: 100 }),
        dealId ? findDeal(dealId, campaignId) : null,
      ]);
      return { campaigns, products, deal };
    },
    `deal:${dealId ?? 'new'}:${campaignId ?? ''}`,
  );
  if (loaded.loading) return <Loading />;
  if (loaded.error || !loaded.data) return <ErrorBox error={loaded.error ?? t('Not found')} onRetry={() => void loaded.reload()} />;
  const { campaigns, products, deal } = loaded.data;
  if (dealId && !deal) return <Empty title={t('Group deal not found')} />;
  const campaign = defaultCampaign(campaigns, deal?.campaignId ?? campaignId);
  if (!campaign) return <Empty title={t('Group deals belong to a campaign: create one first.')} />;
  return <DealEditor key={deal?.updatedAt ?? 'new'} campaign={campaign} deal={deal} products={products} />;
}

function DealEditor({ campaign, deal, products }: { campaign: CampaignJson; deal: DealAdminJson | null; products: ProductAdminJson[] }) {
  const editor = useMerchForm({
    initial: deal ? dealFormFrom(deal) : newDealForm(campaign.campaignId),
    toInput: (f: DealForm) => dealInput(f),
    send: async (input) => (await call('saveDeal', { deal: input })).deal,
    paths: DEAL_PATHS,
    onSaved: (saved) => navigate({ page: 'deals', campaignId: saved.campaignId }),
  });
  const { bind } = editor;
  const form = editor.form.watch();
  const newVersion = deal !== null && changesDealTerms(form, deal);
  // The deal's own product stays choosable even when it is not among the first catalog page.
  const choices =
    deal && !products.some((p) => p.productId === deal.productId)
      ? [{ ...deal.product, productId: deal.productId }, ...products]
      : products;
  return (
    <FieldErrorsContext.Provider value={editor.errors}>
      <section className='page'>
        <div className='page__header'>
          <div>
            <a className='back' href={href({ page: 'deals', campaignId: campaign.campaignId })}>
              ← {t('Group deals')}
            </a>
            <h1 id='deal-title'>{deal ? deal.product.title : t('New group deal')}</h1>
            <div className='muted'>{t('Campaign: {name}', { name: campaign.name })}</div>
          </div>
          <div className='page__actions'>
            <button
              type='button'
              className='button button--primary'
              id='save-deal'
              disabled={editor.saving}
              onClick={() => void editor.save()}
            >
              {editor.saving ? t('Saving…') : t('Save')}
            </button>
          </div>
        </div>
        {deal && (
          <p className={`notice${newVersion ? ' notice--warn' : ' notice--muted'}`} id='deal-version-note'>
            {newVersion
              ? t(
                  'Saving changes the terms: this makes version {next} of the deal. The {open} group buys already open keep the terms of version {version}.',
                  {
                    next: deal.version + 1,
                    open: deal.openGroupBuys,
                    version: deal.version,
                  },
                )
              : t(
                  'Editing the product, prices, size, time limit or simulated completion of a running deal makes a new version; group buys already open keep theirs.',
                )}
          </p>
        )}
        {editor.top.length > 0 && (
          <div className='form-error form-error--top' id='deal-errors' role='alert'>
            {editor.top.map((m, i) => (
              <div key={i}>{m}</div>
            ))}
          </div>
        )}
        <form className='editor__form' onSubmit={(e) => e.preventDefault()}>
          <fieldset className='section'>
            <legend>{t('Group deal')}</legend>
            <div className='section__grid'>
              <Field label={t('Product')} path='productId' wide>
                <select {...bind('productId')}>
                  <option value=''>{t('Choose a product…')}</option>
                  {choices.map((p) => (
                    <option key={p.productId} value={p.productId}>
                      {p.title} · {p.shopName} · {yuan(p.priceFen)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('Group price (yuan)')} path='groupPriceFen'>
                <input inputMode='decimal' {...bind('groupPriceYuan')} />
              </Field>
              <Field label={t('Leader price (yuan; empty = group price)')} path='leaderPriceFen'>
                <input inputMode='decimal' {...bind('leaderPriceYuan')} />
              </Field>
              <Field label={t('Group size (2–50)')} path='size'>
                <input inputMode='numeric' {...bind('size')} />
              </Field>
              <Field label={t('Time limit (hours, 1–168)')} path='timeLimitHours'>
                <input inputMode='numeric' {...bind('timeLimitHours')} />
              </Field>
              <Field label={t('Per-user limit (empty = none)')} path='perUserLimit'>
                <input inputMode='numeric' {...bind('perUserLimit')} />
              </Field>
              <Field
                label={t('Openings in all (empty = no limit)')}
                path='openingsTotal'
                hint={deal ? t('Never below the {count} already opened', { count: deal.openingsUsed }) : undefined}
              >
                <input inputMode='numeric' {...bind('openingsTotal')} />
              </Field>
              <Field
                label={t('Simulated completion')}
                path='virtualCompletion'
                hint={t('At the deadline a group buy with at least one payer succeeds anyway')}
              >
                <span className='checkbox'>
                  <input type='checkbox' {...bind('virtualCompletion')} />
                  {t('Complete with at least one payer')}
                </span>
              </Field>
              <Field label={t('Status')} path='status' hint={t('Stopped: no new group buys; open ones run to their end.')}>
                <select {...bind('status')}>
                  <option value='live'>{t('Live')}</option>
                  <option value='stopped'>{t('Stopped')}</option>
                </select>
              </Field>
            </div>
          </fieldset>
        </form>
      </section>
    </FieldErrorsContext.Provider>
  );
}
