import type { CampaignJson } from '../../../contract/campaigns';
import type { CouponTemplateAdminJson, CouponTemplateKind } from '../../../contract/merchandising';
import { call } from '../api';
import { CampaignPicker, defaultCampaign } from '../components/CampaignPicker';
import { Field, FieldErrorsContext } from '../components/Field';
import { Empty, ErrorBox, Loading } from '../components/States';
import { t, type MessageKey } from '../i18n';
import { COUPON_PATHS, couponFormFrom, couponInput, newCouponForm, type CouponForm } from '../merchForms';
import { yuan } from '../money';
import { href, navigate } from '../router';
import { formatInZone } from '../time';
import { useLoad } from '../useLoad';
import { useMerchForm } from '../useMerchForm';

export const COUPON_KIND: Record<CouponTemplateKind, MessageKey> = {
  cross_store: 'Cross-store (every full threshold)',
  shop: 'Shop coupon',
  percent: 'Percent off',
};
const COUPON_STATUS: Record<CouponTemplateAdminJson['status'], MessageKey> = { draft: 'Draft', live: 'Live', stopped: 'Stopped' };

/** What a coupon gives, in words: "每满 ¥300.00 减 ¥50.00", "满 ¥99.00 减 ¥10.00", "9 折，最多减 ¥20.00". */
export function couponTerms(c: Pick<CouponTemplateAdminJson, 'kind' | 'thresholdFen' | 'discountFen' | 'percentOff' | 'capFen'>): string {
  switch (c.kind) {
    case 'cross_store':
      return (
        t('{discount} off every full {threshold}', { discount: yuan(c.discountFen), threshold: yuan(c.thresholdFen) }) +
        (c.capFen !== null ? t(', at most {cap}', { cap: yuan(c.capFen) }) : '')
      );
    case 'shop':
      return c.thresholdFen > 0
        ? t('{discount} off from {threshold}', { discount: yuan(c.discountFen), threshold: yuan(c.thresholdFen) })
        : t('{discount} off, no threshold', { discount: yuan(c.discountFen) });
    case 'percent':
      return t('{percent}% off, at most {cap}', { percent: c.percentOff ?? 0, cap: yuan(c.capFen ?? 0) });
  }
}

function useCampaigns() {
  return useLoad(() => call('listCampaigns', {}), 'merch-campaigns');
}

