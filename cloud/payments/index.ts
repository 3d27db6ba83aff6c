import type { Config } from '../config';
import { alipayPaymentProvider } from './alipay';
import type { PaymentProvider, PaymentProviders } from './provider';
import { wechatPayProvider } from './wechatpay';

/** The clients of the providers PAYMENTS enables, with the host's clock (signatures and freshness checks use it). */
export function buildPaymentProviders(config: Config, now: () => Date): PaymentProviders {
  const providers = new Map<'wechatpay' | 'alipay', PaymentProvider>();
  if (config.payments.enabled.includes('wechatpay')) providers.set('wechatpay', wechatPayProvider(config.payments.wechatpay, now));
  if (config.payments.enabled.includes('alipay')) providers.set('alipay', alipayPaymentProvider(config.alipay, now));
  return providers;
}
