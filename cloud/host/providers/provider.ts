/** A host platform that vouches for a user: it turns a one-time login code into a stable user id. */
export interface LoginProvider {
  /** The authData key the SDK sends: `lc_weapp` or `lc_alipay`. */
  readonly name: 'lc_weapp' | 'lc_alipay';
  /** New users created through this provider get this nickname until they set their own. */
  readonly defaultNickname: string;
  /**
   * `unionId`: WeChat's id of the user across the apps of one open platform account, when the
   * mini-program is bound to one; the account is found by it when the openid is new here.
   */
  exchangeCode(code: string): Promise<{ providerUid: string; unionId?: string }>;
}

/** How long the host waits for WeChat's or Alipay's servers. */
export const PROVIDER_TIMEOUT_MS = 5000;
