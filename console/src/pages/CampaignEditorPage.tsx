import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useState } from 'react';
import { useForm, type FieldErrors as FormErrors } from 'react-hook-form';
import type { CampaignInputJson, CampaignJson } from '../../../contract/campaigns';
import { ErrorCode } from '../../../contract/errors';
import { ApiError, call } from '../api';
import {
  campaignFormSchema,
  FIELD_PATHS,
  FORM_FIELD_PATHS,
  formFromCampaign,
  newCampaignForm,
  type CampaignForm,
  type FormFieldName,
} from '../campaignForm';
import { Field, FieldErrorsContext, FieldMessages, Section } from '../components/Field';
import { LifecycleActions, lifecycleNotice, type LifecycleAction } from '../components/LifecycleActions';
import { PhonePreview } from '../components/PhonePreview';
import { ErrorBox, Loading } from '../components/States';
import { StatusBadge } from '../components/StatusBadge';
import { describeError } from '../errorText';
import { mergeFieldErrors, placeServerIssues, type FieldErrors } from '../fieldErrors';
import { href } from '../router';
import { formatInZone, localToIso, TIME_ZONES, zoneOffset } from '../time';
import { useLoad } from '../useLoad';
import { t } from '../i18n';

interface Loaded {
  campaign: CampaignJson | null;
  published: CampaignJson | null;
}

export function CampaignEditorPage({ campaignId }: { campaignId: string | null }) {
  const loaded = useLoad<Loaded>(
    async () => (campaignId ? call('getCampaign', { campaignId }) : { campaign: null, published: null }),
    `editor:${campaignId ?? 'new'}`,
  );
  if (loaded.loading) return <Loading label={t('Loading campaign…')} />;
  if (loaded.error || !loaded.data) {
    return (
      <section className='page'>
        <h1>{t('Campaign')}</h1>
        <ErrorBox error={loaded.error ?? t('Not found')} onRetry={() => void loaded.reload()} />
      </section>
    );
  }
  return <Editor initial={loaded.data} />;
}

