/** Baked in by console/build.mjs from APP_ID / APP_KEY. */
declare const __CONSOLE_APP_ID__: string;
declare const __CONSOLE_APP_KEY__: string;

declare module '*.css';

/** @types/react-dom is not installed in this project: the one entry point the console uses. */
declare module 'react-dom/client' {
  import type { ReactNode } from 'react';
  export function createRoot(container: Element): { render(children: ReactNode): void; unmount(): void };
}
