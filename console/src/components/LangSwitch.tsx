import { LANGS, setLang, t, useLang, type Lang } from '../i18n';

const NAMES: Record<Lang, string> = { 'zh-CN': '中文', en: 'English' };

/** 中文 | English: the console's language, remembered in this browser. */
export function LangSwitch() {
  const current = useLang();
  return (
    <span className='lang-switch' role='group' aria-label={t('Language')}>
      {LANGS.map((l) => (
        <button
          key={l}
          type='button'
          id={`lang-${l}`}
          className={`lang-switch__option${l === current ? ' active' : ''}`}
          aria-pressed={l === current}
          onClick={() => setLang(l)}
        >
          {NAMES[l]}
        </button>
      ))}
    </span>
  );
}
