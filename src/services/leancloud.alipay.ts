// Alipay: there is no published Alipay adapter package, so the core build gets our own adapters.
import AV from 'leancloud-storage/core';
import { alipayAdapters } from './alipayAdapters';
import { appId, appKey, serverUrl } from './serverConfig';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- our adapters implement what the SDK calls, not its whole adapter type
AV.setAdapters(alipayAdapters as any);
AV.init({ appId, appKey, serverURL: serverUrl() });

export default AV;
