/**
 * The four @tarojs/components the shared campaign page uses, as plain DOM elements. The console's
 * build (console/build.mjs) resolves '@tarojs/components' to this file, so the console renders the
 * app's own CampaignPageView (src/packages/campaign) in its preview, not a copy of it.
 */
import type { CSSProperties, ReactNode } from 'react';

type Style = CSSProperties | string | undefined;

interface Common {
  className?: string;
  id?: string;
  style?: Style;
  children?: ReactNode;
  onClick?: () => void;
}

/** Taro takes a style as an object or as CSS text; React wants an object. */
function styleObject(style: Style): CSSProperties | undefined {
  if (typeof style !== 'string') return style;
  const result: Record<string, string> = {};
  for (const declaration of style.split(';')) {
    const [name, ...value] = declaration.split(':');
    if (!name?.trim() || value.length === 0) continue;
    result[name.trim().replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = value.join(':').trim();
  }
  return result;
}

export function View({ className, id, style, children, onClick }: Common) {
  return (
    <div className={className} id={id} style={styleObject(style)} onClick={onClick}>
      {children}
    </div>
  );
}

export function Text({ className, id, style, children, onClick }: Common) {
  return (
    <span className={className} id={id} style={styleObject(style)} onClick={onClick}>
      {children}
    </span>
  );
}

export function Image({ className, id, style, src }: Common & { src: string; mode?: string }) {
  return <img className={className} id={id} style={styleObject(style)} src={src} alt='' />;
}

export function Button({ className, id, style, children, onClick, disabled }: Common & { disabled?: boolean }) {
  return (
    <button type='button' className={className} id={id} style={styleObject(style)} onClick={onClick} disabled={disabled}>
      {children}
    </button>
  );
}
