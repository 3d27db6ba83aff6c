import { useEffect, useState } from 'react';
import type { CampaignStatus } from '../../../contract/campaigns';
import { CampaignPageView } from '../../../src/packages/campaign/CampaignPageView';
import type { CampaignForm } from '../campaignForm';
import { t } from '../i18n';
import { previewPageView } from '../previewView';
import { DEFAULT_BACKGROUND, pageColor } from '../../../src/utils/pageColor';

function useNow(intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

const NO_ENTRY = { checking: false, blockedReason: null, error: null, onEnter: () => undefined, onOpenGroups: () => undefined };

/**
 * The campaign page as shoppers will see it, in a phone-sized frame, as the form is being typed:
 * the app's own page component (src/packages/campaign/CampaignPageView.tsx) fed what the server
 * would answer for this draft once published. Its text is the app's, in Chinese, whatever the
 * console's language.
 */
export function PhonePreview({ form, status = 'draft' }: { form: CampaignForm; status?: CampaignStatus }) {
  const now = useNow();
  const { view, windowSet } = previewPageView(form, status, now);
  return (
    <div className='phone' aria-label={t('Campaign page preview')}>
      <div className='phone__notch' />
      <div className='phone__screen' id='preview' style={{ background: pageColor(view.page.backgroundColor, DEFAULT_BACKGROUND) }}>
        <div className='phone__navbar'>{view.page.title || '活动'}</div>
        <div className='taro-page'>
          <CampaignPageView view={view} nowMs={now.getTime()} bannerSrc={view.page.bannerUrl || null} entry={NO_ENTRY} />
        </div>
      </div>
      {!windowSet && (
        <p className='phone__note' id='preview-window-unset'>
          {t('Set the start and end times to see the countdowns.')}
        </p>
      )}
    </div>
  );
}