/** A campaign's coupon templates, with their stock, claims and uses. */
export function CouponListPage({ campaignId }: { campaignId: string | null }) {
  const campaigns = useCampaigns();
  const campaign = campaigns.data ? defaultCampaign(campaigns.data.campaigns, campaignId) : null;
  const coupons = useLoad(
    async () =>
      campaign ? call('listCouponTemplates', { campaignId: campaign.campaignId, limit: 100 }) : { coupons: [], nextCursor: null },
    `coupons:${campaign?.campaignId ?? 'none'}`,
  );
  return (
    <section className='page'>
      <div className='page__header'>
        <h1>{t('Coupons')}</h1>
        <div className='page__actions'>
          {campaigns.data && (
            <CampaignPicker
              campaigns={campaigns.data.campaigns}
              value={campaign?.campaignId ?? null}
              onChange={(id) => navigate({ page: 'coupons', campaignId: id })}
            />
          )}
          {campaign && (
            <a
              className='button button--primary'
              id='new-coupon'
              href={href({ page: 'coupon', couponId: null, campaignId: campaign.campaignId })}
            >
              {t('New coupon')}
            </a>
          )}
        </div>
      </div>
      {campaigns.loading || coupons.loading ? (
        <Loading />
      ) : campaigns.error || coupons.error ? (
        <ErrorBox error={(campaigns.error ?? coupons.error)!} onRetry={() => void coupons.reload()} />
      ) : !campaign ? (
        <Empty title={t('No campaigns yet')}>{t('Coupons belong to a campaign: create one first.')}</Empty>
      ) : !coupons.data || coupons.data.coupons.length === 0 ? (
        <Empty title={t('No coupons in this campaign yet')}>
          {t('Create one: its kind, amounts, stock and when it can be claimed and used.')}
        </Empty>
      ) : (
        <table className='table' id='coupon-table'>
          <thead>
            <tr>
              <th>{t('Title')}</th>
              <th>{t('Kind')}</th>
              <th>{t('Terms')}</th>
              <th>{t('Status')}</th>
              <th className='num'>{t('Stock')}</th>
              <th className='num'>{t('Claimed')}</th>
              <th className='num'>{t('Used')}</th>
              <th>{t('Claim window')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {coupons.data.coupons.map((c) => (
              <tr key={c.couponId} data-coupon-id={c.couponId}>
                <td>{c.title}</td>
                <td>
                  {t(COUPON_KIND[c.kind])}
                  {c.shopName && <div className='muted'>{c.shopName}</div>}
                </td>
                <td>{couponTerms(c)}</td>
                <td>
                  <span className={`badge badge--${c.status}`}>{t(COUPON_STATUS[c.status])}</span>
                </td>
                <td className='num'>
                  {c.stockLeft} / {c.stockTotal}
                </td>
                <td className='num'>{c.claimedCount}</td>
                <td className='num'>{c.usedCount}</td>
                <td className='nowrap'>
                  {formatInZone(c.claimStartsAt, campaign.timeZone, false)} – {formatInZone(c.claimEndsAt, campaign.timeZone, false)}
                </td>
                <td className='actions'>
                  <a href={href({ page: 'coupon', couponId: c.couponId, campaignId: c.campaignId })}>{t('Edit')}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Finds a coupon template in its campaign's list (the list is the only way to read one). */
async function findCoupon(couponId: string, campaignId: string | null): Promise<CouponTemplateAdminJson | null> {
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const { coupons, nextCursor } = await call('listCouponTemplates', {
      ...(campaignId ? { campaignId } : {}),
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    const found = coupons.find((c) => c.couponId === couponId);
    if (found) return found;
    if (!nextCursor) return null;
    cursor = nextCursor;
  }
  return null;
}

export function CouponEditorPage({ couponId, campaignId }: { couponId: string | null; campaignId: string | null }) {
  const loaded = useLoad(
    async () => {
      const [{ campaigns }, coupon] = await Promise.all([call('listCampaigns', {}), couponId ? findCoupon(couponId, campaignId) : null]);
      return { campaigns, coupon };
    },
    `coupon:${couponId ?? 'new'}:${campaignId ?? ''}`,
  );
  if (loaded.loading) return <Loading />;
  if (loaded.error || !loaded.data) return <ErrorBox error={loaded.error ?? t('Not found')} onRetry={() => void loaded.reload()} />;
  const { campaigns, coupon } = loaded.data;
  if (couponId && !coupon) return <Empty title={t('Coupon not found')} />;
  const campaign = defaultCampaign(campaigns, coupon?.campaignId ?? campaignId);
  if (!campaign) return <Empty title={t('Coupons belong to a campaign: create one first.')} />;
  return <CouponEditor key={coupon?.updatedAt ?? 'new'} campaign={campaign} coupon={coupon} />;
}

function CouponEditor({ campaign, coupon }: { campaign: CampaignJson; coupon: CouponTemplateAdminJson | null }) {
  const zone = campaign.timeZone;
  const editor = useMerchForm({
    initial: coupon ? couponFormFrom(coupon, zone) : newCouponForm(campaign.campaignId),
    toInput: (f: CouponForm) => couponInput(f, zone, coupon?.claimedCount ?? 0),
    send: async (input) => (await call('saveCoupon', { coupon: input })).coupon,
    paths: COUPON_PATHS,
    onSaved: (saved) => navigate({ page: 'coupons', campaignId: saved.campaignId }),
  });
  const { bind } = editor;
  const kind = editor.form.watch('kind');
  const validity = editor.form.watch('validity');
  return (
    <FieldErrorsContext.Provider value={editor.errors}>
      <section className='page'>
        <div className='page__header'>
          <div>
            <a className='back' href={href({ page: 'coupons', campaignId: campaign.campaignId })}>
              ← {t('Coupons')}
            </a>
            <h1 id='coupon-title'>{coupon ? coupon.title : t('New coupon')}</h1>
            <div className='muted'>{t('Campaign: {name}', { name: campaign.name })}</div>
          </div>
          <div className='page__actions'>
            <button
              type='button'
              className='button button--primary'
              id='save-coupon'
              disabled={editor.saving}
              onClick={() => void editor.save()}
            >
              {editor.saving ? t('Saving…') : t('Save')}
            </button>
          </div>
        </div>
        {editor.top.length > 0 && (
          <div className='form-error form-error--top' id='coupon-errors' role='alert'>
            {editor.top.map((m, i) => (
              <div key={i}>{m}</div>
            ))}
          </div>
        )}
        <form className='editor__form' onSubmit={(e) => e.preventDefault()}>
          <fieldset className='section'>
            <legend>{t('Coupon')}</legend>
            <div className='section__grid'>
              <Field label={t('Title')} path='title' wide>
                <input {...bind('title')} placeholder={t('e.g. 每满300减50')} />
              </Field>
              <Field label={t('Kind')} path='kind'>
                <select {...bind('kind')}>
                  {(Object.keys(COUPON_KIND) as CouponTemplateKind[]).map((k) => (
                    <option key={k} value={k}>
                      {t(COUPON_KIND[k])}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('Status')} path='status' hint={t('Draft: not shown. Live: shown and claimable. Stopped: no more claims.')}>
                <select {...bind('status')}>
                  <option value='draft'>{t('Draft')}</option>
                  <option value='live'>{t('Live')}</option>
                  <option value='stopped'>{t('Stopped')}</option>
                </select>
              </Field>
              {kind === 'shop' && (
                <Field label={t('Shop it applies to')} path='shopName'>
                  <input {...bind('shopName')} />
                </Field>
              )}
              {kind !== 'percent' && (
                <>
                  <Field label={kind === 'cross_store' ? t('Every full (yuan)') : t('Threshold (yuan; 0 = none)')} path='thresholdFen'>
                    <input inputMode='decimal' {...bind('thresholdYuan')} />
                  </Field>
                  <Field label={t('Discount (yuan)')} path='discountFen'>
                    <input inputMode='decimal' {...bind('discountYuan')} />
                  </Field>
                </>
              )}
              {kind === 'percent' && (
                <Field label={t('Percent off (1–99)')} path='percentOff' hint={t('10 = 10% off (9折)')}>
                  <input inputMode='numeric' {...bind('percentOff')} />
                </Field>
              )}
              {kind !== 'shop' && (
                <Field label={kind === 'percent' ? t('Cap per order (yuan)') : t('Cap per order (yuan; empty = none)')} path='capFen'>
                  <input inputMode='decimal' {...bind('capYuan')} />
                </Field>
              )}
            </div>
          </fieldset>
          <fieldset className='section'>
            <legend>{t('Stock and limits')}</legend>
            <div className='section__grid'>
              <Field
                label={t('Stock (coupons in all)')}
                path='stockTotal'
                hint={coupon ? t('Can be raised; never below the {count} already claimed', { count: coupon.claimedCount }) : undefined}
              >
                <input inputMode='numeric' {...bind('stockTotal')} />
              </Field>
              <Field label={t('Per-user limit')} path='perUserLimit'>
                <input inputMode='numeric' {...bind('perUserLimit')} />
              </Field>
            </div>
          </fieldset>
          <fieldset className='section'>
            <legend>{t('When ({zone})', { zone })}</legend>
            <div className='section__grid'>
              <Field label={t('Claim from (empty = campaign start)')} path='claimStartsAt'>
                <input type='datetime-local' {...bind('claimStartsLocal')} />
              </Field>
              <Field label={t('Claim until (empty = campaign end)')} path='claimEndsAt'>
                <input type='datetime-local' {...bind('claimEndsLocal')} />
              </Field>
              <Field label={t('Validity')} path='validDays'>
                <select {...bind('validity')}>
                  <option value='days'>{t('N days after claiming')}</option>
                  <option value='fixed'>{t('Fixed dates')}</option>
                </select>
              </Field>
              {validity === 'days' ? (
                <Field label={t('Days valid after claiming')} path='validDays'>
                  <input inputMode='numeric' {...bind('validDays')} />
                </Field>
              ) : (
                <>
                  <Field label={t('Valid from (empty = at once)')} path='validFrom'>
                    <input type='datetime-local' {...bind('validFromLocal')} />
                  </Field>
                  <Field label={t('Valid until (empty = no end)')} path='validUntil'>
                    <input type='datetime-local' {...bind('validUntilLocal')} />
                  </Field>
                </>
              )}
            </div>
          </fieldset>
        </form>
      </section>
    </FieldErrorsContext.Provider>
  );
}
