import { useEffect, useState } from 'react';
import type { CampaignForm } from '../campaignForm';
import { parseYuan, yuan } from '../money';
import { formatCountdown, localToIso, nextSplit } from '../time';

const HEX = /^#[0-9a-fA-F]{6}$/;

function useNow(intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * The campaign page as shoppers will see it in the app (a phone-sized frame), drawn from the
 * form as it is being typed: banner, title, countdowns to the next split and to the end, the
 * rewards, the rules and the call to action.
 */
export function PhonePreview({ form }: { form: CampaignForm }) {
  const now = useNow();
  const primary = HEX.test(form.primaryColor) ? form.primaryColor : '#ff4d4f';
  const background = HEX.test(form.backgroundColor) ? form.backgroundColor : '#ffffff';
  const startsAt = localToIso(form.startsLocal, form.timeZone);
  const endsAt = localToIso(form.endsLocal, form.timeZone);
  const start = startsAt ? new Date(startsAt) : null;
  const end = endsAt ? new Date(endsAt) : null;
  const split =
    startsAt && endsAt ? nextSplit({ startsAt, endsAt, timeZone: form.timeZone }, form.splitDailyAt, form.finalSplit, now) : null;
  const shareMin = parseYuan(form.shareMinYuan);
  const shareMax = parseYuan(form.shareMaxYuan);
  const purchaseCap = parseYuan(form.purchaseCapYuan);
  const grandCap = parseYuan(form.grandCapYuan);

  let phase: 'before' | 'running' | 'over' | 'unknown' = 'unknown';
  if (start && end) phase = now < start ? 'before' : now < end ? 'running' : 'over';

  return (
    <div className='phone' aria-label='Campaign page preview'>
      <div className='phone__notch' />
      <div className='phone__screen' style={{ background }} id='preview'>
        <div className='phone__navbar'>小黑群</div>
        {form.bannerUrl.trim() ? (
          <img className='preview__banner' src={form.bannerUrl.trim()} alt='' />
        ) : (
          <div
            className='preview__banner preview__banner--placeholder'
            style={{ background: `linear-gradient(135deg, ${primary}, #ffb199)` }}
          >
            Banner
          </div>
        )}
        <h1 className='preview__title' style={{ color: primary }} id='preview-title'>
          {form.title || '（未填写标题）'}
        </h1>
        <div className='preview__countdowns'>
          {phase === 'before' && start && (
            <div className='preview__countdown' id='preview-countdown-start'>
              <span>距活动开始</span>
              <strong>{formatCountdown(start.getTime() - now.getTime(), '天')}</strong>
            </div>
          )}
          {phase !== 'over' && split && (
            <div className='preview__countdown' id='preview-countdown-split'>
              <span>距下次瓜分</span>
              <strong>{formatCountdown(split.getTime() - now.getTime(), '天')}</strong>
            </div>
          )}
          {phase !== 'over' && end && (
            <div className='preview__countdown' id='preview-countdown-end'>
              <span>距活动结束</span>
              <strong>{formatCountdown(end.getTime() - now.getTime(), '天')}</strong>
            </div>
          )}
          {phase === 'over' && <div className='preview__countdown preview__countdown--over'>活动已结束</div>}
          {phase === 'unknown' && <div className='preview__countdown preview__countdown--over'>活动时间未设置</div>}
        </div>
        <ul className='preview__rewards'>
          {shareMin !== null && shareMax !== null && (
            <li>
              分享商品到群里，有机会得{' '}
              <b style={{ color: primary }}>
                {yuan(shareMin)}–{yuan(shareMax)}
              </b>{' '}
              红包
            </li>
          )}
          {purchaseCap !== null && (
            <li>
              购买群友分享的商品，必得红包（最高 <b style={{ color: primary }}>{yuan(purchaseCap)}</b>）
            </li>
          )}
          {grandCap !== null && (
            <li>
              终极大奖：全额返现，最高 <b style={{ color: primary }}>{yuan(grandCap)}</b>
            </li>
          )}
        </ul>
        <div className='preview__rules' id='preview-rules'>
          <h2>活动规则</h2>
          <p>{form.rulesText || '（未填写规则）'}</p>
        </div>
        <div className='preview__cta-bar'>
          <button type='button' className='preview__cta' style={{ background: primary }} tabIndex={-1}>
            创建或加入小黑群
          </button>
        </div>
      </div>
    </div>
  );
}
