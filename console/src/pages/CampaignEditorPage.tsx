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
import { LifecycleActions } from '../components/LifecycleActions';
import { PhonePreview } from '../components/PhonePreview';
import { ErrorBox, Loading } from '../components/States';
import { StatusBadge } from '../components/StatusBadge';
import { describeError } from '../errorText';
import { mergeFieldErrors, placeServerIssues, type FieldErrors } from '../fieldErrors';
import { href } from '../router';
import { formatInZone, localToIso, TIME_ZONES, zoneOffset } from '../time';
import { useLoad } from '../useLoad';

interface Loaded {
  campaign: CampaignJson | null;
  published: CampaignJson | null;
}

export function CampaignEditorPage({ campaignId }: { campaignId: string | null }) {
  const loaded = useLoad<Loaded>(
    async () => (campaignId ? call('getCampaign', { campaignId }) : { campaign: null, published: null }),
    `editor:${campaignId ?? 'new'}`,
  );
  if (loaded.loading) return <Loading label='Loading campaign…' />;
  if (loaded.error || !loaded.data) {
    return (
      <section className='page'>
        <h1>Campaign</h1>
        <ErrorBox error={loaded.error ?? 'Not found'} onRetry={() => void loaded.reload()} />
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
      setNotice(saved.hasUnpublishedChanges && saved.version > 0 ? 'Draft saved. Publish to make the changes live.' : 'Draft saved.');
      if (!campaign) history.replaceState(null, '', href({ page: 'editor', campaignId: saved.campaignId }));
      return saved;
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, String(e));
      if (error.code === ErrorCode.INVALID_PARAMS) {
        const { byPath, top } = placeServerIssues(error.issues, error.message, FIELD_PATHS);
        setServerErrors(byPath);
        setTopErrors(top.length > 0 ? top : ['The server did not accept some fields; see the messages beside them.']);
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
        setTopErrors(['Some fields need fixing before the draft can be saved.']);
      },
    )();
    return saved;
  };

  const onLifecycle = async (updated: CampaignJson) => {
    setCampaign(updated);
    setNotice(
      updated.status === 'published'
        ? `Published version ${updated.version}.`
        : updated.status === 'paused'
          ? 'Campaign paused.'
          : updated.status === 'ended'
            ? 'Campaign ended.'
            : null,
    );
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
              ← Campaigns
            </a>
            <h1 id='editor-title'>{campaign ? campaign.name : 'New campaign'}</h1>
            {campaign && (
              <div className='editor__meta'>
                <StatusBadge status={campaign.status} />
                <span id='editor-version'>{campaign.version > 0 ? `Published version v${campaign.version}` : 'Never published'}</span>
                {campaign.hasUnpublishedChanges && campaign.version > 0 && <span className='pill pill--warn'>Unpublished changes</span>}
                {published?.publishedAt && (
                  <span className='muted'>last published {formatInZone(published.publishedAt, campaign.timeZone)}</span>
                )}
                <a href={href({ page: 'stats', campaignId: campaign.campaignId })}>Stats</a>
                <a href={href({ page: 'audit', campaignId: campaign.campaignId })}>Audit log</a>
              </div>
            )}
          </div>
          <div className='page__actions'>
            {dirty && (
              <span className='muted' id='unsaved'>
                Unsaved edits
              </span>
            )}
            <button
              type='button'
              className='button'
              id='save-draft'
              onClick={() => void save()}
              disabled={saving || (!dirty && !!campaign)}
            >
              {saving ? 'Saving…' : 'Save draft'}
            </button>
            {campaign && (
              <LifecycleActions
                campaign={campaign}
                onChanged={(c) => void onLifecycle(c)}
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
          <p className='notice notice--muted'>This campaign has ended; its settings are shown for reference.</p>
        )}

        <div className='editor'>
          <form className='editor__form' onSubmit={(e) => e.preventDefault()}>
            <Section title='Basics' id='section-basics'>
              <Field label='Name' path='name' wide>
                <input {...bind('name')} placeholder='双十一小黑群 · 分享购买赢回血红包' />
              </Field>
              <Field label='Slug' path='slug' hint='The page address in the app: lower-case letters, digits and -'>
                <input {...bind('slug')} placeholder='double11-2025' />
              </Field>
              <Field label='Time zone' path='timeZone' hint={zoneOffset(form.timeZone)}>
                <select {...bind('timeZone')}>
                  {zones.map((z) => (
                    <option key={z} value={z}>
                      {z}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={`Starts (${form.timeZone})`} path='startsAt' hint={startsIso ? `sent as ${startsIso}` : undefined}>
                <input type='datetime-local' {...bind('startsLocal')} />
              </Field>
              <Field label={`Ends (${form.timeZone})`} path='endsAt' hint={endsIso ? `sent as ${endsIso} (exclusive)` : undefined}>
                <input type='datetime-local' {...bind('endsLocal')} />
              </Field>
            </Section>

            <Section title='Eligibility and group rules' path='rules' id='section-rules'>
              <Field label='Who may create a group' path='rules.creatorGender'>
                <select {...bind('creatorGender')}>
                  <option value='female'>Women only</option>
                  <option value='male'>Men only</option>
                  <option value='any'>Anyone</option>
                </select>
              </Field>
              <Field label='Minimum taoqi score to create' path='rules.creatorMinTaoqi'>
                <input inputMode='numeric' {...bind('creatorMinTaoqi')} />
              </Field>
              <Field label='Members to become active' path='rules.minMembers'>
                <input inputMode='numeric' {...bind('minMembers')} />
              </Field>
              <Field label='Maximum members' path='rules.maxMembers'>
                <input inputMode='numeric' {...bind('maxMembers')} />
              </Field>
              <Field label='Groups a user may create' path='rules.maxGroupsCreatedPerUser'>
                <input inputMode='numeric' {...bind('maxGroupsCreatedPerUser')} />
              </Field>
              <Field label='Groups a user may join' path='rules.maxGroupsJoinedPerUser'>
                <input inputMode='numeric' {...bind('maxGroupsJoinedPerUser')} />
              </Field>
            </Section>

            <Section title='Rewards' id='section-rewards'>
              <div className='subsection' data-field='money.shareReward'>
                <h3>Share red packet (a chance per share)</h3>
                <Field label='Chance per share (%)' path='money.shareReward.probability'>
                  <input inputMode='decimal' {...bind('sharePercent')} />
                </Field>
                <Field label='Minimum (yuan)' path='money.shareReward.minFen'>
                  <input inputMode='decimal' {...bind('shareMinYuan')} />
                </Field>
                <Field label='Maximum (yuan)' path='money.shareReward.maxFen'>
                  <input inputMode='decimal' {...bind('shareMaxYuan')} />
                </Field>
                <Field label='Share packets per user per day' path='money.shareReward.dailyCapPerUser'>
                  <input inputMode='numeric' {...bind('shareDailyCap')} />
                </Field>
                <FieldMessages path='money.shareReward' />
              </div>
              <div className='subsection' data-field='money.purchaseReward'>
                <h3>Purchase red packet (buying what a groupmate shared)</h3>
                <Field label='Amount' path='money.purchaseReward'>
                  <select {...bind('purchaseMode')}>
                    <option value='perMille'>Per mille of the line amount</option>
                    <option value='fixed'>Fixed amount</option>
                  </select>
                </Field>
                {form.purchaseMode === 'perMille' ? (
                  <Field label='Per mille (‰)' path='money.purchaseReward.perMille' hint='50‰ = 5% of what was paid'>
                    <input inputMode='numeric' {...bind('purchasePerMille')} />
                  </Field>
                ) : (
                  <Field label='Fixed amount (yuan)' path='money.purchaseReward.fixedFen'>
                    <input inputMode='decimal' {...bind('purchaseFixedYuan')} />
                  </Field>
                )}
                <Field label='Cap per packet (yuan)' path='money.purchaseReward.capFen'>
                  <input inputMode='decimal' {...bind('purchaseCapYuan')} />
                </Field>
                <Field label='Refund window (days; packets unlock after it)' path='money.refundWindowDays'>
                  <input inputMode='numeric' {...bind('refundWindowDays')} />
                </Field>
              </div>
            </Section>

            <Section title='Split schedule' path='money.split' id='section-split'>
              <Field label='Policy' path='money.split.policy'>
                <select {...bind('splitPolicy')}>
                  <option value='random'>Random shares (拼手气)</option>
                  <option value='equal'>Equal shares</option>
                </select>
              </Field>
              <Field label={`Daily split times (${form.timeZone})`} path='money.split.dailyAt' wide>
                <div className='times' id='split-times'>
                  {form.splitDailyAt.map((time, index) => (
                    <span className='times__item' key={index}>
                      <input
                        type='time'
                        aria-label={`Split time ${index + 1}`}
                        value={time}
                        onChange={(e) =>
                          set(
                            'splitDailyAt',
                            form.splitDailyAt.map((t, i) => (i === index ? e.target.value : t)),
                          )
                        }
                      />
                      <button
                        type='button'
                        className='button button--small'
                        aria-label='Remove time'
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
                    + Add time
                  </button>
                </div>
              </Field>
              <Field
                label='Final split'
                path='money.split.finalSplit'
                hint='One more split when the window closes, so nothing stays in the pools'
              >
                <span className='checkbox'>
                  <input type='checkbox' {...bind('finalSplit')} />
                  Split at the end of the campaign
                </span>
              </Field>
            </Section>

            <Section title='Budgets' path='money.grandPrize' id='section-budgets'>
              <Field
                label='Campaign budget (yuan)'
                path='money.budgetFen'
                hint='Share, purchase and split red packets are paid from it; never overspent'
              >
                <input inputMode='decimal' {...bind('budgetYuan')} />
              </Field>
              <Field label='Grand prize budget (yuan)' path='money.grandPrize.budgetFen'>
                <input inputMode='decimal' {...bind('grandBudgetYuan')} />
              </Field>
              <Field label='Grand prize winners' path='money.grandPrize.winners'>
                <input inputMode='numeric' {...bind('grandWinners')} />
              </Field>
              <Field label='Grand prize cap per winner (yuan)' path='money.grandPrize.capFen' hint='The brief caps it at 50,000 yuan'>
                <input inputMode='decimal' {...bind('grandCapYuan')} />
              </Field>
            </Section>

            <Section title='Page content' path='page' id='section-page'>
              <Field label='Title' path='page.title' wide>
                <input {...bind('title')} />
              </Field>
              <Field label='Banner image URL' path='page.bannerUrl' wide>
                <input {...bind('bannerUrl')} placeholder='https://…' />
              </Field>
              <Field label='Rules text' path='page.rulesText' wide>
                <textarea rows={6} {...bind('rulesText')} />
              </Field>
              <Field label='Primary colour' path='page.primaryColor'>
                <ColorInput id='f-primaryColor' value={form.primaryColor} onChange={(v) => set('primaryColor', v)} />
              </Field>
              <Field label='Background colour' path='page.backgroundColor'>
                <ColorInput id='f-backgroundColor' value={form.backgroundColor} onChange={(v) => set('backgroundColor', v)} />
              </Field>
            </Section>
          </form>
          <aside className='editor__preview'>
            <div className='editor__preview-sticky'>
              <h2>Live preview</h2>
              <PhonePreview form={form} />
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
        aria-label='Pick a colour'
        value={valid ? value.toLowerCase() : '#000000'}
        onChange={(e) => onChange(e.target.value)}
      />
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} placeholder='#rrggbb' />
    </span>
  );
}