function Editor({ initial }: { initial: Loaded }) {
  const [campaign, setCampaign] = useState<CampaignJson | null>(initial.campaign);
  const [published, setPublished] = useState<CampaignJson | null>(initial.published);
  const { register, handleSubmit, reset, setValue, watch, formState } = useForm<CampaignForm, unknown, CampaignInputJson>({
    defaultValues: initial.campaign ? formFromCampaign(initial.campaign) : newCampaignForm(),
    resolver: zodResolver(campaignFormSchema),
  });
  const form = watch();
  const [savedForm, setSavedForm] = useState<CampaignForm | null>(() => (initial.campaign ? formFromCampaign(initial.campaign) : null));
  // The server's 142 issues, by contract path; the form's own findings are in formState.errors.
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [topErrors, setTopErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = useMemo(() => JSON.stringify(form) !== JSON.stringify(savedForm), [form, savedForm]);
  const fieldErrors = useMemo(() => mergeFieldErrors(formErrorsByPath(formState.errors), serverErrors), [formState, serverErrors]);
  const rootError = formState.errors.root?.message;

  // The first field the server (or the form) objected to comes into view.
  useEffect(() => {
    if (Object.keys(fieldErrors).length > 0)
      document.querySelector('.field--invalid, .section .field__errors')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [fieldErrors]);

  // Leaving with unsaved edits asks first.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (dirty) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  const set = <K extends FormFieldName>(key: K, value: CampaignForm[K]) => {
    setValue(key, value as never, { shouldDirty: true, shouldValidate: formState.isSubmitted });
    setNotice(null);
  };
  const bind = (key: FormFieldName) => ({ id: `f-${key}`, ...register(key, { onChange: () => setNotice(null) }) });

  /** Sends a checked draft; returns the saved campaign, or null (messages shown). */
  const send = async (input: CampaignInputJson): Promise<CampaignJson | null> => {
    setSaving(true);
    try {
      const { campaign: saved } = await call('saveCampaign', { campaign: input });
      const savedAsForm = formFromCampaign(saved);
      setCampaign(saved);
      reset(savedAsForm);
      setSavedForm(savedAsForm);
      setServerErrors({});
      setTopErrors([]);
      setNotice(saved.hasUnpublishedChanges && saved.version > 0 ? t('Draft saved. Publish to make the changes live.') : t('Draft saved.'));
      if (!campaign) history.replaceState(null, '', href({ page: 'editor', campaignId: saved.campaignId }));
      return saved;
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, String(e));
      if (error.code === ErrorCode.INVALID_PARAMS) {
        const { byPath, top } = placeServerIssues(error.issues, error.message, FIELD_PATHS);
        setServerErrors(byPath);
        setTopErrors(top.length > 0 ? top : [t('The server did not accept some fields; see the messages beside them.')]);
      } else {
        setServerErrors({});
        setTopErrors([describeError(error)]);
      }
      return null;
    } finally {
      setSaving(false);
    }
  };

  /** Saves the form as the draft once the form's own checks pass; returns the saved campaign, or null. */
  const save = async (): Promise<CampaignJson | null> => {
    setNotice(null);
    let saved: CampaignJson | null = null;
    await handleSubmit(
      async (input) => {
        saved = await send(input);
      },
      () => {
        setServerErrors({});
        setTopErrors([t('Some fields need fixing before the draft can be saved.')]);
      },
    )();
    return saved;
  };

  const onLifecycle = async (action: LifecycleAction, updated: CampaignJson) => {
    setCampaign(updated);
    // The message names the action just taken (a resume is not a publish, whatever the version).
    setNotice(lifecycleNotice(action, updated));
    try {
      const fresh = await call('getCampaign', { campaignId: updated.campaignId });
      setCampaign(fresh.campaign);
      setPublished(fresh.published);
    } catch {
      // the lifecycle answer is enough to go on with
    }
  };

  const startsIso = localToIso(form.startsLocal, form.timeZone);
  const endsIso = localToIso(form.endsLocal, form.timeZone);
  const zones = TIME_ZONES.includes(form.timeZone) ? TIME_ZONES : [form.timeZone, ...TIME_ZONES];

  return (
    <FieldErrorsContext.Provider value={fieldErrors}>
      <section className='page page--editor'>
        <div className='page__header'>
          <div>
            <a href='#/campaigns' className='back'>
              ← {t('Campaigns')}
            </a>
            <h1 id='editor-title'>{campaign ? campaign.name : t('New campaign')}</h1>
            {campaign && (
              <div className='editor__meta'>
                <StatusBadge status={campaign.status} />
                <span id='editor-version'>
                  {campaign.version > 0 ? t('Published version v{version}', { version: campaign.version }) : t('Never published')}
                </span>
                {campaign.hasUnpublishedChanges && campaign.version > 0 && (
                  <span className='pill pill--warn'>{t('Unpublished changes')}</span>
                )}
                {published?.publishedAt && (
                  <span className='muted'>
                    {t('last published {time}', { time: formatInZone(published.publishedAt, campaign.timeZone) })}
                  </span>
                )}
                <a href={href({ page: 'stats', campaignId: campaign.campaignId })}>{t('Stats')}</a>
                <a href={href({ page: 'audit', campaignId: campaign.campaignId })}>{t('Audit log')}</a>
              </div>
            )}
          </div>
          <div className='page__actions'>
            {dirty && (
              <span className='muted' id='unsaved'>
                {t('Unsaved edits')}
              </span>
            )}
            <button
              type='button'
              className='button'
              id='save-draft'
              onClick={() => void save()}
              disabled={saving || (!dirty && !!campaign)}
            >
              {saving ? t('Saving…') : t('Save draft')}
            </button>
            {campaign && (
              <LifecycleActions
                campaign={campaign}
                onChanged={(action, c) => void onLifecycle(action, c)}
                beforePublish={async () => (dirty ? save() : campaign)}
              />
            )}
          </div>
        </div>
        {notice && (
          <p className='notice' id='editor-notice' role='status'>
            {notice}
          </p>
        )}
        {(topErrors.length > 0 || rootError) && (
          <div className='form-error form-error--top' id='editor-errors' role='alert'>
            {topErrors.map((m, i) => (
              <div key={i}>{m}</div>
            ))}
            {rootError && <div>{rootError}</div>}
          </div>
        )}
        {campaign?.status === 'ended' && (
          <p className='notice notice--muted'>{t('This campaign has ended; its settings are shown for reference.')}</p>
        )}

        <div className='editor'>
          <form className='editor__form' onSubmit={(e) => e.preventDefault()}>
            <Section title={t('Basics')} id='section-basics'>
              <Field label={t('Name')} path='name' wide>
                <input {...bind('name')} placeholder='双十一小黑群 · 分享购买赢回血红包' />
              </Field>
              <Field label={t('Slug')} path='slug' hint={t('The page address in the app: lower-case letters, digits and -')}>
                <input {...bind('slug')} placeholder='double11-2025' />
              </Field>
              <Field label={t('Time zone')} path='timeZone' hint={zoneOffset(form.timeZone)}>
                <select {...bind('timeZone')}>
                  {zones.map((z) => (
                    <option key={z} value={z}>
                      {z}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                label={t('Starts ({zone})', { zone: form.timeZone })}
                path='startsAt'
                hint={startsIso ? t('sent as {iso}', { iso: startsIso }) : undefined}
              >
                <input type='datetime-local' {...bind('startsLocal')} />
              </Field>
              <Field
                label={t('Ends ({zone})', { zone: form.timeZone })}
                path='endsAt'
                hint={endsIso ? t('sent as {iso} (exclusive)', { iso: endsIso }) : undefined}
              >
                <input type='datetime-local' {...bind('endsLocal')} />
              </Field>
            </Section>

            <Section title={t('Eligibility and group rules')} path='rules' id='section-rules'>
              <Field label={t('Who may create a group')} path='rules.creatorGender'>
                <select {...bind('creatorGender')}>
                  <option value='female'>{t('Women only')}</option>
                  <option value='male'>{t('Men only')}</option>
                  <option value='any'>{t('Anyone')}</option>
                </select>
              </Field>
              <Field label={t('Minimum taoqi score to create')} path='rules.creatorMinTaoqi'>
                <input inputMode='numeric' {...bind('creatorMinTaoqi')} />
              </Field>
              <Field label={t('Members to become active')} path='rules.minMembers'>
                <input inputMode='numeric' {...bind('minMembers')} />
              </Field>
              <Field label={t('Maximum members')} path='rules.maxMembers'>
                <input inputMode='numeric' {...bind('maxMembers')} />
              </Field>
              <Field label={t('Groups a user may create')} path='rules.maxGroupsCreatedPerUser'>
                <input inputMode='numeric' {...bind('maxGroupsCreatedPerUser')} />
              </Field>
              <Field label={t('Groups a user may join')} path='rules.maxGroupsJoinedPerUser'>
                <input inputMode='numeric' {...bind('maxGroupsJoinedPerUser')} />
              </Field>
            </Section>

            <Section title={t('Rewards')} id='section-rewards'>
              <div className='subsection' data-field='money.shareReward'>
                <h3>{t('Share red packet (a chance per share)')}</h3>
                <Field label={t('Chance per share (%)')} path='money.shareReward.probability'>
                  <input inputMode='decimal' {...bind('sharePercent')} />
                </Field>
                <Field label={t('Minimum (yuan)')} path='money.shareReward.minFen'>
                  <input inputMode='decimal' {...bind('shareMinYuan')} />
                </Field>
                <Field label={t('Maximum (yuan)')} path='money.shareReward.maxFen'>
                  <input inputMode='decimal' {...bind('shareMaxYuan')} />
                </Field>
                <Field label={t('Share packets per user per day')} path='money.shareReward.dailyCapPerUser'>
                  <input inputMode='numeric' {...bind('shareDailyCap')} />
                </Field>
                <FieldMessages path='money.shareReward' />
              </div>
              <div className='subsection' data-field='money.purchaseReward'>
                <h3>{t('Purchase red packet (buying what a groupmate shared)')}</h3>
                <Field label={t('Amount')} path='money.purchaseReward'>
                  <select {...bind('purchaseMode')}>
                    <option value='perMille'>{t('Per mille of the line amount')}</option>
                    <option value='fixed'>{t('Fixed amount')}</option>
                  </select>
                </Field>
                {form.purchaseMode === 'perMille' ? (
                  <Field label={t('Per mille (‰)')} path='money.purchaseReward.perMille' hint={t('50‰ = 5% of what was paid')}>
                    <input inputMode='numeric' {...bind('purchasePerMille')} />
                  </Field>
                ) : (
                  <Field label={t('Fixed amount (yuan)')} path='money.purchaseReward.fixedFen'>
                    <input inputMode='decimal' {...bind('purchaseFixedYuan')} />
                  </Field>
                )}
                <Field label={t('Cap per packet (yuan)')} path='money.purchaseReward.capFen'>
                  <input inputMode='decimal' {...bind('purchaseCapYuan')} />
                </Field>
                <Field label={t('Refund window (days; packets unlock after it)')} path='money.refundWindowDays'>
                  <input inputMode='numeric' {...bind('refundWindowDays')} />
                </Field>
              </div>
            </Section>

            <Section title={t('Split schedule')} path='money.split' id='section-split'>
              <Field label={t('Policy')} path='money.split.policy'>
                <select {...bind('splitPolicy')}>
                  <option value='random'>{t('Random shares (拼手气)')}</option>
                  <option value='equal'>{t('Equal shares')}</option>
                </select>
              </Field>
              <Field label={t('Daily split times ({zone})', { zone: form.timeZone })} path='money.split.dailyAt' wide>
                <div className='times' id='split-times'>
                  {form.splitDailyAt.map((time, index) => (
                    <span className='times__item' key={index}>
                      <input
                        type='time'
                        aria-label={t('Split time {n}', { n: index + 1 })}
                        value={time}
                        onChange={(e) =>
                          set(
                            'splitDailyAt',
                            form.splitDailyAt.map((old, i) => (i === index ? e.target.value : old)),
                          )
                        }
                      />
                      <button
                        type='button'
                        className='button button--small'
                        aria-label={t('Remove time')}
                        onClick={() =>
                          set(
                            'splitDailyAt',
                            form.splitDailyAt.filter((_, i) => i !== index),
                          )
                        }
                      >
                        ×
                      </button>
                    </span>
                  ))}
                  <button
                    type='button'
                    className='button button--small'
                    id='add-split-time'
                    onClick={() => set('splitDailyAt', [...form.splitDailyAt, '12:00'])}
                  >
                    + {t('Add time')}
                  </button>
                </div>
              </Field>
              <Field
                label={t('Final split')}
                path='money.split.finalSplit'
                hint={t('One more split when the window closes, so nothing stays in the pools')}
              >
                <span className='checkbox'>
                  <input type='checkbox' {...bind('finalSplit')} />
                  {t('Split at the end of the campaign')}
                </span>
              </Field>
            </Section>

            <Section title={t('Budgets')} path='money.grandPrize' id='section-budgets'>
              <Field
                label={t('Campaign budget (yuan)')}
                path='money.budgetFen'
                hint={t('Share, purchase and split red packets are paid from it; never overspent')}
              >
                <input inputMode='decimal' {...bind('budgetYuan')} />
              </Field>
              <Field label={t('Grand prize budget (yuan)')} path='money.grandPrize.budgetFen'>
                <input inputMode='decimal' {...bind('grandBudgetYuan')} />
              </Field>
              <Field label={t('Grand prize winners')} path='money.grandPrize.winners'>
                <input inputMode='numeric' {...bind('grandWinners')} />
              </Field>
              <Field
                label={t('Grand prize cap per winner (yuan)')}
                path='money.grandPrize.capFen'
                hint={t('The brief caps it at 50,000 yuan')}
              >
                <input inputMode='decimal' {...bind('grandCapYuan')} />
              </Field>
            </Section>

            <Section title={t('Page content')} path='page' id='section-page'>
              <Field label={t('Title')} path='page.title' wide>
                <input {...bind('title')} />
              </Field>
              <Field label={t('Banner image URL')} path='page.bannerUrl' wide>
                <input {...bind('bannerUrl')} placeholder='https://…' />
              </Field>
              <Field label={t('Rules text')} path='page.rulesText' wide>
                <textarea rows={6} {...bind('rulesText')} />
              </Field>
              <Field label={t('Primary colour')} path='page.primaryColor'>
                <ColorInput id='f-primaryColor' value={form.primaryColor} onChange={(v) => set('primaryColor', v)} />
              </Field>
              <Field label={t('Background colour')} path='page.backgroundColor'>
                <ColorInput id='f-backgroundColor' value={form.backgroundColor} onChange={(v) => set('backgroundColor', v)} />
              </Field>
            </Section>
          </form>
          <aside className='editor__preview'>
            <div className='editor__preview-sticky'>
              <h2>{t('Live preview')}</h2>
              <PhonePreview form={form} status={campaign?.status ?? 'draft'} />
            </div>
          </aside>
        </div>
      </section>
    </FieldErrorsContext.Provider>
  );
}

/** The form's own messages (by form field) at the contract paths the editor shows them beside. */
function formErrorsByPath(errors: FormErrors<CampaignForm>): FieldErrors {
  const byPath: FieldErrors = {};
  for (const [field, path] of Object.entries(FORM_FIELD_PATHS) as Array<[FormFieldName, string]>) {
    const message = errors[field]?.message;
    if (typeof message === 'string') (byPath[path] ??= []).push(message);
  }
  return byPath;
}

function ColorInput({ id, value, onChange }: { id: string; value: string; onChange(value: string): void }) {
  const valid = /^#[0-9a-fA-F]{6}$/.test(value);
  return (
    <span className='color-input'>
      <input
        type='color'
        aria-label={t('Pick a colour')}
        value={valid ? value.toLowerCase() : '#000000'}
        onChange={(e) => onChange(e.target.value)}
      />
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} placeholder='#rrggbb' />
    </span>
  );
}
